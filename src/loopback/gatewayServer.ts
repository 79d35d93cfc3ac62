import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import {
  GatewayDispatchEvents as Events,
  GatewayCloseCodes,
  type GatewayDispatchEvents,
  GatewayIntentBits,
  GatewayOpcodes,
} from 'discord-api-types/v10';
import { type WebSocket, WebSocketServer } from 'ws';
import type { ChangeFeed } from './changeFeed.ts';
import { intentAllows } from './intents.ts';
import { shardOf } from './shardOf.ts';

/** `[shard_id, num_shards]`, as sent in IDENTIFY. */
export type ShardKey = readonly [number, number];

/** What the gateway needs from the world to start a session. */
export interface GatewaySource {
  token: string;
  ready(sessionId: string, resumeGatewayUrl: string, shard: ShardKey, guildIds: string[]): unknown;
  /** Every guild the bot is in. */
  guildIds(): string[];
  /** The GUILD_CREATE payload of a guild, shaped for the session's intents. */
  guildCreate(guildId: string, intents: number): unknown;
  /** Member payloads of a guild, for GUILD_MEMBERS_CHUNK. */
  members(guildId: string): { user: { id: string; username: string } }[];
}

export interface GatewayServerOptions {
  heartbeatIntervalMs: number;
  /** Events kept per session for RESUME; older ones force a re-IDENTIFY. */
  replayLimit: number;
  feed: ChangeFeed;
  source: GatewaySource;
  nextSessionId: () => string;
  /** More guilds than this on one session is refused with 4011, as Discord does past 2,500. */
  maxGuildsPerShard: number;
}

/** An event's data, or a function giving the data a session with these intents receives. */
export type DispatchData = object | null | ((intents: number) => unknown);

interface MemberRequest {
  guild_id?: string | string[];
  query?: string;
  limit?: number;
  user_ids?: string | string[];
  nonce?: string;
}

interface IdentifyData {
  token?: string;
  intents?: number;
  shard?: unknown;
}

function ownsGuild(shard: ShardKey, guildId: string): boolean {
  return shard[1] === 1 || shardOf(guildId, shard[1]) === shard[0];
}

/** `[id, count]` with 0 <= id < count, or undefined: what Discord accepts before closing with 4010. */
function validShard(shard: unknown): ShardKey | undefined {
  if (!Array.isArray(shard) || shard.length !== 2) return undefined;
  const [id, count] = shard as unknown[];
  if (!Number.isInteger(id) || !Number.isInteger(count)) return undefined;
  const [i, n] = [id as number, count as number];
  return n >= 1 && i >= 0 && i < n ? [i, n] : undefined;
}

interface SentEvent {
  s: number;
  text: string;
}

interface Session {
  id: string;
  intents: number;
  shard: ShardKey;
  seq: number;
  buffer: SentEvent[];
  connection: Connection | null;
  valid: boolean;
}

interface Connection {
  socket: WebSocket;
  session: Session | null;
  /** Told to go away (RECONNECT, INVALID_SESSION): events are kept for replay, not sent. */
  draining: boolean;
}

export interface GatewayStats {
  connections: number;
  identifies: number;
  resumes: number;
  /** Events replayed by the latest RESUME. */
  lastReplayCount: number;
  /** Close codes the client used, in order. */
  clientCloseCodes: number[];
  /** The `shard` of every accepted IDENTIFY, in order (`[0, 1]` when none was sent). */
  identifiedShards: ShardKey[];
}

/** Discord's gateway v10 over `ws`, JSON encoding, without compression. */
export class GatewayServer {
  readonly #wss = new WebSocketServer({ noServer: true });
  readonly #connections = new Set<Connection>();
  readonly #sessions = new Map<string, Session>();
  readonly #options: GatewayServerOptions;
  resumeGatewayUrl = '';
  readonly stats: GatewayStats = {
    connections: 0,
    identifies: 0,
    resumes: 0,
    lastReplayCount: 0,
    clientCloseCodes: [],
    identifiedShards: [],
  };

  constructor(options: GatewayServerOptions) {
    this.#options = options;
  }

  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.#wss.handleUpgrade(request, socket, head, (ws) => this.#accept(ws));
  }

  /**
   * Sends an event to every identified session whose intents allow it and, for a guild's event,
   * only to the session of the guild's shard; kept for replay.
   */
  dispatch(event: GatewayDispatchEvents, data: DispatchData, guildId: string | null = null): void {
    let shared: string | undefined;
    for (const session of this.#sessions.values()) {
      if (!session.valid || !intentAllows(session.intents, event)) continue;
      if (guildId !== null && !ownsGuild(session.shard, guildId)) continue;
      let json: string;
      if (typeof data === 'function') json = JSON.stringify(data(session.intents));
      else json = shared ??= JSON.stringify(data);
      this.#send(session, event, json);
    }
  }

  /** Sends RECONNECT (op 7); the client resumes on a new socket and gets what it missed. */
  reconnect(): void {
    for (const connection of this.#connections) {
      if (!connection.session) continue;
      connection.draining = true;
      connection.socket.send(JSON.stringify({ op: GatewayOpcodes.Reconnect, d: null }));
    }
    this.#options.feed.notify({ kind: 'gateway' });
  }

  /** Sends INVALID_SESSION (op 9); unless resumable, the session is gone and the client must IDENTIFY. */
  invalidateSession(resumable = false): void {
    for (const connection of this.#connections) {
      const session = connection.session;
      if (!session) continue;
      if (!resumable) {
        session.valid = false;
        this.#sessions.delete(session.id);
        connection.session = null;
      }
      connection.draining = true;
      connection.socket.send(JSON.stringify({ op: GatewayOpcodes.InvalidSession, d: resumable }));
    }
    this.#options.feed.notify({ kind: 'gateway' });
  }

  /** Closes every socket with `code` (4000 lets discord.js resume); `terminate` drops TCP without a close frame. */
  closeSockets(code = 4000, options: { terminate?: boolean } = {}): void {
    for (const connection of this.#connections) {
      if (options.terminate) connection.socket.terminate();
      else connection.socket.close(code, 'closed by the loopback');
    }
  }

  /** Number of sessions with a live, non-draining socket: what "the bot is online" means here. */
  get liveSessions(): number {
    return this.liveShards.length;
  }

  /** The shard of each session with a live, non-draining socket. */
  get liveShards(): ShardKey[] {
    const live: ShardKey[] = [];
    for (const session of this.#sessions.values()) {
      if (session.valid && session.connection && !session.connection.draining) live.push(session.shard);
    }
    return live;
  }

  close(): Promise<void> {
    for (const connection of this.#connections) connection.socket.terminate();
    this.#connections.clear();
    this.#sessions.clear();
    return new Promise((resolve) => this.#wss.close(() => resolve()));
  }

  #accept(socket: WebSocket): void {
    const connection: Connection = { socket, session: null, draining: false };
    this.#connections.add(connection);
    this.stats.connections++;
    socket.on('message', (raw, isBinary) => {
      if (isBinary) {
        socket.close(GatewayCloseCodes.DecodeError, 'binary frames are not supported');
        return;
      }
      this.#onMessage(connection, raw.toString());
    });
    socket.on('close', (code) => {
      this.#connections.delete(connection);
      this.stats.clientCloseCodes.push(code);
      const session = connection.session;
      if (session && session.connection === connection) {
        session.connection = null;
        // As on Discord, a client that closes normally ends its session.
        if (code === 1000 || code === 1001) {
          session.valid = false;
          this.#sessions.delete(session.id);
        }
      }
      this.#options.feed.notify({ kind: 'gateway' });
    });
    socket.on('error', () => {});
    socket.send(
      JSON.stringify({
        op: GatewayOpcodes.Hello,
        d: { heartbeat_interval: this.#options.heartbeatIntervalMs },
      }),
    );
  }

  #onMessage(connection: Connection, raw: string): void {
    let payload: { op?: unknown; d?: unknown };
    try {
      payload = JSON.parse(raw) as { op?: unknown; d?: unknown };
    } catch {
      connection.socket.close(GatewayCloseCodes.DecodeError, 'Error while decoding payload.');
      return;
    }
    switch (payload.op) {
      case GatewayOpcodes.Heartbeat:
        connection.socket.send(JSON.stringify({ op: GatewayOpcodes.HeartbeatAck }));
        return;
      case GatewayOpcodes.Identify:
        this.#identify(connection, payload.d as IdentifyData);
        return;
      case GatewayOpcodes.Resume:
        this.#resume(connection, payload.d as { token?: string; session_id?: string; seq?: number });
        return;
      case GatewayOpcodes.RequestGuildMembers:
        this.#requestMembers(connection, payload.d as MemberRequest);
        return;
      case GatewayOpcodes.PresenceUpdate:
      case GatewayOpcodes.VoiceStateUpdate:
        return;
      default:
        connection.socket.close(GatewayCloseCodes.UnknownOpcode, 'Unknown opcode.');
    }
  }

  #identify(connection: Connection, d: IdentifyData): void {
    if (connection.session) {
      connection.socket.close(GatewayCloseCodes.AlreadyAuthenticated, 'Already authenticated.');
      return;
    }
    if (d?.token !== this.#options.source.token) {
      connection.socket.close(GatewayCloseCodes.AuthenticationFailed, 'Authentication failed.');
      return;
    }
    if (typeof d.intents !== 'number') {
      connection.socket.close(GatewayCloseCodes.DecodeError, 'intents are required');
      return;
    }
    const shard = d.shard === undefined ? ([0, 1] as const) : validShard(d.shard);
    if (!shard) {
      connection.socket.close(GatewayCloseCodes.InvalidShard, 'Invalid shard.');
      return;
    }
    const source = this.#options.source;
    const guildIds = source.guildIds().filter((id) => ownsGuild(shard, id));
    if (guildIds.length > this.#options.maxGuildsPerShard) {
      connection.socket.close(GatewayCloseCodes.ShardingRequired, 'Sharding required.');
      return;
    }
    this.stats.identifies++;
    this.stats.identifiedShards.push(shard);
    const session: Session = {
      id: this.#options.nextSessionId(),
      intents: d.intents,
      shard,
      seq: 0,
      buffer: [],
      connection,
      valid: true,
    };
    connection.session = session;
    this.#sessions.set(session.id, session);
    const ready = source.ready(session.id, this.resumeGatewayUrl, shard, guildIds);
    this.#send(session, Events.Ready, JSON.stringify(ready));
    if (intentAllows(session.intents, Events.GuildCreate)) {
      for (const guildId of guildIds) {
        this.#send(session, Events.GuildCreate, JSON.stringify(source.guildCreate(guildId, session.intents)));
      }
    }
    this.#options.feed.notify({ kind: 'gateway' });
  }

  #resume(connection: Connection, d: { token?: string; session_id?: string; seq?: number }): void {
    const session = d?.session_id ? this.#sessions.get(d.session_id) : undefined;
    const seq = typeof d?.seq === 'number' ? d.seq : -1;
    const oldest = session?.buffer[0]?.s ?? (session ? session.seq + 1 : 0);
    if (!session?.valid || d.token !== this.#options.source.token || seq + 1 < oldest) {
      connection.socket.send(JSON.stringify({ op: GatewayOpcodes.InvalidSession, d: false }));
      return;
    }
    if (session.connection && session.connection !== connection) {
      session.connection.session = null;
      session.connection.socket.close(4000, 'session resumed elsewhere');
    }
    session.connection = connection;
    connection.session = session;
    connection.draining = false;
    let replayed = 0;
    for (const event of session.buffer) {
      if (event.s > seq) {
        connection.socket.send(event.text);
        replayed++;
      }
    }
    this.stats.resumes++;
    this.stats.lastReplayCount = replayed;
    this.#send(session, Events.Resumed, 'null');
    this.#options.feed.notify({ kind: 'gateway' });
  }

  /** Op 8 (discord.js `guild.members.fetch()`): one GUILD_MEMBERS_CHUNK; the full list needs GuildMembers. */
  #requestMembers(connection: Connection, request: MemberRequest): void {
    const session = connection.session;
    if (!session || !request?.guild_id) return;
    const guildIds = Array.isArray(request.guild_id) ? request.guild_id : [request.guild_id];
    for (const guildId of guildIds.filter((id) => ownsGuild(session.shard, id))) {
      const all = this.#options.source.members(guildId);
      const ids = request.user_ids === undefined ? null : new Set([request.user_ids].flat());
      const query = (request.query ?? '').toLowerCase();
      // Discord needs the GuildMembers intent for the whole list; the loopback makes the mistake loud.
      if (ids === null && query === '' && (session.intents & GatewayIntentBits.GuildMembers) === 0) {
        connection.socket.close(GatewayCloseCodes.DisallowedIntents, 'Disallowed intent(s).');
        return;
      }
      const members = all
        .filter((m) => (ids ? ids.has(m.user.id) : m.user.username.toLowerCase().startsWith(query)))
        .slice(0, request.limit && request.limit > 0 ? request.limit : undefined);
      const data = {
        guild_id: guildId,
        members,
        chunk_index: 0,
        chunk_count: 1,
        not_found: ids ? [...ids].filter((id) => !members.some((m) => m.user.id === id)) : [],
        ...(request.nonce === undefined ? {} : { nonce: request.nonce }),
      };
      this.#send(session, Events.GuildMembersChunk, JSON.stringify(data));
    }
  }

  #send(session: Session, event: GatewayDispatchEvents, json: string): void {
    session.seq++;
    const text = `{"op":0,"t":"${event}","s":${session.seq},"d":${json}}`;
    session.buffer.push({ s: session.seq, text });
    if (session.buffer.length > this.#options.replayLimit * 2) {
      session.buffer.splice(0, session.buffer.length - this.#options.replayLimit);
    }
    const connection = session.connection;
    if (connection && !connection.draining) connection.socket.send(text);
  }
}
