import { once } from 'node:events';
import { COMMANDS } from '../../commands/index.ts';
import type { Config } from '../config.ts';
import { UserError } from '../core/userError.ts';
import { startBot } from '../discord/startBot.ts';
import { createLogger, type Logger } from '../logger.ts';
import { createReviewStore, type ReviewStoreConfig } from '../store/createReviewStore.ts';
import { createScoreStore, type ScoreStoreConfig } from '../store/createScoreStore.ts';
import { reviewFileBeside } from '../store/JsonReviewStore.ts';
import { ScoreDatabaseError } from '../store/postgres/ScoreDatabaseError.ts';
import { ReviewFileError } from '../store/ReviewFileError.ts';
import { ScoreFileError } from '../store/ScoreFileError.ts';
import { questionsDir } from './bankLocation.ts';
import type { CliCommand } from './cliIo.ts';
import { loadConfig } from './loadEnv.ts';
import { loadValidBank } from './loadValidBank.ts';
import { parseOptions } from './parseOptions.ts';

export const START_USAGE = 'studyquiz start';

/** Runs the bot until SIGINT or SIGTERM, then shuts it down cleanly and exits 0. */
export const startCommand: CliCommand = async (args, io) => {
  parseOptions(args, {}, START_USAGE);
  const config = loadConfig(io.env);
  const logger = createLogger({ level: config.LOG_LEVEL, secrets: secretsOf(config) });
  const bank = await loadValidBank(questionsDir(io.env, config.QUESTIONS_DIR));
  const store = createScoreStore(storeConfig(config, logger));
  const reviewStore = createReviewStore(reviewStoreConfig(config, logger));
  try {
    await store.load();
    await reviewStore.load();
  } catch (error) {
    await store.close().catch(() => undefined);
    await reviewStore.close().catch(() => undefined);
    if (
      error instanceof ScoreFileError ||
      error instanceof ScoreDatabaseError ||
      error instanceof ReviewFileError
    )
      throw new UserError(error.message);
    throw error;
  }
  logger.info(
    { questions: bank.questions.length, concepts: bank.glossary.size, store: config.STORE },
    'bank and scores loaded',
  );
  const bot = await startBot({
    token: config.DISCORD_TOKEN,
    commands: COMMANDS,
    apiUrl: config.DISCORD_API_URL,
    bank,
    store,
    reviewStore,
    logger,
    defaults: {
      count: config.QUIZ_DEFAULT_COUNT,
      seconds: config.QUIZ_DEFAULT_SECONDS,
      scoring: config.QUIZ_DEFAULT_SCORING,
      revealSeconds: config.QUIZ_REVEAL_SECONDS,
    },
  }).catch(async (error: unknown) => {
    // Nothing was recorded, but a database store holds connections until closed.
    await store.close().catch(() => undefined);
    await reviewStore.close().catch(() => undefined);
    throw error;
  });
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled rejection'));
  const signal = await Promise.race([once(process, 'SIGINT'), once(process, 'SIGTERM')]);
  logger.info({ signal: signal[0] }, 'shutting down');
  await bot.shutdown();
  logger.flush();
  return 0;
};

function storeConfig(config: Config, logger: Logger): ScoreStoreConfig {
  switch (config.STORE) {
    case 'memory':
      return { kind: 'memory' };
    case 'json':
      return { kind: 'json', file: config.SCORES_FILE };
    case 'postgres':
      if (config.DATABASE_URL === undefined)
        throw new Error('parseConfig lets STORE=postgres through only with DATABASE_URL');
      return {
        kind: 'postgres',
        connectionString: config.DATABASE_URL,
        onBackgroundError: (error) =>
          logger.warn({ err: error }, 'score database connection lost; it reconnects when needed'),
      };
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
      if (config.DATABASE_URL === undefined)
        throw new Error('parseConfig lets STORE=postgres through only with DATABASE_URL');
      return {
        kind: 'postgres',
        connectionString: config.DATABASE_URL,
        onBackgroundError: (error) =>
          logger.warn({ err: error }, 'review database connection lost; it reconnects when needed'),
      };
  }
}

/** What the logs must never show: the token, the database URL and its password. */
function secretsOf(config: Config): string[] {
  const secrets = [config.DISCORD_TOKEN];
  if (config.DATABASE_URL !== undefined) {
    secrets.push(config.DATABASE_URL);
    const { password } = new URL(config.DATABASE_URL);
    if (password) secrets.push(password, safelyDecoded(password));
  }
  return secrets;
}

function safelyDecoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
