import type pg from 'pg';
import type { BankStore, GuildBankRecord, StoredBankProblem, StoredTopic } from '../BankStore.ts';
import { databaseTarget } from './databaseTarget.ts';
import { migrateDatabase } from './migrateDatabase.ts';

export interface PostgresBankStoreOptions {
  /** Left open by close() unless `endsPool`: the pool belongs to whoever made it. */
  pool: pg.Pool;
  endsPool?: boolean;
  /** For messages only (host, port, database, user; never the password). */
  connectionString: string;
  migrationsDir?: string;
}

/** Servers' banks in PostgreSQL (tables in migrations/004_server_banks.sql); every read asks the database. */
export class PostgresBankStore implements BankStore {
  readonly #options: PostgresBankStoreOptions;

  constructor(options: PostgresBankStoreOptions) {
    this.#options = options;
  }

  /** Migrates (idempotent: the score store may have done it already). */
  async load(): Promise<void> {
    await migrateDatabase(
      this.#options.pool,
      databaseTarget(this.#options.connectionString),
      this.#options.migrationsDir,
    );
  }

  async guildIds(): Promise<string[]> {
    const { rows } = await this.#options.pool.query<{ guild_id: string }>(
      'SELECT guild_id FROM guild_bank_settings UNION SELECT guild_id FROM guild_topics ORDER BY guild_id',
    );
    return rows.map((row) => row.guild_id);
  }

  async guildBank(guildId: string): Promise<GuildBankRecord> {
    const pool = this.#options.pool;
    const [settings, topics] = await Promise.all([
      pool.query<{ shipped_enabled: boolean }>(
        'SELECT shipped_enabled FROM guild_bank_settings WHERE guild_id = $1',
        [guildId],
      ),
      pool.query<{ topic_id: string; yaml: string; uploaded_by: string; uploaded_at: Date }>(
        'SELECT topic_id, yaml, uploaded_by, uploaded_at FROM guild_topics WHERE guild_id = $1 ORDER BY topic_id',
        [guildId],
      ),
    ]);
    return {
      shippedEnabled: settings.rows[0]?.shipped_enabled ?? true,
      topics: topics.rows.map((row) => ({
        topicId: row.topic_id,
        yaml: row.yaml,
        uploadedBy: row.uploaded_by,
        uploadedAt: row.uploaded_at.getTime(),
      })),
    };
  }

  async saveTopic(guildId: string, topic: StoredTopic): Promise<void> {
    await this.#options.pool.query(
      `INSERT INTO guild_topics (guild_id, topic_id, yaml, uploaded_by, uploaded_at)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (guild_id, topic_id)
       DO UPDATE SET yaml = EXCLUDED.yaml, uploaded_by = EXCLUDED.uploaded_by, uploaded_at = EXCLUDED.uploaded_at`,
      [guildId, topic.topicId, topic.yaml, topic.uploadedBy, new Date(topic.uploadedAt)],
    );
  }

  async removeTopic(guildId: string, topicId: string): Promise<boolean> {
    const result = await this.#options.pool.query(
      'DELETE FROM guild_topics WHERE guild_id = $1 AND topic_id = $2',
      [guildId, topicId],
    );
    return (result.rowCount ?? 0) > 0;
  }

  async setShippedEnabled(guildId: string, enabled: boolean): Promise<void> {
    await this.#options.pool.query(
      `INSERT INTO guild_bank_settings (guild_id, shipped_enabled) VALUES ($1, $2)
       ON CONFLICT (guild_id) DO UPDATE SET shipped_enabled = EXCLUDED.shipped_enabled`,
      [guildId, enabled],
    );
  }

  problems(): readonly StoredBankProblem[] {
    return [];
  }

  async close(): Promise<void> {
    const { pool, endsPool } = this.#options;
    if (endsPool && !pool.ending && !pool.ended) await pool.end();
  }
}
