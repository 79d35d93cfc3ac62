import type { Bank } from '../bank/loadBank.ts';
import { readTopicUpload } from '../bank/topicUpload.ts';
import type { BankStore, StoredBankProblem } from '../store/BankStore.ts';
import { BANK_LIMITS, type BankLimits } from './bankLimits.ts';
import { GuildBanks } from './guildBanks.ts';
import { parseUploadInWorker } from './parseUploadInWorker.ts';
import { ServerBanks, type UploadParser } from './serverBanks.ts';

export interface OpenedServerBanks {
  guildBanks: GuildBanks;
  serverBanks: ServerBanks;
  /** Stored topics that could not be read or no longer validate: for the start-up log. */
  problems: StoredBankProblem[];
}

/** Loads the store, composes every server's bank and builds the `/bank` use cases. */
export async function openServerBanks(options: {
  shipped: Bank;
  store: BankStore;
  now: () => number;
  limits?: BankLimits;
  parse?: UploadParser;
}): Promise<OpenedServerBanks> {
  await options.store.load();
  const limits = options.limits ?? BANK_LIMITS;
  const guildBanks = new GuildBanks({
    shipped: options.shipped,
    store: options.store,
    readTopic: readTopicUpload,
  });
  const problems = await guildBanks.load();
  const serverBanks = new ServerBanks({
    banks: guildBanks,
    store: options.store,
    parse: options.parse ?? parseUploadInWorker(limits.parseMs),
    now: options.now,
    limits,
  });
  return { guildBanks, serverBanks, problems };
}
