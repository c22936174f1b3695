/**
 * Which driver errors mean "the server went away" (the run stops, nothing is marked done, the next
 * run tries again) rather than a problem of one query or one order. The texts and codes are the ones
 * node-firebird, pg and mysql2 give when the server stops in the middle of a run
 * (test/sync/erp-servers.e2e.test.ts shows them against real servers).
 */
import { describe, expect, it } from 'vitest';
import { dbErrorKind, describeDbError } from '../../electron/engine/erp/drivers/errors.ts';
import { ServerDatabase } from '../../electron/engine/erp/drivers/config.ts';

describe('database errors of a server that stopped', () => {
  it.each([
    ['firebird', { message: 'Connection to Firebird server was lost.' }],
    ['firebird', { message: 'Connection is closed.' }],
    ['firebird', { message: 'Connection shutdown', gdscode: 335544856 }],
    ['firebird', { message: 'Connection lost to database', gdscode: 335544741 }],
    ['firebird', { message: 'conexão com o Firebird encerrada pelo Ponte' }],
    ['postgres', { message: 'terminating connection due to administrator command', code: '57P01' }],
    ['postgres', { message: 'Connection terminated unexpectedly' }],
    ['mysql', { message: 'Connection lost: The server closed the connection.', code: 'PROTOCOL_CONNECTION_LOST' }],
  ] as const)('%s: %o is a lost connection', (driver, raw) => {
    expect(dbErrorKind(driver, Object.assign(new Error(raw.message), raw))).toBe('lost');
  });

  it('names the server, says nothing was lost, in pt-BR', () => {
    const config = ServerDatabase.parse({ driver: 'firebird', host: '127.0.0.1', port: 3050, database: 'erp', user: 'SYSDBA', charset: 'WIN1252' });
    const error = describeDbError(config, Object.assign(new Error('Connection shutdown'), { gdscode: 335544856 }));
    expect(error.isConnection).toBe(true);
    expect(error.message).toBe('a conexão com o servidor Firebird em 127.0.0.1:3050 caiu (Connection shutdown); nada foi perdido: a próxima execução tenta de novo');
  });

  it('a refused value is not a connection problem', () => {
    expect(dbErrorKind('postgres', Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), { code: '22021' }))).toBe('nul');
    expect(dbErrorKind('postgres', Object.assign(new Error('value too long for type character varying(60)'), { code: '22001' }))).toBe('sql');
  });
});
