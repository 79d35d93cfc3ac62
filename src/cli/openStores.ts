import { type OpenedServerBanks, openServerBanks } from '../app/openServerBanks.ts';
import type { Bank } from '../bank/loadBank.ts';
import type { Config } from '../config.ts';
import { UserError } from '../core/userError.ts';
import type { Logger } from '../logger.ts';
import type { BankStore } from '../store/BankStore.ts';
import { type BankStoreConfig, createBankStore } from '../store/createBankStore.ts';
import { createReviewStore, type ReviewStoreConfig } from '../store/createReviewStore.ts';
import { createScoreStore, type ScoreStoreConfig } from '../store/createScoreStore.ts';
import { reviewFileBeside } from '../store/JsonReviewStore.ts';
import { ScoreDatabaseError } from '../store/postgres/ScoreDatabaseError.ts';
import { ReviewFileError } from '../store/ReviewFileError.ts';
import type { ReviewStore } from '../store/ReviewStore.ts';
import { ScoreFileError } from '../store/ScoreFileError.ts';
import type { ScoreStore } from '../store/ScoreStore.ts';

/** Everything `start` keeps: scores, review cards and servers' banks, in the store STORE names. */
export interface OpenStores {
  store: ScoreStore;
  reviewStore: ReviewStore;
  bankStore: BankStore;
  /** Every server's bank, the `/bank` use cases, and the stored topics that cannot be used. */
  banks: OpenedServerBanks;
  /** Closes every store; the first failure is thrown once all have been tried. */
  close(): Promise<void>;
}

/**
 * Opens the three stores (files read, the database migrated) and the servers' banks, or throws a
 * UserError saying which one cannot be used and what to check. Nothing stays open on failure.
 */
export async function openStores(config: Config, logger: Logger, shipped: Bank): Promise<OpenStores> {
  const store = createScoreStore(scoreStoreConfig(config, logger));
  const reviewStore = createReviewStore(reviewStoreConfig(config, logger));
  const bankStore = createBankStore(bankStoreConfig(config, logger));
  const close = async () => {
    const closed = await Promise.allSettled([store.close(), reviewStore.close(), bankStore.close()]);
    const failed = closed.find((outcome) => outcome.status === 'rejected');
    if (failed) throw failed.reason;
  };
  try {
    await store.load();
    await reviewStore.load();
    const banks = await openServerBanks({ shipped, store: bankStore, now: Date.now }).catch(
      (error: unknown) => {
        throw bankFolderError(error, config);
      },
    );
    return { store, reviewStore, bankStore, banks, close };
  } catch (error) {
    await close().catch(() => undefined);
    if (
      error instanceof ScoreFileError ||
      error instanceof ScoreDatabaseError ||
      error instanceof ReviewFileError
    )
      throw new UserError(error.message);
    throw error;
  }
}

/** A file-system failure of the bank store names BANKS_DIR; only the bank store's, never another's. */
function bankFolderError(error: unknown, config: Config): unknown {
  const code = (error as NodeJS.ErrnoException).code;
  if (config.STORE !== 'json' || typeof code !== 'string') return error;
  return new UserError(
    `Cannot use the bank folder ${config.BANKS_DIR} (${code}): servers' topics are kept there. Set BANKS_DIR to a folder studyquiz may write.`,
  );
}

function scoreStoreConfig(config: Config, logger: Logger): ScoreStoreConfig {
  switch (config.STORE) {
    case 'memory':
      return { kind: 'memory' };
    case 'json':
      return { kind: 'json', file: config.SCORES_FILE };
    case 'postgres':
      return { kind: 'postgres', ...database(config, logger, 'score') };
  }
}

/** Review cards live beside the scores: reviews.json in the score file's folder, or the same database. */
function reviewStoreConfig(config: Config, logger: Logger): ReviewStoreConfig {
  switch (config.STORE) {
    case 'memory':
      return { kind: 'memory' };
    case 'json':
      return { kind: 'json', file: reviewFileBeside(config.SCORES_FILE) };
    case 'postgres':
      return { kind: 'postgres', ...database(config, logger, 'review') };
  }
}

function bankStoreConfig(config: Config, logger: Logger): BankStoreConfig {
  switch (config.STORE) {
    case 'memory':
      return { kind: 'memory' };
    case 'json':
      return { kind: 'json', dir: config.BANKS_DIR };
    case 'postgres':
      return { kind: 'postgres', ...database(config, logger, 'bank') };
  }
}

function database(config: Config, logger: Logger, what: 'score' | 'review' | 'bank') {
  if (config.DATABASE_URL === undefined)
    throw new Error('parseConfig lets STORE=postgres through only with DATABASE_URL');
  return {
    connectionString: config.DATABASE_URL,
    onBackgroundError: (error: Error) =>
      logger.warn({ err: error }, `${what} database connection lost; it reconnects when needed`),
  };
}
