import type { BankStore } from './BankStore.ts';
import { JsonBankStore } from './JsonBankStore.ts';
import { MemoryBankStore } from './MemoryBankStore.ts';
import { openPool } from './postgres/openPool.ts';
import { PostgresBankStore } from './postgres/PostgresBankStore.ts';

export type BankStoreConfig =
  | { kind: 'memory' }
  | { kind: 'json'; dir: string }
  | { kind: 'postgres'; connectionString: string; onBackgroundError?: (error: Error) => void };

export function createBankStore(config: BankStoreConfig): BankStore {
  switch (config.kind) {
    case 'memory':
      return new MemoryBankStore();
    case 'json':
      return new JsonBankStore(config.dir);
    case 'postgres': {
      // Opened here, so the store ends it when it closes.
      const pool = openPool({ ...config, max: 3 });
      return new PostgresBankStore({ pool, connectionString: config.connectionString, endsPool: true });
    }
  }
}
