import type pg from 'pg';
import type { CardUpdate, DueCounts, DueQuery, ReviewCard, ReviewStore } from '../ReviewStore.ts';
import type { DatabaseTarget } from './databaseTarget.ts';
import { MIGRATIONS_DIR } from './migrate.ts';
import { migrateDatabase } from './migrateDatabase.ts';

const CARD_COLUMNS = `question_id, topic, due, stability, difficulty, elapsed_days, scheduled_days,
  learning_steps, reps, lapses, state, last_review`;

interface CardRow {
  question_id: string;
  topic: string;
  due: Date;
  stability: number;
  difficulty: number;
  elapsed_days: number;
  scheduled_days: number;
  learning_steps: number;
  reps: number;
  lapses: number;
  state: number;
  last_review: Date | null;
}

/**
 * Review cards and their log in PostgreSQL (migrations/003_review_cards.sql), on a pool it is
 * given and does not own, so it can share the score store's. A save is one statement, so one
 * transaction: the cards upserted and their log entries inserted together.
 */
export class PostgresReviewStore implements ReviewStore {
  readonly #pool: pg.Pool;
  readonly #target: DatabaseTarget;
  readonly #migrationsDir: string;
  readonly #endsPool: boolean;
  #closed = false;

  /** The pool is left open by close() unless `endsPool`: it belongs to whoever made it. */
  constructor(
    pool: pg.Pool,
    target: DatabaseTarget,
    options: { migrationsDir?: string; endsPool?: boolean } = {},
  ) {
    this.#pool = pool;
    this.#endsPool = options.endsPool ?? false;
    this.#target = target;
    this.#migrationsDir = options.migrationsDir ?? MIGRATIONS_DIR;
  }

  /** Applies the migrations too (idempotent, under an advisory lock), so it works whichever store loads first. */
  async load(): Promise<void> {
    await migrateDatabase(this.#pool, this.#target, this.#migrationsDir);
  }

  async save(updates: readonly CardUpdate[]): Promise<void> {
    if (this.#closed) throw new Error('The review store is closed; nothing more can be saved.');
    if (updates.length === 0) return;
    const column = <T>(pick: (update: CardUpdate) => T) => updates.map(pick);
    const ms = (value: number) => new Date(value);
    await this.#pool.query(
      `WITH input AS (
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[],
           $6::float8[], $7::float8[], $8::int[], $9::int[], $10::int[], $11::int[], $12::int[],
           $13::smallint[], $14::timestamptz[])
           AS i(guild_id, user_id, question_id, topic, due, stability, difficulty, elapsed_days,
                scheduled_days, learning_steps, reps, lapses, state, last_review)
       ), cards AS (
         INSERT INTO review_cards (guild_id, user_id, ${CARD_COLUMNS})
         SELECT * FROM input
         ON CONFLICT (guild_id, user_id, question_id) DO UPDATE SET
           topic = excluded.topic, due = excluded.due, stability = excluded.stability,
           difficulty = excluded.difficulty, elapsed_days = excluded.elapsed_days,
           scheduled_days = excluded.scheduled_days, learning_steps = excluded.learning_steps,
           reps = excluded.reps, lapses = excluded.lapses, state = excluded.state,
           last_review = excluded.last_review
       )
       INSERT INTO review_log (guild_id, user_id, question_id, rating, state, due, stability,
         difficulty, elapsed_days, last_elapsed_days, scheduled_days, learning_steps, review, source)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $15::smallint[], $16::smallint[],
         $17::timestamptz[], $18::float8[], $19::float8[], $20::int[], $21::int[], $22::int[],
         $23::int[], $24::timestamptz[], $25::text[])`,
      [
        column((u) => u.guildId),
        column((u) => u.userId),
        column((u) => u.card.questionId),
        column((u) => u.card.topic),
        column((u) => ms(u.card.due)),
        column((u) => u.card.stability),
        column((u) => u.card.difficulty),
        column((u) => u.card.elapsedDays),
        column((u) => u.card.scheduledDays),
        column((u) => u.card.learningSteps),
        column((u) => u.card.reps),
        column((u) => u.card.lapses),
        column((u) => u.card.state),
        column((u) => (u.card.lastReview === undefined ? null : ms(u.card.lastReview))),
        column((u) => u.log.rating),
        column((u) => u.log.state),
        column((u) => ms(u.log.due)),
        column((u) => u.log.stability),
        column((u) => u.log.difficulty),
        column((u) => u.log.elapsedDays),
        column((u) => u.log.lastElapsedDays),
        column((u) => u.log.scheduledDays),
        column((u) => u.log.learningSteps),
        column((u) => ms(u.log.review)),
        column((u) => u.log.source),
      ],
    );
  }

  async cards(
    guildId: string,
    userId: string,
    questionIds: readonly string[],
  ): Promise<Map<string, ReviewCard>> {
    if (questionIds.length === 0) return new Map();
    const { rows } = await this.#pool.query<CardRow>(
      `SELECT ${CARD_COLUMNS} FROM review_cards
       WHERE guild_id = $1 AND user_id = $2 AND question_id = ANY($3::text[])`,
      [guildId, userId, questionIds],
    );
    return new Map(rows.map((row) => [row.question_id, cardOf(row)]));
  }

  async cardsOf(
    guildId: string,
    questionId: string,
    userIds: readonly string[],
  ): Promise<Map<string, ReviewCard>> {
    if (userIds.length === 0) return new Map();
    const { rows } = await this.#pool.query<CardRow & { user_id: string }>(
      `SELECT user_id, ${CARD_COLUMNS} FROM review_cards
       WHERE guild_id = $1 AND user_id = ANY($2::text[]) AND question_id = $3`,
      [guildId, userIds, questionId],
    );
    return new Map(rows.map((row) => [row.user_id, cardOf(row)]));
  }

  async dueCards(guildId: string, userId: string, query: DueQuery): Promise<ReviewCard[]> {
    const { rows } = await this.#pool.query<CardRow>(
      `SELECT ${CARD_COLUMNS} FROM review_cards
       WHERE guild_id = $1 AND user_id = $2 AND due <= $3 AND ($4::text IS NULL OR topic = $4)
       ORDER BY due, question_id LIMIT $5`,
      [guildId, userId, new Date(query.dueBy), query.topic ?? null, Math.max(0, query.limit)],
    );
    return rows.map(cardOf);
  }

  async dueCounts(guildId: string, userId: string, bounds: DueCounts): Promise<DueCounts> {
    const { rows } = await this.#pool.query<{ today: number; week: number }>(
      `SELECT (count(*) FILTER (WHERE due <= $3))::int AS today, (count(*) FILTER (WHERE due <= $4))::int AS week
       FROM review_cards WHERE guild_id = $1 AND user_id = $2 AND due <= greatest($3, $4)`,
      [guildId, userId, new Date(bounds.today), new Date(bounds.week)],
    );
    return { today: rows[0]?.today ?? 0, week: rows[0]?.week ?? 0 };
  }

  async topics(guildId: string, userId: string): Promise<string[]> {
    const { rows } = await this.#pool.query<{ topic: string }>(
      'SELECT DISTINCT topic FROM review_cards WHERE guild_id = $1 AND user_id = $2 ORDER BY topic',
      [guildId, userId],
    );
    return rows.map((row) => row.topic);
  }

  /** Every save is awaited by its caller; the pool belongs to whoever made it. */
  async close(): Promise<void> {
    this.#closed = true;
    if (this.#endsPool && !this.#pool.ending && !this.#pool.ended) await this.#pool.end();
  }
}

function cardOf(row: CardRow): ReviewCard {
  return {
    questionId: row.question_id,
    topic: row.topic,
    due: row.due.getTime(),
    stability: row.stability,
    difficulty: row.difficulty,
    elapsedDays: row.elapsed_days,
    scheduledDays: row.scheduled_days,
    learningSteps: row.learning_steps,
    reps: row.reps,
    lapses: row.lapses,
    state: row.state,
    lastReview: row.last_review?.getTime(),
  };
}
