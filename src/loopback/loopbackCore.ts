import { randomBytes } from 'node:crypto';
import { GatewayDispatchEvents as E, GatewayIntentBits } from 'discord-api-types/v10';
import {
  channelPayload,
  gatewayMessagePayload,
  guildCreatePayload,
  memberPayload,
  rolePayload,
  userPayload,
} from './apiPayloads.ts';
import { AttachmentStore } from './attachmentStore.ts';
import { ChangeFeed } from './changeFeed.ts';
import type { Clock } from './clock.ts';
import { CommandRegistry } from './commandRegistry.ts';
import { Faults } from './faults.ts';
import { type DispatchData, GatewayServer, type ShardKey } from './gatewayServer.ts';
import { hasMessageContent } from './intents.ts';
import type { InteractionRecord } from './interactionRecord.ts';
import { discordRateLimits, noRateLimits, type RateLimitConfig, RateLimiter } from './rateLimiter.ts';
import type { RequestRecord } from './requestRecord.ts';
import { createSnowflakes, type NextId } from './snowflakes.ts';
import type { StoredMessage } from './storedMessage.ts';
import { type Channel, type Guild, type Member, type Role, World } from './world.ts';

export interface LoopbackOptions {
  /** The bot token the client must present; random by default. */
  token?: string;
  botName?: string;
  /** Clock for Discord's deadlines and rate-limit windows (default Date.now); see createTestClock. */
  now?: Clock;
  /** 'discord' (default): Discord-like buckets; 'off': none; or your own rules and windows. */
  rateLimits?: 'discord' | 'off' | RateLimitConfig;
  /** Heartbeat interval announced in HELLO (default 41250 ms, as Discord). */
  heartbeatIntervalMs?: number;
  /** Safety timeout of driver waits (default 10 s); a wait that expires fails the test with a description. */
  waitTimeoutMs?: number;
  /** How long an interaction may stay unacknowledged (default 3000 ms). */
  ackDeadlineMs?: number;
  /** How long an interaction token (for `@original` and follow-ups) lives (default 15 min). */
  tokenLifetimeMs?: number;
  /** Dispatched events kept per gateway session for RESUME (default 10 000). */
  replayLimit?: number;
  /** The shard count `GET /gateway/bot` recommends (default 1); `driver.gateway.recommendShards` changes it. */
  shards?: number;
  /** Guilds one gateway session may hold before IDENTIFY is refused with 4011 (default 2,500, as Discord). */
  maxGuildsPerShard?: number;
}

export interface AckListener {
  acked: () => void;
  abandoned: (reason: string) => void;
}

export interface LoopbackSettings {
  ackDeadlineMs: number;
  tokenLifetimeMs: number;
}

/** The state the REST routes, the gateway and the driver share. */
export class LoopbackCore {
  readonly clock: Clock;
  readonly nextId: NextId;
  readonly token: string;
  readonly applicationId: string;
  readonly feed: ChangeFeed;
  readonly world: World;
  readonly commands: CommandRegistry;
  readonly faults = new Faults();
  readonly attachments = new AttachmentStore();
  readonly limiter: RateLimiter;
  readonly gateway: GatewayServer;
  readonly settings: LoopbackSettings;
  readonly interactions = new Map<string, InteractionRecord>();
  readonly interactionsByToken = new Map<string, InteractionRecord>();
  readonly requests: RequestRecord[] = [];
  readonly unknownRoutes: RequestRecord[] = [];
  readonly rateLimited: RequestRecord[] = [];
  /** Bugs in the loopback itself (answered 500); tests should expect none. */
  readonly internalErrors: Error[] = [];
  /** Waiting for one interaction's acknowledgement, resolved directly to keep the hot path O(1). */
  readonly ackListeners = new Map<string, AckListener[]>();
  /** Set by startLoopback once the port is known. */
  apiUrl = '';
  gatewayUrl = '';
  /** What `GET /gateway/bot` reports as `shards`. */
  recommendedShards: number;

  constructor(options: LoopbackOptions = {}) {
    this.clock = options.now ?? Date.now;
    this.nextId = createSnowflakes(this.clock);
    this.applicationId = this.nextId();
    this.token =
      options.token ??
      `${Buffer.from(this.applicationId).toString('base64url')}.loopback.${randomBytes(12).toString('base64url')}`;
    this.feed = new ChangeFeed(options.waitTimeoutMs ?? 10_000);
    this.settings = {
      ackDeadlineMs: options.ackDeadlineMs ?? 3000,
      tokenLifetimeMs: options.tokenLifetimeMs ?? 15 * 60_000,
    };
    const limits = options.rateLimits ?? 'discord';
    this.limiter = new RateLimiter(
      limits === 'discord' ? discordRateLimits : limits === 'off' ? noRateLimits : limits,
      this.clock,
    );
    this.world = new World({
      clock: this.clock,
      nextId: this.nextId,
      feed: this.feed,
      botUser: {
        id: this.applicationId,
        username: options.botName ?? 'studyquiz',
        globalName: null,
        bot: true,
      },
    });
    this.commands = new CommandRegistry(this.applicationId, this.nextId);
    this.recommendedShards = options.shards ?? 1;
    let sessions = 0;
    this.gateway = new GatewayServer({
      maxGuildsPerShard: options.maxGuildsPerShard ?? 2500,
      heartbeatIntervalMs: options.heartbeatIntervalMs ?? 41_250,
      replayLimit: options.replayLimit ?? 10_000,
      feed: this.feed,
      nextSessionId: () => `${randomBytes(8).toString('hex')}${++sessions}`,
      source: {
        token: this.token,
        ready: (sessionId, resumeGatewayUrl, shard, guildIds) =>
          this.#readyPayload(sessionId, resumeGatewayUrl, shard, guildIds),
        members: (guildId) =>
          [...(this.world.guilds.get(guildId)?.members.values() ?? [])].map(memberPayload),
        guildIds: () => [...this.world.guilds.keys()],
        guildCreate: (guildId, intents) => this.#guildCreate(this.world.guild(guildId), intents),
      },
    });
    this.world.dispatch = (event, data, guildId) => this.#dispatchWorldChange(event, data, guildId);
  }

  /** Tells everyone waiting that no more acknowledgements will come (the loopback is closing). */
  abandonAckWaits(reason: string): void {
    const listeners = [...this.ackListeners.values()].flat();
    this.ackListeners.clear();
    for (const listener of listeners) listener.abandoned(reason);
  }

  message(message: StoredMessage) {
    return gatewayMessagePayload(this.world, message, this.applicationId);
  }

  #guildCreate(guild: Guild, intents: number) {
    return guildCreatePayload(guild, this.world.bot.id, (intents & GatewayIntentBits.GuildMembers) !== 0);
  }

  #readyPayload(sessionId: string, resumeGatewayUrl: string, shard: ShardKey, guildIds: string[]) {
    return {
      v: 10,
      user: { ...userPayload(this.world.bot), verified: true, mfa_enabled: false, flags: 0 },
      guilds: guildIds.map((id) => ({ id, unavailable: true })),
      session_id: sessionId,
      resume_gateway_url: resumeGatewayUrl,
      shard,
      application: { id: this.applicationId, flags: 0 },
      private_channels: [],
      relationships: [],
      presences: [],
      guild_join_requests: [],
      geo_ordered_rtc_regions: [],
      user_settings: {},
    };
  }

  #dispatchWorldChange(event: E, data: unknown, guildId: string | null): void {
    const gateway = { dispatch: (e: E, d: DispatchData) => this.gateway.dispatch(e, d, guildId) };
    switch (event) {
      case E.GuildCreate: {
        const guild = this.world.guild((data as { guildId: string }).guildId);
        gateway.dispatch(event, (intents) => this.#guildCreate(guild, intents));
        return;
      }
      case E.ChannelCreate:
      case E.ChannelUpdate:
      case E.ChannelDelete:
        gateway.dispatch(event, channelPayload(data as Channel));
        return;
      case E.GuildRoleCreate: {
        const role = data as Role;
        const guildId = [...this.world.guilds.values()].find((g) => g.roles.has(role.id))?.id;
        gateway.dispatch(event, { guild_id: guildId, role: rolePayload(role) });
        return;
      }
      case E.GuildMemberAdd: {
        const member = data as Member;
        gateway.dispatch(event, { ...memberPayload(member), guild_id: member.guildId });
        return;
      }
      case E.GuildMemberRemove: {
        const member = data as Member;
        gateway.dispatch(event, { guild_id: member.guildId, user: userPayload(member.user) });
        return;
      }
      case E.MessageCreate:
      case E.MessageUpdate: {
        const message = data as StoredMessage;
        const full = this.message(message);
        // Discord blanks other people's messages for bots without the MessageContent intent.
        if (message.authorId === this.world.bot.id) gateway.dispatch(event, full);
        else
          gateway.dispatch(event, (intents) =>
            hasMessageContent(intents) ? full : { ...full, content: '', embeds: [], components: [] },
          );
        return;
      }
      case E.MessageDelete: {
        const message = data as StoredMessage;
        gateway.dispatch(event, {
          id: message.id,
          channel_id: message.channelId,
          guild_id: message.guildId ?? undefined,
        });
        return;
      }
      default:
        gateway.dispatch(event, data as object);
    }
  }
}
