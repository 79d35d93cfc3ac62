import { Client, type ClientOptions, Events, GatewayIntentBits, Options } from 'discord.js';
import type { Agent } from 'undici';
import type { GuildBanks } from '../app/guildBanks.ts';
import type { RoundDefaults } from '../app/roundLimits.ts';
import type { ServerBanks } from '../app/serverBanks.ts';
import { createStudyApp, type StudyApp } from '../app/studyApp.ts';
import type { Bank } from '../bank/loadBank.ts';
import { type Random, seededRandom } from '../core/random.ts';
import { realScheduler, type Scheduler } from '../core/scheduler.ts';
import { UserError } from '../core/userError.ts';
import type { Logger } from '../logger.ts';
import type { ReviewStore } from '../store/ReviewStore.ts';
import type { ScoreStore } from '../store/ScoreStore.ts';
import type { BotContext, SlashCommand } from './botContext.ts';
import { restMessenger } from './channelMessenger.ts';
import { installFastAnswerPath } from './fastAnswerPath.ts';
import { createInteractionRouter } from './interactionRouter.ts';
import { NO_PINGS } from './render/text.ts';
import { createRestAgent } from './restAgent.ts';
import { RoundPresenter } from './roundPresenter.ts';

/** How long shutdown waits for the last Discord calls (a hung request must not keep the process up). */
const SHUTDOWN_GRACE_MS = 10_000;

function settleWithin(work: Promise<unknown>, ms: number): Promise<unknown> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise((resolve) => {
    timer = setTimeout(resolve, ms);
    timer.unref();
  });
  return Promise.race([work, limit]).finally(() => clearTimeout(timer));
}

export interface BotOptions {
  token: string;
  /** The slash commands to serve, handed in by the composition root (`studyquiz start`). */
  commands: readonly SlashCommand[];
  /** REST base for discord.js (`rest.api`), e.g. a proxy or the loopback Discord. */
  apiUrl?: string | undefined;
  bank: Bank;
  /** Servers' own banks: each server plays its composed bank, and `/bank` manages it. */
  serverBanks?: { guildBanks: GuildBanks; serverBanks: ServerBanks } | undefined;
  store: ScoreStore;
  /** Review cards, loaded already (default: in memory); closed at shutdown after the scores. */
  reviewStore?: ReviewStore | undefined;
  logger: Logger;
  defaults: RoundDefaults;
  scheduler?: Scheduler;
  random?: Random;
  /** Extra discord.js options (tests shorten the identify throttle). */
  clientOptions?: Partial<ClientOptions>;
  /** The shards this client runs, of `count` (default shard 0 of 1). */
  shards?: { ids: number[]; count: number };
}

export interface RunningBot {
  client: Client<true>;
  context: BotContext;
  /** Stops answers, closes open rounds with a message, flushes scores, destroys the client. */
  shutdown(): Promise<void>;
}

/**
 * Only the Guilds intent: answers arrive as interactions, so no privileged intent is needed.
 * Caches are trimmed to what the bot reads: guilds and channels, not members, users or messages.
 */
function clientOptions(options: BotOptions, agent: Agent): ClientOptions {
  return {
    intents: [GatewayIntentBits.Guilds],
    allowedMentions: NO_PINGS,
    makeCache: Options.cacheWithLimits({
      ...Options.DefaultMakeCacheSettings,
      MessageManager: 0,
      GuildMemberManager: 0,
      UserManager: 0,
      ReactionManager: 0,
      PresenceManager: 0,
      VoiceStateManager: 0,
      GuildEmojiManager: 0,
      GuildStickerManager: 0,
      ThreadMemberManager: 0,
    }),
    rest: { agent, ...(options.apiUrl ? { api: options.apiUrl } : {}) },
    shards: options.shards?.ids ?? [0],
    shardCount: options.shards?.count ?? 1,
    ...options.clientOptions,
  };
}

/**
 * discord.js's Client reads SHARDS and SHARD_COUNT from the environment whenever its options
 * equal the defaults (shardCount 1 does): a user's SHARDS=2 would become an IDENTIFY as [2, 1].
 * They are hidden while it is built, so only the shards given explicitly count.
 */
function clientIgnoringShardEnv(options: ClientOptions): Client {
  const { SHARDS, SHARD_COUNT } = process.env;
  delete process.env.SHARDS;
  delete process.env.SHARD_COUNT;
  try {
    return new Client(options);
  } finally {
    if (SHARDS !== undefined) process.env.SHARDS = SHARDS;
    if (SHARD_COUNT !== undefined) process.env.SHARD_COUNT = SHARD_COUNT;
  }
}

export async function startBot(options: BotOptions): Promise<RunningBot> {
  const { logger, store } = options;
  const scheduler = options.scheduler ?? realScheduler;
  const agent = createRestAgent();
  const client = clientIgnoringShardEnv(clientOptions(options, agent));
  const presenter = new RoundPresenter({
    app: () => app,
    messenger: restMessenger(client.rest),
    scheduler,
    logger,
  });
  const app: StudyApp = createStudyApp({
    bank: (guildId) => options.serverBanks?.guildBanks.bank(guildId) ?? options.bank,
    serverBanks: options.serverBanks?.serverBanks,
    store,
    reviewStore: options.reviewStore,
    scheduler,
    random: options.random ?? seededRandom(Date.now() >>> 0),
    logger,
    defaults: options.defaults,
    observers: [presenter],
  });
  const context: BotContext = { app, presenter, logger, apiUrl: options.apiUrl };

  const fastAnswerPath = installFastAnswerPath({ client, app, logger, agent, apiUrl: options.apiUrl });
  client.on(Events.InteractionCreate, createInteractionRouter(options.commands, context));
  // Nobody can be told in a channel that is gone: the round just ends and frees its slot.
  client.on(Events.ChannelDelete, (channel) => app.rounds.channelGone(channel.id));
  client.on(Events.GuildDelete, (guild) => app.rounds.guildGone(guild.id));
  client.on(Events.Error, (error) => logger.error({ err: error }, 'discord.js error'));
  client.on(Events.Warn, (message) => logger.warn({ message }, 'discord.js warning'));
  client.rest.on('rateLimited', (info) =>
    logger.debug({ route: info.route, retryAfter: info.retryAfter, global: info.global }, 'rate limited'),
  );

  const ready = new Promise<Client<true>>((resolve) => client.once(Events.ClientReady, resolve));
  try {
    await client.login(options.token);
  } catch (error) {
    await client.destroy();
    await agent.close();
    if ((error as { code?: unknown }).code === 'TokenInvalid') {
      throw new UserError(
        'Discord refused DISCORD_TOKEN. Copy the bot token again (developer portal → Bot → Reset Token) into .env.',
      );
    }
    throw error;
  }
  const readyClient = await ready;
  await fastAnswerPath.warmUp();
  logger.info({ user: readyClient.user.tag, guilds: readyClient.guilds.cache.size }, 'bot ready');

  let stopping: Promise<void> | undefined;
  const shutdown = () => {
    stopping ??= (async () => {
      await settleWithin(app.rounds.shutdown(), SHUTDOWN_GRACE_MS);
      await settleWithin(presenter.idle(), SHUTDOWN_GRACE_MS);
      await store
        .close()
        .catch((error: unknown) => logger.error({ err: error }, 'scores could not be saved at shutdown'));
      await settleWithin(app.reviewRecorder.idle(), SHUTDOWN_GRACE_MS);
      await options.reviewStore
        ?.close()
        .catch((error: unknown) =>
          logger.error({ err: error }, 'review cards could not be saved at shutdown'),
        );
      await client.destroy();
      await agent.close();
      logger.info('bot stopped');
    })();
    return stopping;
  };
  return { client: readyClient, context, shutdown };
}
