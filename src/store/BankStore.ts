/** A topic a server uploaded: its YAML as saved (what /bank export gives back) and who saved it when. */
export interface StoredTopic {
  topicId: string;
  yaml: string;
  uploadedBy: string;
  /** Epoch ms. */
  uploadedAt: number;
}

/** What the store keeps for one server (guild). */
export interface GuildBankRecord {
  topics: StoredTopic[];
  /** Whether the bank shipped with the bot is played in this server as well as its own topics. */
  shippedEnabled: boolean;
}

/** Something stored that could not be read: reported with its server and topic, never dropped quietly. */
export interface StoredBankProblem {
  guildId: string;
  /** Null when the problem is with the server's bank as a whole (its metadata). */
  topicId: string | null;
  problem: string;
}

/**
 * The storage port for servers' own question banks. Asynchronous like the score store, so a
 * database fits behind it as well as files or memory. The YAML is kept as text: validating it is
 * the application's job, so a stored topic that no longer validates is still there to report.
 */
export interface BankStore {
  /** Opens the store (reads the folder; connects and migrates the database). */
  load(): Promise<void>;
  /** Servers that have anything stored. */
  guildIds(): Promise<string[]>;
  guildBank(guildId: string): Promise<GuildBankRecord>;
  /** Adds the topic, or replaces the one of the same id. Resolves once it is durable. */
  saveTopic(guildId: string, topic: StoredTopic): Promise<void>;
  /** False when the server had no such topic. */
  removeTopic(guildId: string, topicId: string): Promise<boolean>;
  setShippedEnabled(guildId: string, enabled: boolean): Promise<void>;
  /** What could not be read at load (files); empty for a store that cannot hold such things. */
  problems(): readonly StoredBankProblem[];
  close(): Promise<void>;
}
