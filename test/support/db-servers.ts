/**
 * Throwaway database servers for the tests and the bench: Debian's PostgreSQL 15, MariaDB 10.11 and
 * Firebird 3, each started on 127.0.0.1 on a free port with its own data directory (never the
 * machine's own instances), an administrator with a password, and torn down afterwards.
 *
 * The servers refuse to run as root (PostgreSQL, MariaDB) or want their own files (Firebird), so
 * when the tests run as root each server process runs as its Debian service user.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ServerDatabase as ServerDatabaseSchema, type ServerDatabase } from '../../electron/engine/erp/drivers/config.ts';
import { openServerDriver } from '../../electron/engine/erp/drivers/index.ts';

export type ServerKind = 'postgres' | 'mariadb' | 'firebird';

const PG_BIN = '/usr/lib/postgresql/15/bin';
const FB_LIB = '/usr/lib/x86_64-linux-gnu/firebird/3.0';
const BINARIES: Record<ServerKind, string[]> = {
  postgres: [`${PG_BIN}/initdb`, `${PG_BIN}/postgres`],
  mariadb: ['/usr/bin/mariadb-install-db', '/usr/sbin/mariadbd'],
  firebird: ['/usr/sbin/firebird', '/usr/bin/isql-fb', `${FB_LIB}/intl/libfbintl.so`, '/var/lib/firebird/3.0/system/security3.fdb'],
};
const PACKAGES: Record<ServerKind, string> = { postgres: 'postgresql', mariadb: 'mariadb-server', firebird: 'firebird3.0-server' };

/** Why the server cannot be started here (for `describe.skipIf`), or null when it can. */
export const serverMissing = (kind: ServerKind): string | null => {
  const missing = BINARIES[kind].filter((file) => !existsSync(file));
  return missing.length ? `${kind}: ${missing.join(', ')} ausente (instale o pacote ${PACKAGES[kind]}: bash scripts/system-deps.sh)` : null;
};

export interface RunningServer {
  kind: ServerKind;
  /** Connection settings of the administrator (owner of the `erp` database), password apart. */
  database: ServerDatabase;
  password: string;
  /** A user that can only read (granted by `grantReadOnly`). */
  readOnly: { user: string; password: string };
  /** Stops the server (SIGTERM, waits for exit); the data directory stays for `start`. */
  stop(): Promise<void>;
  /** Starts it again on the same port and data. */
  start(): Promise<void>;
  /** Stops it and removes its data. */
  close(): Promise<void>;
}

export const PASSWORD = 'Senha-de-teste-1';
const READER = { user: 'leitor', password: 'Leitor-de-teste-1' };

export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });

const isRoot = () => process.getuid?.() === 0;
const serviceUser = (name: string): { uid: number; gid: number } | null => {
  if (!isRoot()) return null;
  const uid = Number(spawnSync('id', ['-u', name], { encoding: 'utf8' }).stdout.trim());
  const gid = Number(spawnSync('id', ['-g', name], { encoding: 'utf8' }).stdout.trim());
  if (!Number.isInteger(uid) || !Number.isInteger(gid) || uid <= 0) throw new Error(`usuário de sistema ${name} ausente`);
  return { uid, gid };
};

const run = (command: string, args: string[], options: { user?: { uid: number; gid: number } | null; env?: NodeJS.ProcessEnv; input?: string; cwd?: string } = {}) => {
  const result = spawnSync(command, args, {
    encoding: 'utf8',
    input: options.input,
    env: options.env ?? process.env,
    cwd: options.cwd ?? os.tmpdir(),
    ...(options.user && { uid: options.user.uid, gid: options.user.gid }),
  });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  if (result.status !== 0 || /Statement failed|error/i.test(result.stderr ?? '')) {
    throw new Error(`${path.basename(command)} falhou (${result.status}): ${output.slice(-2000)}`);
  }
  return output;
};

/** Waits until `line` appears in the process output or a TCP connection succeeds; fails if it exits. */
const waitReady = (child: ChildProcess, port: number, line: RegExp | null, what: string): Promise<void> =>
  new Promise((resolve, reject) => {
    let log = '';
    let done = false;
    const finish = (error?: Error) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (error) {
        child.kill('SIGKILL');
        reject(error);
      }
      else resolve();
    };
    const onData = (chunk: Buffer) => {
      log = (log + chunk.toString()).slice(-4000);
      if (line?.test(log)) finish();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => finish(new Error(`${what} saiu com código ${code}: ${log}`)));
    const timer = setTimeout(() => finish(new Error(`${what} não ficou pronto em 30 s: ${log}`)), 30_000);
    if (!line) {
      const probe = () => {
        if (done) return;
        const socket = net.connect(port, '127.0.0.1');
        socket.once('connect', () => {
          socket.destroy();
          finish();
        });
        socket.once('error', () => {
          socket.destroy();
          setTimeout(probe, 50);
        });
      };
      probe();
    }
  });

// Servers still running when the test process ends are killed with it (vitest must exit, and a
// server left behind holds its port and data dir).
const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

/**
 * SIGTERM, then SIGKILL if the process has not gone after `graceMs`: Firebird 3 started by hand
 * ignores SIGTERM once a database has been attached. The data is throwaway, so a hard stop is fine.
 */
const stopChild = (child: ChildProcess | null, graceMs = 5_000, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> =>
  new Promise((resolve) => {
    if (!child || child.exitCode !== null || child.signalCode !== null) {
      if (child) live.delete(child);
      return resolve();
    }
    const hard = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(hard);
      live.delete(child);
      resolve();
    });
    child.kill(signal);
  });

const makeDir = (prefix: string, owner: { uid: number; gid: number } | null): string => {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  chmodSync(dir, 0o755);
  if (owner) chownSync(dir, owner.uid, owner.gid);
  return dir;
};

const managed = (kind: ServerKind, database: ServerDatabase, dir: string, launch: () => Promise<ChildProcess>): Promise<RunningServer> => {
  let child: ChildProcess | null = null;
  const server: RunningServer = {
    kind,
    database,
    password: PASSWORD,
    readOnly: READER,
    stop: async () => {
      // PostgreSQL's SIGTERM is a "smart" shutdown that waits for every client to leave; SIGINT
      // ("fast") ends their sessions and rolls them back, as a server switched off in a run does.
      await stopChild(child, kind === 'firebird' ? 0 : 5_000, kind === 'postgres' ? 'SIGINT' : 'SIGTERM');
      child = null;
    },
    start: async () => {
      child = await launch();
      live.add(child);
    },
    close: async () => {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return server.start().then(() => server);
};

// ---------------------------------------------------------------------------------------------
// PostgreSQL 15

export const startPostgres = async (): Promise<RunningServer> => {
  const user = serviceUser('postgres');
  const dir = makeDir('ponte-pg-', user);
  const data = path.join(dir, 'data');
  const pwfile = path.join(dir, 'pw');
  writeFileSync(pwfile, `${PASSWORD}\n`);
  if (user) chownSync(pwfile, user.uid, user.gid);
  run(`${PG_BIN}/initdb`, ['-D', data, '-U', 'ponte', '--auth=scram-sha-256', `--pwfile=${pwfile}`, '-E', 'UTF8', '--locale=C.UTF-8', '-N'], { user });
  const port = await freePort();
  const launch = async () => {
    const child = spawn(`${PG_BIN}/postgres`, ['-D', data, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'], {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(user && { uid: user.uid, gid: user.gid }),
    });
    await waitReady(child, port, /ready to accept connections/, 'PostgreSQL');
    return child;
  };
  const server = await managed('postgres', { driver: 'postgres', host: '127.0.0.1', port, database: 'postgres', user: 'ponte', ssl: false }, dir, launch);
  const pg = (await import('pg')).default;
  const admin = new pg.Client({ host: '127.0.0.1', port, user: 'ponte', password: PASSWORD, database: 'postgres' });
  await admin.connect();
  try {
    await admin.query("CREATE DATABASE erp ENCODING 'UTF8' TEMPLATE template0");
    await admin.query(`CREATE ROLE ${READER.user} LOGIN PASSWORD '${READER.password}'`);
  } finally {
    await admin.end();
  }
  server.database = { ...server.database, database: 'erp' };
  return server;
};

// ---------------------------------------------------------------------------------------------
// MariaDB 10.11

export const startMariadb = async (): Promise<RunningServer> => {
  const user = serviceUser('mysql');
  const dir = makeDir('ponte-maria-', user);
  const data = path.join(dir, 'data');
  const socket = path.join(dir, 'mysqld.sock');
  run('/usr/bin/mariadb-install-db', ['--no-defaults', `--datadir=${data}`, `--user=${user ? 'mysql' : os.userInfo().username}`, '--auth-root-authentication-method=normal', '--skip-test-db', '--skip-name-resolve'], {});
  const port = await freePort();
  const launch = async () => {
    const child = spawn(
      '/usr/sbin/mariadbd',
      ['--no-defaults', `--datadir=${data}`, `--socket=${socket}`, `--port=${port}`, '--bind-address=127.0.0.1', `--pid-file=${path.join(dir, 'mysqld.pid')}`,
        '--skip-name-resolve', '--innodb-buffer-pool-size=64M', '--innodb-flush-log-at-trx-commit=0', '--skip-log-bin', '--character-set-server=utf8mb4', '--collation-server=utf8mb4_unicode_ci',
        ...(user ? ['--user=mysql'] : [])],
      { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    await waitReady(child, port, /ready for connections/, 'MariaDB');
    return child;
  };
  const server = await managed('mariadb', { driver: 'mysql', host: '127.0.0.1', port, database: 'erp', user: 'ponte' }, dir, launch);
  const mysql = (await import('mysql2/promise')).default;
  const admin = await mysql.createConnection({ socketPath: socket, user: 'root' });
  try {
    await admin.query('CREATE DATABASE erp CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci');
    await admin.query("CREATE USER 'ponte'@'127.0.0.1' IDENTIFIED BY ?", [PASSWORD]);
    await admin.query("GRANT ALL PRIVILEGES ON erp.* TO 'ponte'@'127.0.0.1' WITH GRANT OPTION");
    await admin.query(`CREATE USER '${READER.user}'@'127.0.0.1' IDENTIFIED BY ?`, [READER.password]);
  } finally {
    await admin.end();
  }
  return server;
};

// ---------------------------------------------------------------------------------------------
// Firebird 3 (SuperServer), with a configuration root of its own (FIREBIRD=...)

/**
 * A listening port is not a Firebird that takes logins yet: on a loaded machine the first attaches
 * right after start were refused as a wrong password (seen in a CI run and once under load). Ready means that a
 * SYSDBA login over TCP works; until then the tests wait, up to 20 s, then fail naming the cause.
 */
const firebirdAcceptsLogin = async (port: number, dbFile: string, env: NodeJS.ProcessEnv, database: ServerDatabase): Promise<void> => {
  const deadline = Date.now() + 20_000;
  let last = '';
  while (Date.now() < deadline) {
    const probe = spawnSync('/usr/bin/isql-fb', ['-q', '-user', 'SYSDBA', '-password', PASSWORD, `127.0.0.1/${port}:${dbFile}`], {
      encoding: 'utf8',
      input: 'SELECT 1 FROM RDB$DATABASE;\n',
      env,
      timeout: 10_000,
    });
    last = `${probe.stdout ?? ''}${probe.stderr ?? ''}`;
    if (probe.status === 0 && !/error|failed/i.test(probe.stderr ?? '')) {
      // isql may take a login the engine's own client (Srp over an encrypted wire) is still refused
      // (a CI run): ready is when that client reads too.
      const driver = openServerDriver(ServerDatabaseSchema.parse(database), PASSWORD);
      try {
        await driver.run('SELECT 1 FROM RDB$DATABASE');
        return;
      } catch (error) {
        last = String(error);
      } finally {
        await driver.close().catch(() => {});
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`Firebird na porta ${port} não aceitou o login do SYSDBA em 20 s: ${last.slice(-500)}`);
};

export const startFirebird = async (): Promise<RunningServer> => {
  const dir = makeDir('ponte-fb-', null);
  // The server reads firebird.conf, databases.conf, plugins and intl from its root. The intl module
  // must be a real file there: a symlink to Debian's copy makes WIN1252 "not installed".
  for (const name of ['plugins', 'lib', 'UDF', 'firebird.msg', 'plugins.conf']) symlinkSync(path.join(FB_LIB, name), path.join(dir, name));
  mkdirSync(path.join(dir, 'intl'));
  copyFileSync(path.join(FB_LIB, 'intl', 'libfbintl.so'), path.join(dir, 'intl', 'libfbintl.so'));
  copyFileSync(path.join(FB_LIB, 'intl', 'fbintl.conf'), path.join(dir, 'intl', 'fbintl.conf'));
  copyFileSync('/var/lib/firebird/3.0/system/security3.fdb', path.join(dir, 'security3.fdb'));
  for (const sub of ['lock', 'tmp']) mkdirSync(path.join(dir, sub));
  const port = await freePort();
  const dbFile = path.join(dir, 'ERP.FDB');
  writeFileSync(
    path.join(dir, 'firebird.conf'),
    [
      `RemoteServicePort = ${port}`,
      'RemoteBindAddress = 127.0.0.1',
      'AuthServer = Srp, Legacy_Auth',
      'UserManager = Srp, Legacy_UserManager',
      'WireCrypt = Enabled',
      `SecurityDatabase = ${path.join(dir, 'security3.fdb')}`,
      `IpcName = ponte_fb_${port}`,
      `DatabaseAccess = Restrict ${dir}`,
      '',
    ].join('\n'),
  );
  writeFileSync(path.join(dir, 'databases.conf'), `security.db = ${path.join(dir, 'security3.fdb')}\nerp = ${dbFile}\n`);
  const env = { ...process.env, FIREBIRD: dir, FIREBIRD_LOCK: path.join(dir, 'lock'), FIREBIRD_TMP: path.join(dir, 'tmp') };
  // Embedded (no server yet): passwords in the copied security database, then the ERP database.
  run('/usr/bin/isql-fb', ['-q', '-user', 'SYSDBA', path.join(dir, 'security3.fdb')], {
    env,
    input: [
      `CREATE OR ALTER USER SYSDBA PASSWORD '${PASSWORD}' USING PLUGIN Srp;`,
      `CREATE OR ALTER USER ${READER.user.toUpperCase()} PASSWORD '${READER.password}' USING PLUGIN Srp;`,
      `CREATE OR ALTER USER LEGADO PASSWORD 'legado1' USING PLUGIN Legacy_UserManager;`,
      'COMMIT;',
      '',
    ].join('\n'),
  });
  run('/usr/bin/isql-fb', ['-q'], { env, input: `CREATE DATABASE '${dbFile}' USER 'SYSDBA' PAGE_SIZE 8192 DEFAULT CHARACTER SET WIN1252;\n` });
  const database: ServerDatabase = { driver: 'firebird', host: '127.0.0.1', port, database: 'erp', user: 'SYSDBA', charset: 'WIN1252', wireCrypt: 'enabled', auth: 'srp' };
  const launch = async () => {
    const child = spawn('/usr/sbin/firebird', [], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    await waitReady(child, port, null, 'Firebird');
    await firebirdAcceptsLogin(port, dbFile, env, database);
    return child;
  };
  return managed('firebird', database, dir, launch);
};

export const startServer = (kind: ServerKind): Promise<RunningServer> =>
  kind === 'postgres' ? startPostgres() : kind === 'mariadb' ? startMariadb() : startFirebird();
