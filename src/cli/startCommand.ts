import { once } from 'node:events';
import { COMMANDS } from '../../commands/index.ts';
import type { Config } from '../config.ts';
import { UserError } from '../core/userError.ts';
import { startBot } from '../discord/startBot.ts';
import { createLogger } from '../logger.ts';
import { questionsDir } from './bankLocation.ts';
import type { CliCommand, CliIo } from './cliIo.ts';
import { loadConfig } from './loadEnv.ts';
import { loadValidBank } from './loadValidBank.ts';
import { openStores } from './openStores.ts';
import { parseOptions } from './parseOptions.ts';
import { recommendedShardCount } from './shards/recommendedShardCount.ts';
import { runShardManager } from './shards/runShardManager.ts';
import { assignedShard, type ShardAssignment } from './shards/shardChild.ts';
import { checkShardIds } from './shards/shardIds.ts';
import { shardRequest } from './shards/shardRequest.ts';

export const START_USAGE = 'studyquiz start [--shards auto|N] [--shard-count N --shard-ids 0-3]';

/**
 * Runs the bot until SIGINT or SIGTERM, then shuts it down cleanly and exits 0. With shards, this
 * process is the manager and each shard runs `studyquiz start` in a process of its own.
 */
export const startCommand: CliCommand = async (args, io) => {
  const { values } = parseOptions(
    args,
    { shards: { type: 'string' }, 'shard-count': { type: 'string' }, 'shard-ids': { type: 'string' } },
    START_USAGE,
  );
  const config = loadConfig(io.env);
  const assigned = assignedShard(io.env);
  if (assigned) return runBot(io, config, assigned);
  const request = shardRequest(
    { shards: values.shards, shardCount: values['shard-count'], shardIds: values['shard-ids'] },
    {
      shards: config.STUDYQUIZ_SHARDS,
      shardCount: config.STUDYQUIZ_SHARD_COUNT,
      shardIds: config.STUDYQUIZ_SHARD_IDS,
    },
  );
  if (request === undefined) return runBot(io, config, undefined);
  // Refused before anything connects; `auto` is checked once Discord has said how many.
  if (request.count !== 'auto') refuseUnsharedStore(config, request.count);
  const count =
    request.count === 'auto'
      ? await recommendedShardCount(config.DISCORD_TOKEN, config.DISCORD_API_URL)
      : request.count;
  refuseUnsharedStore(config, count);
  const ids = request.ids ?? Array.from({ length: count }, (_, id) => id);
  checkShardIds(ids, count, request.idsSource);
  if (count === 1) return runBot(io, config, undefined);
  const logger = createLogger({
    level: config.LOG_LEVEL,
    secrets: secretsOf(config),
    base: { shard: 'manager' },
  });
  // Checked once here, so a bad bank or database stops the start before any shard is spawned.
  const shipped = await loadValidBank(questionsDir(io.env, config.QUESTIONS_DIR));
  await (await openStores(config, logger, shipped)).close();
  return runShardManager({ ids, count, token: config.DISCORD_TOKEN, env: io.env, logger });
};

/** One process running one shard: shard 0 of 1 unless the manager started it for another. */
async function runBot(io: CliIo, config: Config, shard: ShardAssignment | undefined): Promise<number> {
  const logger = createLogger({
    level: config.LOG_LEVEL,
    secrets: secretsOf(config),
    base: { shard: shard?.id ?? 0 },
  });
  const bank = await loadValidBank(questionsDir(io.env, config.QUESTIONS_DIR));
  const stores = await openStores(config, logger, bank);
  const { store, reviewStore, bankStore, banks } = stores;
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
    reviewStore,
    logger,
    shards: { ids: [shard?.id ?? 0], count: shard?.count ?? 1 },
    defaults: {
      count: config.QUIZ_DEFAULT_COUNT,
      seconds: config.QUIZ_DEFAULT_SECONDS,
      scoring: config.QUIZ_DEFAULT_SCORING,
      revealSeconds: config.QUIZ_REVEAL_SECONDS,
    },
  }).catch(async (error: unknown) => {
    // Nothing was recorded, but a database store holds connections until closed.
    await stores.close().catch(() => undefined);
    throw error;
  });
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled rejection'));
  const stops = [once(process, 'SIGINT'), once(process, 'SIGTERM')];
  // A shard whose manager is gone (killed) stops too, rather than run on unmanaged.
  if (shard) stops.push(once(process, 'disconnect').then(() => ['manager gone']));
  const signal = await Promise.race(stops);
  // A shard gets a signal from the manager and, in a terminal, from Ctrl-C too: one is enough.
  if (shard) for (const name of ['SIGINT', 'SIGTERM'] as const) process.on(name, () => undefined);
  logger.info({ signal: signal[0] }, 'shutting down');
  await bot.shutdown();
  await bankStore.close();
  logger.flush();
  // The manager's IPC channel would keep this process alive.
  if (shard) process.disconnect?.();
  return 0;
}

/** Several shard processes cannot share a score file or a memory store; PostgreSQL they can. */
function refuseUnsharedStore(config: Config, count: number): void {
  if (count === 1 || config.STORE === 'postgres') return;
  const why =
    config.STORE === 'json'
      ? `a score file cannot be shared safely by several processes (each would overwrite the others' points in ${config.SCORES_FILE})`
      : 'memory scores live inside one process, so each shard would keep a leaderboard of its own and lose it on restart';
  throw new UserError(
    `STORE=${config.STORE} cannot run ${count} shards: each shard is a process of its own, and ${why}. ` +
      'Use STORE=postgres with DATABASE_URL=postgres://user:password@host:5432/studyquiz (see "Running with PostgreSQL" in README.md), or run one shard.',
  );
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
