import { JsonScoreStore, type WriteFile } from './JsonScoreStore.ts';
import { MemoryScoreStore } from './MemoryScoreStore.ts';
import { PostgresScoreStore, type PostgresStoreOptions } from './postgres/PostgresScoreStore.ts';
import type { ScoreStore } from './ScoreStore.ts';

export type ScoreStoreConfig =
  | { kind: 'memory' }
  /** `writeFile` replaces the atomic, fsynced write (tests count or fail writes with it). */
  | { kind: 'json'; file: string; writeFile?: WriteFile }
  | ({ kind: 'postgres' } & PostgresStoreOptions);

export function createScoreStore(config: ScoreStoreConfig): ScoreStore {
  switch (config.kind) {
    case 'memory':
      return new MemoryScoreStore();
    case 'json':
      return new JsonScoreStore(config.file, config.writeFile);
    case 'postgres':
      return new PostgresScoreStore(config);
  }
}
