/**
 * Issue #13: closing a Firebird connection is bounded. node-firebird's detach waits for every query
 * still queued on the connection, so a close during a long query (a stopped engine, a settings
 * change mid-read) hung until the server finished it. The vitest timeouts are the assertions.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DETACH_WAIT_MS, FirebirdDriver } from '../../electron/engine/erp/drivers/firebird.ts';
import { ServerDatabase, type ParsedServerDatabase } from '../../electron/engine/erp/drivers/config.ts';
import { serverMissing, startServer, type RunningServer } from '../support/db-servers.ts';

type FirebirdConfig = Extract<ParsedServerDatabase, { driver: 'firebird' }>;

describe.skipIf(serverMissing('firebird') !== null)('Firebird close (issue #13)', () => {
  let server: RunningServer;
  const config = () => ServerDatabase.parse(server.database) as FirebirdConfig;

  beforeAll(async () => {
    server = await startServer('firebird');
    const driver = new FirebirdDriver(config(), server.password);
    await driver.run('CREATE TABLE t (n INTEGER, s VARCHAR(200))');
    await driver.run("EXECUTE BLOCK AS DECLARE i INTEGER = 0; BEGIN WHILE (i < 20000) DO BEGIN INSERT INTO t VALUES (:i, 'Pão de Açúcar'); i = i + 1; END END");
    await driver.close();
  }, 60_000);
  afterAll(() => server?.close());

  it('closes within the bound while a long query runs, and the query fails instead of hanging', async () => {
    const driver = new FirebirdDriver(config(), server.password);
    await driver.query('SELECT 1 AS x FROM rdb$database');
    // A 400-million-row cross join: the server is busy with it far longer than the test allows.
    const long = driver.query('SELECT count(*) AS c FROM t a CROSS JOIN t b').then(() => 'answered', (error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const started = Date.now();
    await driver.close();
    expect(Date.now() - started).toBeLessThan(DETACH_WAIT_MS + 1_000);
    expect(await long).toBeInstanceOf(Error);
    // The server is unharmed and a new connection attaches as usual.
    const again = new FirebirdDriver(config(), server.password);
    expect(await again.query('SELECT count(*) AS c FROM t')).toEqual([{ c: 20000 }]);
    await again.close();
  }, 8_000);

  it('an abandoned stream or an iterator left open still detaches at once', async () => {
    const driver = new FirebirdDriver(config(), server.password);
    let rows = 0;
    for await (const row of driver.stream('SELECT n, s FROM t')) {
      expect(row.s).toBe('Pão de Açúcar');
      if (++rows === 3) break;
    }
    const open = driver.stream('SELECT n FROM t')[Symbol.asyncIterator]();
    await open.next();
    const started = Date.now();
    await driver.close();
    expect(Date.now() - started).toBeLessThan(DETACH_WAIT_MS);
  }, 8_000);
});
