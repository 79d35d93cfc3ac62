import { JsonReviewStore } from './JsonReviewStore.ts';
import { MemoryReviewStore } from './MemoryReviewStore.ts';
import { databaseTarget } from './postgres/databaseTarget.ts';
import { openPool } from './postgres/openPool.ts';
import { PostgresReviewStore } from './postgres/PostgresReviewStore.ts';
import type { ReviewStore } from './ReviewStore.ts';

export type ReviewStoreConfig =
  | { kind: 'memory' }
  | { kind: 'json'; file: string }
  | { kind: 'postgres'; connectionString: string; onBackgroundError?: (error: Error) => void };

/** For PostgreSQL, a small pool of its own on the same database, ended when the store closes. */
export function createReviewStore(config: ReviewStoreConfig): ReviewStore {
  switch (config.kind) {
    case 'memory':
      return new MemoryReviewStore();
    case 'json':
      return new JsonReviewStore(config.file);
    case 'postgres': {
      // Opened here, so the store ends it when it closes.
      const pool = openPool({ ...config, max: 4 });
      return new PostgresReviewStore(pool, databaseTarget(config.connectionString), { endsPool: true });
    }
  }
}
