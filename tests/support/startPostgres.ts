import pg from 'pg';
import { type EmbeddedServer, freePort, startEmbeddedPostgres } from '../../bench/embeddedPostgres.ts';

export { freePort };

export interface TestPostgres extends EmbeddedServer {
  /** A new, empty database with a unique name; returns its URL. */
  createDatabase(): Promise<string>;
  /** Runs `work` on a client connected to the database of `url`, then disconnects. */
  withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T>;
  /**
   * Ends the connections to `database` that `applicationName` opened (a lost connection, as the
   * store sees it); returns how many.
   */
  terminateConnections(database: string, applicationName?: string): Promise<number>;
}

/**
 * A PostgreSQL server for one test file (the bench starts its servers the same way), with fsync
 * off: one per file, so a file that stops its server for a fault test stops nobody else's.
 * Each test takes a database of its own from it.
 */
export async function startPostgres(): Promise<TestPostgres> {
  const server = await startEmbeddedPostgres({ durable: false });
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
  const admin = <T>(work: (client: pg.Client) => Promise<T>) => withClient(server.url(), work);
  let databases = 0;
  return {
    ...server,
    withClient,
    async createDatabase() {
      databases++;
      const name = `studyquiz_test_${databases}`;
      await admin((client) => client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`));
      return server.url(name);
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
  };
}
