import type pg from 'pg';
import type { DatabaseTarget } from './databaseTarget.ts';
import { explainDatabaseFailure } from './explainDatabaseFailure.ts';
import { MIGRATIONS_DIR, MigrationMismatch, migrate, readMigrations } from './migrate.ts';
import { ScoreDatabaseError } from './ScoreDatabaseError.ts';

/**
 * Applies the migrations a store's load() needs, on one connection of its pool, with a failure
 * explained for the person running the bot. Every store calls it: it is idempotent under an
 * advisory lock, so whichever store loads first migrates and the others find nothing to do.
 */
export async function migrateDatabase(
  pool: pg.Pool,
  target: DatabaseTarget,
  migrationsDir: string = MIGRATIONS_DIR,
): Promise<void> {
  let client: pg.PoolClient | undefined;
  // A client taken from the pool has no 'error' listener of the pool's: a connection lost
  // during the migrations would otherwise be an uncaught 'error' event. The query that was
  // running rejects as well, and that is what is reported.
  const ignoreLostConnection = () => {};
  try {
    const migrations = await readMigrations(migrationsDir);
    client = await pool.connect();
    client.on('error', ignoreLostConnection);
    await migrate(client, migrations);
  } catch (error) {
    if (error instanceof MigrationMismatch) {
      throw new ScoreDatabaseError(
        target,
        error.message,
        'Run the release that last migrated this database, or point DATABASE_URL at another database.',
        { cause: error },
      );
    }
    throw explainDatabaseFailure(error, target);
  } finally {
    client?.off('error', ignoreLostConnection);
    client?.release();
  }
}
