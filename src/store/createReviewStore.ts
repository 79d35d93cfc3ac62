import pg from 'pg';
import { JsonReviewStore } from './JsonReviewStore.ts';
import { MemoryReviewStore } from './MemoryReviewStore.ts';
import { databaseTarget } from './postgres/databaseTarget.ts';
import { PostgresReviewStore } from './postgres/PostgresReviewStore.ts';
import type { ReviewStore } from './ReviewStore.ts';

export type ReviewStoreConfig =
  | { kind: 'memory' }
  | { kind: 'json'; file: string }
  | { kind: 'postgres'; connectionString: string; onBackgroundError?: (error: Error) => void };

/** For PostgreSQL, a pool of its own on the same database (closed with the store), until pools are shared. */
export function createReviewStore(config: ReviewStoreConfig): ReviewStore {
  switch (config.kind) {
    case 'memory':
      return new MemoryReviewStore();
    case 'json':
      return new JsonReviewStore(config.file);
    case 'postgres': {
      const pool = new pg.Pool({
        connectionString: config.connectionString,
        max: 4,
        connectionTimeoutMillis: 5_000,
        statement_timeout: 15_000,
        keepAlive: true,
        application_name: 'studyquiz-reviews',
        allowExitOnIdle: true,
      });
      pool.on('error', (error) => config.onBackgroundError?.(error));
      const store = new PostgresReviewStore(pool, databaseTarget(config.connectionString));
      return {
        load: () => store.load(),
        save: (updates) => store.save(updates),
        cards: (guildId, userId, ids) => store.cards(guildId, userId, ids),
        cardsOf: (guildId, questionId, userIds) => store.cardsOf(guildId, questionId, userIds),
        dueCards: (guildId, userId, query) => store.dueCards(guildId, userId, query),
        dueCounts: (guildId, userId, bounds) => store.dueCounts(guildId, userId, bounds),
        topics: (guildId, userId) => store.topics(guildId, userId),
        async close() {
          await store.close();
          if (!pool.ended && !pool.ending) await pool.end();
        },
      };
    }
  }
}
