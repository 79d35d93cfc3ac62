import { once } from 'node:events';
import { COMMANDS } from '../../commands/index.ts';
import { UserError } from '../core/userError.ts';
import { startBot } from '../discord/startBot.ts';
import { createLogger } from '../logger.ts';
import { createScoreStore } from '../store/createScoreStore.ts';
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
  const logger = createLogger({ level: config.LOG_LEVEL, secrets: [config.DISCORD_TOKEN] });
  const bank = await loadValidBank(questionsDir(io.env, config.QUESTIONS_DIR));
  const store = createScoreStore(
    config.STORE === 'memory' ? { kind: 'memory' } : { kind: 'json', file: config.SCORES_FILE },
  );
  try {
    await store.load();
  } catch (error) {
    if (error instanceof ScoreFileError) throw new UserError(error.message);
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
    logger,
    defaults: {
      count: config.QUIZ_DEFAULT_COUNT,
      seconds: config.QUIZ_DEFAULT_SECONDS,
      scoring: config.QUIZ_DEFAULT_SCORING,
      revealSeconds: config.QUIZ_REVEAL_SECONDS,
    },
  });
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled rejection'));
  const signal = await Promise.race([once(process, 'SIGINT'), once(process, 'SIGTERM')]);
  logger.info({ signal: signal[0] }, 'shutting down');
  await bot.shutdown();
  logger.flush();
  return 0;
};
