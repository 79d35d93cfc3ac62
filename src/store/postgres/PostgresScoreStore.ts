import pg from 'pg';
import type {
  LeaderboardEntry,
  LeaderboardPage,
  LeaderboardQuery,
  MemberStats,
  Period,
  QuestionResult,
  ScoreStore,
  WeekPoints,
} from '../ScoreStore.ts';
import { type DatabaseTarget, databaseTarget } from './databaseTarget.ts';
import { isTransientFailure } from './isTransientFailure.ts';
import { memberStats } from './memberStatsQuery.ts';
import { migrateDatabase } from './migrateDatabase.ts';
import { leaderboardPage, rankOf } from './rankQueries.ts';
import { recordQuestion } from './recordQuestion.ts';
import { weeklyPoints } from './weeklyPointsQuery.ts';

export interface PostgresStoreOptions {
  /** A postgres:// URL; the password in it is never put in a message. */
  connectionString: string;
  /**
   * Told about failures nobody awaits: an idle pooled connection that the server closed (the
   * pool drops it and opens another when needed). Without it they are ignored, never thrown.
   */
  onBackgroundError?: (error: Error) => void;
  migrationsDir?: string;
  /** Connections at most (default 10). */
  maxConnections?: number;
}

/** How long a connection attempt may take before a record or load fails. */
const CONNECT_TIMEOUT_MS = 5_000;
/** The server cancels a statement that runs longer, so a stuck save fails instead of hanging. */
const STATEMENT_TIMEOUT_MS = 15_000;

/**
 * Scores in PostgreSQL (schema in migrations/). Each question's results are one transaction,
 * recorded once per guild, round and question; reads are indexed queries for one page or one
 * member. When a save fails because the database is out of reach, the results are kept in
 * memory and saved again with the next record or at close: being idempotent, a retry of a
 * save that did reach the database changes nothing.
 */
export class PostgresScoreStore implements ScoreStore {
  readonly target: DatabaseTarget;
  readonly #options: PostgresStoreOptions;
  #pool: pg.Pool;
  #loaded = false;
  #closed = false;
  /** Results whose save failed for a reason that may pass, by question. */
  readonly #unsaved = new Map<string, QuestionResult>();
  readonly #saving = new Set<Promise<unknown>>();

  constructor(options: PostgresStoreOptions) {
    this.#options = options;
    this.target = databaseTarget(options.connectionString);
    this.#pool = this.#newPool();
  }

  async load(): Promise<void> {
    if (this.#loaded) throw new Error('The score database is already loaded.');
    await migrateDatabase(this.#pool, this.target, this.#options.migrationsDir);
    this.#loaded = true;
  }

  async record(result: QuestionResult): Promise<void> {
    if (this.#closed) throw new Error('The score store is closed; nothing more can be recorded.');
    if (!this.#loaded) throw new Error('Load the score database before recording scores.');
    const key = questionKey(result);
    this.#unsaved.delete(key);
    const retries = [...this.#unsaved.values()];
    this.#unsaved.clear();
    const [failure] = await Promise.all([result, ...retries].map((pending) => this.#save(pending)));
    if (failure !== undefined) throw failure;
  }

  async leaderboard(guildId: string, query: LeaderboardQuery): Promise<LeaderboardPage> {
    return leaderboardPage(this.#readPool(), guildId, query.period, query.now, query.offset, query.limit);
  }

  async rankOf(
    guildId: string,
    userId: string,
    period: Period,
    now: number,
  ): Promise<LeaderboardEntry | undefined> {
    return rankOf(this.#readPool(), guildId, userId, period, now);
  }

  async memberStats(guildId: string, userId: string): Promise<MemberStats | undefined> {
    return memberStats(this.#readPool(), guildId, userId);
  }

  async weeklyPoints(guildId: string, userId: string, weeks: number, now: number): Promise<WeekPoints[]> {
    return weeklyPoints(this.#readPool(), guildId, userId, weeks, now);
  }

  /** Question results not saved yet (the database was out of reach); the next record retries them. */
  get unsavedCount(): number {
    return this.#unsaved.size;
  }

  /**
   * Waits for saves under way, tries the unsaved results once more, and closes the
   * connections; rejects when results remain unsaved. Reads still work afterwards, each
   * opening a connection that closes again when idle.
   */
  async close(): Promise<void> {
    this.#closed = true;
    await Promise.allSettled([...this.#saving]);
    const retries = [...this.#unsaved.values()];
    this.#unsaved.clear();
    const failures = (await Promise.all(retries.map((pending) => this.#save(pending)))).filter(
      (failure) => failure !== undefined,
    );
    if (!this.#pool.ended && !this.#pool.ending) await this.#pool.end();
    if (failures.length > 0) {
      throw new Error(
        `The results of ${failures.length} question(s) could not be saved to the score database: ${String(failures[0])}`,
        { cause: failures[0] },
      );
    }
  }

  /** Undefined when saved (or recorded before); else the failure, keeping the results if it may pass. */
  #save(result: QuestionResult): Promise<unknown> {
    const saving = recordWithRetries(this.#pool, result).then(
      () => undefined,
      (error: unknown) => {
        if (isTransientFailure(error)) this.#unsaved.set(questionKey(result), result);
        return error;
      },
    );
    this.#saving.add(saving);
    void saving.finally(() => this.#saving.delete(saving));
    return saving;
  }

  /** The pool, or after close a fresh one whose idle connections close at once. */
  #readPool(): pg.Pool {
    if (this.#pool.ending || this.#pool.ended) this.#pool = this.#newPool({ idleTimeoutMillis: 1 });
    return this.#pool;
  }

  #newPool(overrides: pg.PoolConfig = {}): pg.Pool {
    const pool = new pg.Pool({
      connectionString: this.#options.connectionString,
      max: this.#options.maxConnections ?? 10,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      statement_timeout: STATEMENT_TIMEOUT_MS,
      keepAlive: true,
      application_name: 'studyquiz',
      // Idle connections never keep the process alive after the bot has stopped.
      allowExitOnIdle: true,
      ...overrides,
    });
    // An idle client whose connection breaks emits 'error' on the pool: unhandled, it would crash
    // the process. The pool has already dropped that client.
    pool.on('error', (error) => this.#options.onBackgroundError?.(error));
    return pool;
  }
}

/** Attempts a save takes when the server picks it as a deadlock's victim, before it counts as failed. */
const DEADLOCK_ATTEMPTS = 3;

/**
 * Every record locks its rows in one order (table by table, by user id), so two records should
 * never deadlock; should the server still abort one as a deadlock's victim or a serialization
 * failure, running it again at once is safe and spares the reveal a "not saved" note.
 */
async function recordWithRetries(pool: pg.Pool, result: QuestionResult): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await recordQuestion(pool, result);
      return;
    } catch (error) {
      const code = error instanceof pg.DatabaseError ? error.code : undefined;
      if (attempt >= DEADLOCK_ATTEMPTS || (code !== '40P01' && code !== '40001')) throw error;
    }
  }
}

function questionKey(result: QuestionResult): string {
  return JSON.stringify([result.guildId, result.roundId, result.questionId]);
}
