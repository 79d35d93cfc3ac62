import type { Bank } from '../bank/loadBank.ts';
import type { BankStore, StoredBankProblem } from '../store/BankStore.ts';
import { composeGuildBank, type GuildBankView } from './composeGuildBank.ts';
import type { TopicReader } from './topicReader.ts';

export interface GuildBanksOptions {
  shipped: Bank;
  store: BankStore;
  readTopic: TopicReader;
}

/**
 * Every server's bank, composed once and kept until that server's bank changes, so a round, an
 * autocomplete or /explain reads it synchronously. One server's view never holds another's topics.
 */
export class GuildBanks {
  readonly shipped: Bank;
  readonly #store: BankStore;
  readonly #readTopic: TopicReader;
  readonly #views = new Map<string, GuildBankView>();

  constructor(options: GuildBanksOptions) {
    this.shipped = options.shipped;
    this.#store = options.store;
    this.#readTopic = options.readTopic;
  }

  /** Composes every server that has a bank stored; returns what could not be read, to be logged. */
  async load(): Promise<StoredBankProblem[]> {
    const guildIds = new Set(await this.#store.guildIds());
    for (const problem of this.#store.problems()) guildIds.add(problem.guildId);
    for (const guildId of guildIds) await this.refresh(guildId);
    return [...this.#views.values()].flatMap((view) => view.problems);
  }

  /** The bank a server plays: the shipped one for a server with nothing stored (and outside servers). */
  bank(guildId: string | null | undefined): Bank {
    return (guildId ? this.#views.get(guildId)?.bank : undefined) ?? this.shipped;
  }

  view(guildId: string): GuildBankView {
    return (
      this.#views.get(guildId) ?? {
        guildId,
        bank: this.shipped,
        shippedEnabled: true,
        topics: [],
        problems: [],
      }
    );
  }

  /** Reads the server's bank from the store again: called after every change to it. */
  async refresh(guildId: string): Promise<GuildBankView> {
    const record = await this.#store.guildBank(guildId);
    const storeProblems = this.#store.problems().filter((problem) => problem.guildId === guildId);
    const previous = this.#views.get(guildId)?.topics ?? [];
    const view = composeGuildBank(guildId, this.shipped, record, this.#readTopic, storeProblems, previous);
    this.#views.set(guildId, view);
    return view;
  }
}
