import { JsonScoreStore, type WriteFile } from './JsonScoreStore.ts';
import { MemoryScoreStore } from './MemoryScoreStore.ts';
import type { ScoreStore } from './ScoreStore.ts';

export type ScoreStoreConfig =
  | { kind: 'memory' }
  /** `writeFile` replaces the atomic, fsynced write (tests count or fail writes with it). */
  | { kind: 'json'; file: string; writeFile?: WriteFile };

export function createScoreStore(config: ScoreStoreConfig): ScoreStore {
  return config.kind === 'memory'
    ? new MemoryScoreStore()
    : new JsonScoreStore(config.file, config.writeFile);
}
