import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type pg from 'pg';
import { PACKAGE_ROOT } from '../../packageRoot.ts';

/**
 * The SQL files stay in the sources and are read from the package root, which is the same
 * folder whether the TypeScript runs through tsx or the build in dist/ runs: the build never
 * needs a copy of them.
 */
export const MIGRATIONS_DIR = path.join(PACKAGE_ROOT, 'src', 'store', 'postgres', 'migrations');

/** Any constant will do: every studyquiz process that migrates takes the same lock. */
const MIGRATION_LOCK = 7_305_162_984;

export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

/** A migration the database has that this release does not, or one changed since it ran. */
export class MigrationMismatch extends Error {
  override readonly name = 'MigrationMismatch';
}

/** `NNN_name.sql` files, in version order. */
export async function readMigrations(dir: string = MIGRATIONS_DIR): Promise<Migration[]> {
  const migrations: Migration[] = [];
  for (const file of (await readdir(dir)).sort()) {
    const match = /^(\d+)_(.+)\.sql$/.exec(file);
    if (!match) continue;
    const sql = await readFile(path.join(dir, file), 'utf8');
    migrations.push({
      version: Number(match[1]),
      name: file,
      sql,
      checksum: createHash('sha256').update(sql).digest('hex'),
    });
  }
  const versions = migrations.map((m) => m.version);
  if (new Set(versions).size !== versions.length) throw new Error(`Two migrations share a version in ${dir}`);
  return migrations;
}

/**
 * Applies the migrations the database has not had, in order, and records each in
 * schema_migrations. One transaction under an advisory lock: a second process starting at
 * the same time waits, then finds them applied; a failing migration leaves nothing behind.
 * (So a migration must not need to run outside a transaction, as CREATE INDEX CONCURRENTLY does.)
 * Returns the versions applied now.
 */
export async function migrate(client: pg.ClientBase, migrations: readonly Migration[]): Promise<number[]> {
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    // A migration that carries a large guild's rows over may take longer than a statement may.
    await client.query('SET LOCAL statement_timeout = 0');
    await client.query(`
      CREATE TABLE IF NOT EXISTS schema_migrations (
        version integer PRIMARY KEY,
        name text NOT NULL,
        checksum text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`);
    const applied = await client.query<{ version: number; name: string; checksum: string }>(
      'SELECT version, name, checksum FROM schema_migrations ORDER BY version',
    );
    checkApplied(applied.rows, migrations);
    const done = new Set(applied.rows.map((row) => row.version));
    const now: number[] = [];
    for (const migration of migrations) {
      if (done.has(migration.version)) continue;
      await client.query(migration.sql);
      await client.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [
        migration.version,
        migration.name,
        migration.checksum,
      ]);
      now.push(migration.version);
    }
    await client.query('COMMIT');
    return now;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

function checkApplied(
  applied: readonly { version: number; name: string; checksum: string }[],
  migrations: readonly Migration[],
): void {
  const known = new Map(migrations.map((m) => [m.version, m]));
  for (const row of applied) {
    const migration = known.get(row.version);
    if (!migration) {
      throw new MigrationMismatch(
        `it was migrated by a newer release of studyquiz (migration ${row.name}, which this release does not know)`,
      );
    }
    if (migration.checksum !== row.checksum) {
      throw new MigrationMismatch(
        `migration ${row.name} was changed after it ran on this database (its checksum differs)`,
      );
    }
  }
}
