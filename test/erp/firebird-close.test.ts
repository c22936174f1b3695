import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FirebirdDriver } from '../../electron/engine/erp/drivers/firebird.ts';
import { ServerDatabase } from '../../electron/engine/erp/drivers/config.ts';
import { serverMissing, startServer, type RunningServer } from '../support/db-servers.ts';

// node-firebird's detach waits on every pending request: close() must finish anyway (bounded wait, then the socket).
describe.skipIf(serverMissing('firebird') !== null)('Firebird close', () => {
  let server: RunningServer;
  const cfg = () => ServerDatabase.parse(server.database) as Extract<ReturnType<typeof ServerDatabase.parse>, { driver: 'firebird' }>;
  beforeAll(async () => {
    server = await startServer('firebird');
    const d = new FirebirdDriver(cfg(), server.password);
    await d.run('CREATE TABLE t (n INTEGER, s VARCHAR(200))');
    await d.run("EXECUTE BLOCK AS DECLARE i INTEGER = 0; BEGIN WHILE (i < 20000) DO BEGIN INSERT INTO t VALUES (:i, 'Pão de Açúcar'); i = i + 1; END END");
    await d.close();
  }, 60_000);
  afterAll(() => server?.close());

  it('closes with a stream abandoned after a few rows', async () => {
    const d = new FirebirdDriver(cfg(), server.password);
    let n = 0;
    for await (const _ of d.stream('SELECT * FROM t')) if (++n > 3) break;
    const t0 = Date.now();
    await d.close();
    expect(Date.now() - t0).toBeLessThan(5_000);
  }, 10_000);

  it('closes with a long query still running on the server', async () => {
    const d = new FirebirdDriver(cfg(), server.password);
    await d.query('SELECT 1 AS x FROM rdb$database');
    const q = d.query('SELECT count(*) AS c FROM t a CROSS JOIN t b').catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 200));
    const t0 = Date.now();
    await d.close();
    expect(Date.now() - t0).toBeLessThan(5_000);
    void q;
  }, 10_000);

  it('closes with an iterator left open', async () => {
    const d = new FirebirdDriver(cfg(), server.password);
    const iter = d.stream('SELECT * FROM t')[Symbol.asyncIterator]();
    await iter.next();
    const t0 = Date.now();
    await d.close();
    expect(Date.now() - t0).toBeLessThan(5_000);
  }, 10_000);
});
