import type { BankStore, GuildBankRecord, StoredBankProblem, StoredTopic } from './BankStore.ts';

interface GuildEntry {
  topics: Map<string, StoredTopic>;
  shippedEnabled: boolean;
}

/** Servers' banks in memory: lost on restart; also the state the JSON store keeps between writes. */
export class MemoryBankStore implements BankStore {
  readonly #guilds = new Map<string, GuildEntry>();

  async load(): Promise<void> {}

  async guildIds(): Promise<string[]> {
    return [...this.#guilds.keys()];
  }

  async guildBank(guildId: string): Promise<GuildBankRecord> {
    return this.snapshot(guildId);
  }

  async saveTopic(guildId: string, topic: StoredTopic): Promise<void> {
    this.#entry(guildId).topics.set(topic.topicId, { ...topic });
  }

  async removeTopic(guildId: string, topicId: string): Promise<boolean> {
    return this.#guilds.get(guildId)?.topics.delete(topicId) ?? false;
  }

  async setShippedEnabled(guildId: string, enabled: boolean): Promise<void> {
    this.#entry(guildId).shippedEnabled = enabled;
  }

  problems(): readonly StoredBankProblem[] {
    return [];
  }

  async close(): Promise<void> {}

  /** A copy of one server's bank, topics in id order. */
  snapshot(guildId: string): GuildBankRecord {
    const entry = this.#guilds.get(guildId);
    if (!entry) return { topics: [], shippedEnabled: true };
    const topics = [...entry.topics.values()]
      .sort((a, b) => a.topicId.localeCompare(b.topicId))
      .map((topic) => ({ ...topic }));
    return { topics, shippedEnabled: entry.shippedEnabled };
  }

  #entry(guildId: string): GuildEntry {
    let entry = this.#guilds.get(guildId);
    if (!entry) {
      entry = { topics: new Map(), shippedEnabled: true };
      this.#guilds.set(guildId, entry);
    }
    return entry;
  }
}
