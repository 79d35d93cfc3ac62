import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { PACKAGE_ROOT } from '../../src/packageRoot.ts';
import { MIGRATIONS_DIR, readMigrations } from '../../src/store/postgres/migrate.ts';
import { PostgresScoreStore } from '../../src/store/postgres/PostgresScoreStore.ts';
import { ScoreDatabaseError } from '../../src/store/postgres/ScoreDatabaseError.ts';
import type { QuestionResult } from '../../src/store/ScoreStore.ts';
import { startPostgres, type TestPostgres } from '../support/startPostgres.ts';
import { result, right, SUNDAY_LATE, wrong } from './results.ts';

let postgres: TestPostgres;
const unhandled: unknown[] = [];
const noteUnhandled = (reason: unknown) => unhandled.push(reason);
beforeAll(async () => {
  postgres = await startPostgres();
  process.on('unhandledRejection', noteUnhandled);
}, 60_000);
afterAll(async () => {
  process.off('unhandledRejection', noteUnhandled);
  await postgres.remove();
});

const stores: PostgresScoreStore[] = [];
const backgroundErrors: Error[] = [];
afterEach(async () => {
  // A fault test may leave the server stopped: later tests need it.
  await postgres.start();
  await Promise.allSettled(stores.splice(0).map((store) => store.close()));
  expect(unhandled).toEqual([]);
});

function storeAt(connectionString: string, migrationsDir?: string): PostgresScoreStore {
  const store = new PostgresScoreStore({
    connectionString,
    onBackgroundError: (error) => backgroundErrors.push(error),
    ...(migrationsDir ? { migrationsDir } : {}),
  });
  stores.push(store);
  return store;
}

async function loadedStore(): Promise<{ store: PostgresScoreStore; url: string }> {
  const url = await postgres.createDatabase();
  const store = storeAt(url);
  await store.load();
  return { store, url };
}

const databaseOf = (url: string) => decodeURIComponent(new URL(url).pathname.slice(1));

const query = <R extends pg.QueryResultRow>(url: string, sql: string, values: unknown[] = []) =>
  postgres.withClient(url, async (client) => (await client.query<R>(sql, values)).rows);

async function standings(store: PostgresScoreStore) {
  const page = await store.leaderboard('guild-a', {
    period: 'all-time',
    limit: 50,
    offset: 0,
    now: SUNDAY_LATE,
  });
  return page.entries.map((e) => [e.userId, e.points, e.answered]);
}

/** A folder of migration files, for tests that need other migrations than the shipped ones. */
async function migrationsFolder(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'studyquiz-migrations-'));
  for (const [name, sql] of Object.entries(files)) await writeFile(path.join(dir, name), sql);
  return dir;
}

describe('GIVEN the schema migrations', () => {
  it('GIVEN a fresh database THEN load applies them in order and records each; a second load applies none', async () => {
    const { url } = await loadedStore();
    const shipped = await readMigrations();
    expect(shipped.map((m) => m.name)[0]).toBe('001_scores.sql');
    const recorded = () =>
      query<{ version: number; name: string }>(url, 'SELECT version, name FROM schema_migrations');
    expect(await recorded()).toEqual(shipped.map(({ version, name }) => ({ version, name })));

    await storeAt(url).load();
    expect(await recorded()).toHaveLength(shipped.length);
  });

  it('GIVEN three processes starting at once on a fresh database THEN each migration runs once and all three start', async () => {
    const url = await postgres.createDatabase();
    const dir = await migrationsFolder({
      // Slow enough that the three loads overlap.
      '001_slow.sql':
        'CREATE TABLE migration_runs (n integer); INSERT INTO migration_runs VALUES (1); SELECT pg_sleep(0.3);',
      '002_second.sql': 'INSERT INTO migration_runs VALUES (2);',
    });
    try {
      await Promise.all([1, 2, 3].map(() => storeAt(url, dir).load()));
      expect(await query(url, 'SELECT n FROM migration_runs ORDER BY n')).toEqual([{ n: 1 }, { n: 2 }]);
      expect(await query(url, 'SELECT version FROM schema_migrations ORDER BY version')).toEqual([
        { version: 1 },
        { version: 2 },
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('GIVEN a migration that fails THEN load refuses and leaves nothing of any migration behind', async () => {
    const url = await postgres.createDatabase();
    const dir = await migrationsFolder({
      '001_fine.sql': 'CREATE TABLE fine (n integer);',
      '002_broken.sql': 'CREATE TABLE broken (n no_such_type);',
    });
    try {
      await expect(storeAt(url, dir).load()).rejects.toThrow(/no_such_type/);
      expect(
        await query(url, "SELECT to_regclass('fine') AS fine, to_regclass('schema_migrations') AS log"),
      ).toEqual([{ fine: null, log: null }]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('GIVEN the connection lost during the migrations THEN load rejects, and a later load applies them', async () => {
    const url = await postgres.createDatabase();
    const dir = await migrationsFolder({
      '001_slow.sql': 'CREATE TABLE slow (n integer); SELECT pg_sleep(30);',
    });
    try {
      const loading = storeAt(url, dir)
        .load()
        .catch((error: Error) => error);
      await vi.waitFor(
        async () => {
          const sleeping = await query<{ n: number }>(
            url,
            "SELECT count(*)::integer AS n FROM pg_stat_activity WHERE application_name = 'studyquiz' AND wait_event = 'PgSleep'",
          );
          expect(sleeping[0]?.n).toBe(1);
        },
        { timeout: 10_000, interval: 20 },
      );
      await postgres.terminateConnections(databaseOf(url));
      expect(await loading).toBeInstanceOf(ScoreDatabaseError);
      expect(await query(url, "SELECT to_regclass('slow') AS slow")).toEqual([{ slow: null }]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('GIVEN a database migrated by a newer release THEN load refuses and says so', async () => {
    const { url } = await loadedStore();
    await query(
      url,
      "INSERT INTO schema_migrations (version, name, checksum) VALUES (999, '999_future.sql', '')",
    );
    const loading = storeAt(url).load();
    await expect(loading).rejects.toBeInstanceOf(ScoreDatabaseError);
    await expect(loading).rejects.toThrow(
      /migrated by a newer release of studyquiz \(migration 999_future\.sql/,
    );
  });

  it('GIVEN a migration changed after it ran THEN load refuses and names it', async () => {
    const { url } = await loadedStore();
    await query(url, "UPDATE schema_migrations SET checksum = 'edited' WHERE version = 1");
    await expect(storeAt(url).load()).rejects.toThrow(/migration 001_scores\.sql was changed after it ran/);
  });

  it('GIVEN the sources or the compiled build THEN the migrations are read from the package root', async () => {
    expect(MIGRATIONS_DIR).toBe(path.join(PACKAGE_ROOT, 'src', 'store', 'postgres', 'migrations'));
    // npm ci builds dist/; where a build is there, it must find the same folder.
    const built = path.join(PACKAGE_ROOT, 'dist', 'src', 'store', 'postgres', 'migrate.js');
    if (existsSync(built)) {
      const fromBuild = (await import(pathToFileURL(built).href)) as { MIGRATIONS_DIR: string };
      expect(fromBuild.MIGRATIONS_DIR).toBe(MIGRATIONS_DIR);
    }
  });
});

describe('GIVEN a lost connection', () => {
  it('GIVEN the server stops THEN records reject, nothing saved is lost, and the next record after it returns saves the kept results once', async () => {
    const { store } = await loadedStore();
    const first = result({ answers: [right('ada', 100), wrong('bob')] });
    await store.record(first);

    await postgres.stop();
    const second = result({ answers: [right('ada', 200)] });
    const third = result({ answers: [right('bob', 300)] });
    await expect(store.record(second)).rejects.toThrow();
    await expect(store.record(third)).rejects.toThrow();
    expect(store.unsavedCount).toBe(2);
    // The idle connection the server closed was reported, not thrown.
    expect(backgroundErrors.length).toBeGreaterThan(0);

    await postgres.start();
    const fourth = result({ answers: [right('cy', 50)] });
    await store.record(fourth);
    expect(store.unsavedCount).toBe(0);
    expect(await standings(store)).toEqual([
      ['ada', 300, 2],
      ['bob', 300, 2],
      ['cy', 50, 1],
    ]);

    // The application retrying a question it was told had failed: counted once.
    await store.record(second);
    await store.record({ ...first });
    expect(await standings(store)).toEqual([
      ['ada', 300, 2],
      ['bob', 300, 2],
      ['cy', 50, 1],
    ]);
  });

  it('GIVEN its connection is terminated while a record waits THEN the record rejects and the next one saves it, once', async () => {
    const { store, url } = await loadedStore();
    await store.record(result({ answers: [right('ada', 100)] }));

    const waiting = result({ answers: [right('ada', 10)] });
    await postgres.withClient(url, async (locker) => {
      await locker.query('BEGIN');
      await locker.query("SELECT 1 FROM members WHERE user_id = 'ada' FOR UPDATE");
      // Its failure is taken at once, or it would count as an unhandled rejection for a moment.
      const saving = store.record(waiting).catch((error: Error) => error);
      // The save is under way, blocked on the member's row: now its connection goes.
      await vi.waitFor(
        async () => {
          const blocked = await query<{ n: number }>(
            url,
            "SELECT count(*)::integer AS n FROM pg_stat_activity WHERE application_name = 'studyquiz' AND wait_event_type = 'Lock'",
          );
          expect(blocked[0]?.n).toBe(1);
        },
        { timeout: 10_000, interval: 20 },
      );
      expect(await postgres.terminateConnections(databaseOf(url))).toBeGreaterThan(0);
      expect((await saving)?.message).toMatch(/terminating connection/);
      await locker.query('COMMIT');
    });
    expect(store.unsavedCount).toBe(1);

    await store.record(result({ answers: [right('ada', 1)] }));
    expect(await standings(store)).toEqual([['ada', 111, 3]]);
    await store.record(waiting);
    expect(await standings(store)).toEqual([['ada', 111, 3]]);
  });

  it('GIVEN idle connections ended by the server THEN the store reports them and the next record reconnects', async () => {
    const { store, url } = await loadedStore();
    await store.record(result({ answers: [right('ada')] }));
    const before = backgroundErrors.length;
    expect(await postgres.terminateConnections(databaseOf(url))).toBeGreaterThan(0);
    await vi.waitFor(() => expect(backgroundErrors.length).toBeGreaterThan(before));

    await store.record(result({ answers: [right('ada')] }));
    expect(await standings(store)).toEqual([['ada', 200, 2]]);
  });

  it('GIVEN close while the server is down THEN close says what is unsaved, and the saved scores are intact when it returns', async () => {
    const { store, url } = await loadedStore();
    await store.record(result({ answers: [right('ada', 100)] }));
    await postgres.stop();
    await expect(store.record(result({ answers: [right('ada', 999)] }))).rejects.toThrow();
    await expect(store.close()).rejects.toThrow(/The results of 1 question\(s\) could not be saved/);

    await postgres.start();
    const again = storeAt(url);
    await again.load();
    expect(await standings(again)).toEqual([['ada', 100, 1]]);
  });
});

describe('GIVEN records that race or fail on their merits', () => {
  it('GIVEN the same question recorded by two processes at once THEN it counts once', async () => {
    const { store, url } = await loadedStore();
    const other = storeAt(url);
    await other.load();
    const replayed = result({ answers: [right('ada', 100), right('bob', 50)] });
    await Promise.all([store.record(replayed), other.record({ ...replayed }), store.record({ ...replayed })]);
    expect(await standings(store)).toEqual([
      ['ada', 100, 1],
      ['bob', 50, 1],
    ]);
  });

  it('GIVEN many rounds of the same server recording at once from two processes THEN no answer is lost or counted twice', async () => {
    const { store, url } = await loadedStore();
    const other = storeAt(url);
    await other.load();
    const members = ['ada', 'bob', 'cy', 'dan', 'eve', 'fay'];
    // Each question's members in a different order: locks are still taken in one order.
    const results: QuestionResult[] = Array.from({ length: 24 }, (_, q) =>
      result({
        roundId: `round-${q % 4}`,
        answers: members.map((_, i) => right(members[(i + q) % members.length] as string, 10)).reverse(),
      }),
    );
    await Promise.all(results.map((r, i) => (i % 2 === 0 ? store : other).record(r)));
    expect(await standings(store)).toEqual(members.map((m) => [m, 240, 24]));
    expect((await store.memberStats('guild-a', 'ada'))?.topics).toEqual({
      'ir-theory': { answered: 24, correct: 24 },
    });
  });

  it('GIVEN results the database refuses on their merits THEN the record rejects and they are not kept for retries', async () => {
    const { store } = await loadedStore();
    const refused = result({ answers: [{ ...right('ada'), displayName: 'nul \u0000 byte' }] });
    await expect(store.record(refused)).rejects.toThrow();
    expect(store.unsavedCount).toBe(0);
    await store.record(result({ answers: [right('bob')] }));
    expect(await standings(store)).toEqual([['bob', 100, 1]]);
  });

  it('GIVEN a member answering twice in one result THEN both answers count, with the last name', async () => {
    const { store } = await loadedStore();
    await store.record(result({ answers: [right('ada', 100), { ...wrong('ada'), displayName: 'Ada 2' }] }));
    expect(await store.memberStats('guild-a', 'ada')).toMatchObject({
      displayName: 'Ada 2',
      points: 100,
      answered: 2,
      correct: 1,
    });
  });
});

describe('GIVEN a database that cannot be used', () => {
  it('GIVEN nothing listening on the port THEN load names the host, port, database and user and what to check, never the password', async () => {
    const password = 'closed-port-secret-password';
    const store = storeAt(`postgres://quiz:${password}@127.0.0.1:1/studyquiz`);
    const loading = store.load();
    await expect(loading).rejects.toBeInstanceOf(ScoreDatabaseError);
    const message = await loading.catch((error: Error) => error.message);
    expect(message).toContain('studyquiz on 127.0.0.1:1 as user quiz');
    expect(message).toMatch(/nothing accepts connections on 127\.0\.0\.1:1/);
    expect(message).toMatch(/Check that PostgreSQL is running there/);
    expect(message).not.toContain(password);
  });

  it('GIVEN a wrong password THEN load says the password was refused, without printing either', async () => {
    const wrongPassword = 'not-the-right-password';
    const url = postgres.url().replace(postgres.password, wrongPassword);
    const message = await storeAt(url)
      .load()
      .catch((error: Error) => error.message);
    expect(message).toMatch(new RegExp(`the server refused the password for user ${postgres.user}`));
    expect(message).toContain(`127.0.0.1:${postgres.port}`);
    expect(message).not.toContain(wrongPassword);
    expect(message).not.toContain(postgres.password);
  });

  it('GIVEN a database that does not exist THEN load says how to create it', async () => {
    const message = await storeAt(postgres.url('no_such_db'))
      .load()
      .catch((error: Error) => error.message);
    expect(message).toMatch(/the database no_such_db does not exist/);
    expect(message).toMatch(/createdb -h 127\.0\.0\.1 -p \d+ -U studyquiz no_such_db/);
  });

  it('GIVEN a store not loaded THEN record refuses', async () => {
    const store = storeAt(await postgres.createDatabase());
    await expect(store.record(result({ answers: [right('ada')] }))).rejects.toThrow(
      /Load the score database/,
    );
  });
});
