import { once } from 'node:events';
import { COMMANDS } from '../../commands/index.ts';
import { openServerBanks } from '../app/openServerBanks.ts';
import type { Config } from '../config.ts';
import { UserError } from '../core/userError.ts';
import { startBot } from '../discord/startBot.ts';
import { createLogger, type Logger } from '../logger.ts';
import { type BankStoreConfig, createBankStore } from '../store/createBankStore.ts';
import { createScoreStore, type ScoreStoreConfig } from '../store/createScoreStore.ts';
import { ScoreDatabaseError } from '../store/postgres/ScoreDatabaseError.ts';
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
  try {
    await store.load();
  } catch (error) {
    if (error instanceof ScoreFileError || error instanceof ScoreDatabaseError)
      throw new UserError(error.message);
    throw error;
  }
  const bankStore = createBankStore(bankStoreConfig(config, logger));
  const banks = await openServerBanks({ shipped: bank, store: bankStore, now: Date.now }).catch(
    async (error: unknown) => {
      await store.close().catch(() => undefined);
      await bankStore.close().catch(() => undefined);
      if (error instanceof ScoreDatabaseError) throw new UserError(error.message);
      const code = (error as NodeJS.ErrnoException).code;
      if (config.STORE === 'json' && typeof code === 'string') {
        throw new UserError(
          `Cannot use the bank folder ${config.BANKS_DIR} (${code}): servers' topics are kept there. Set BANKS_DIR to a folder studyquiz may write.`,
        );
      }
      throw error;
    },
  );
  for (const problem of banks.problems) {
    logger.error(
      { guildId: problem.guildId, topic: problem.topicId, problem: problem.problem },
      "a server's stored topic cannot be used",
    );
  }
  logger.info(
    {
      questions: bank.questions.length,
      concepts: bank.glossary.size,
      store: config.STORE,
      serverBanks: (await bankStore.guildIds()).length,
    },
    'bank and scores loaded',
  );
  const bot = await startBot({
    token: config.DISCORD_TOKEN,
    commands: COMMANDS,
    apiUrl: config.DISCORD_API_URL,
    bank,
    serverBanks: banks,
    store,
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
    await bankStore.close().catch(() => undefined);
    throw error;
  });
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled rejection'));
  const signal = await Promise.race([once(process, 'SIGINT'), once(process, 'SIGTERM')]);
  logger.info({ signal: signal[0] }, 'shutting down');
  await bot.shutdown();
  await bankStore.close();
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

function bankStoreConfig(config: Config, logger: Logger): BankStoreConfig {
  switch (config.STORE) {
    case 'memory':
      return { kind: 'memory' };
    case 'json':
      return { kind: 'json', dir: config.BANKS_DIR };
    case 'postgres':
      if (config.DATABASE_URL === undefined)
        throw new Error('parseConfig lets STORE=postgres through only with DATABASE_URL');
      return {
        kind: 'postgres',
        connectionString: config.DATABASE_URL,
        onBackgroundError: (error) =>
          logger.warn({ err: error }, 'bank database connection lost; it reconnects when needed'),
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
