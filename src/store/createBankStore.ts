import type { BankStore } from './BankStore.ts';
import { JsonBankStore } from './JsonBankStore.ts';
import { MemoryBankStore } from './MemoryBankStore.ts';
import { openBankPool, PostgresBankStore } from './postgres/PostgresBankStore.ts';

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
      // The adapter does not own its pool; this one is opened here, so it is ended here.
      const pool = openBankPool(config.connectionString, config.onBackgroundError);
      const store = new PostgresBankStore({ pool, connectionString: config.connectionString });
      return {
        load: () => store.load(),
        guildIds: () => store.guildIds(),
        guildBank: (guildId) => store.guildBank(guildId),
        saveTopic: (guildId, topic) => store.saveTopic(guildId, topic),
        removeTopic: (guildId, topicId) => store.removeTopic(guildId, topicId),
        setShippedEnabled: (guildId, enabled) => store.setShippedEnabled(guildId, enabled),
        problems: () => store.problems(),
        close: async () => {
          await store.close();
          if (!pool.ending && !pool.ended) await pool.end();
        },
      };
    }
  }
}
