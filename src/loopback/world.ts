import { ChannelType, GatewayDispatchEvents } from 'discord-api-types/v10';
import type { ChangeFeed } from './changeFeed.ts';
import type { Clock } from './clock.ts';
import {
  computePermissions,
  defaultBotPermissions,
  defaultEveryonePermissions,
  type PermissionOverwrite,
} from './permissions.ts';
import type { NextId } from './snowflakes.ts';
import { currentVersion, type StoredMessage } from './storedMessage.ts';

export interface User {
  id: string;
  username: string;
  globalName: string | null;
  bot: boolean;
}

export interface Role {
  id: string;
  name: string;
  permissions: bigint;
  position: number;
  managed: boolean;
}

export interface Member {
  user: User;
  guildId: string;
  roleIds: string[];
  nick: string | null;
  joinedAt: number;
}

export interface Channel {
  id: string;
  guildId: string;
  name: string;
  type: ChannelType.GuildText;
  topic: string | null;
  position: number;
  overwrites: PermissionOverwrite[];
  deleted: boolean;
  /** All messages in order of creation, deleted and ephemeral ones included. */
  messages: StoredMessage[];
}

export interface Guild {
  id: string;
  name: string;
  ownerId: string;
  everyonePermissions: bigint;
  roles: Map<string, Role>;
  channels: Channel[];
  members: Map<string, Member>;
  createdAt: number;
}

export interface CreateGuildOptions {
  name?: string;
  /** Text channels to create with the guild. */
  channels?: string[];
  everyonePermissions?: bigint;
  /** Permissions of the bot's managed role (overwrites per channel: `setBotPermissions`). */
  botPermissions?: bigint;
  /** `[id, count]`: an id whose events go to that shard when the bot runs `count` shards. */
  shard?: readonly [number, number];
}

export interface AddMemberOptions {
  username: string;
  nick?: string;
  roleIds?: string[];
  /** Shortcut: gives the member a role of its own with these permissions. */
  permissions?: bigint;
}

/** How the world tells the gateway that something happened; wired by startLoopback. */
export type Dispatch = (event: GatewayDispatchEvents, data: unknown, guildId: string | null) => void;

export interface WorldDeps {
  clock: Clock;
  nextId: NextId;
  feed: ChangeFeed;
  botUser: User;
}

/**
 * The guilds, channels, members and messages of the loopback Discord. Tests shape it directly;
 * REST routes read and change it; every change that Discord would announce is dispatched.
 */
export class World {
  readonly bot: User;
  readonly guilds = new Map<string, Guild>();
  readonly users = new Map<string, User>();
  readonly #channels = new Map<string, Channel>();
  readonly #messages = new Map<string, StoredMessage>();
  readonly #deps: WorldDeps;
  dispatch: Dispatch = () => {};

  constructor(deps: WorldDeps) {
    this.#deps = deps;
    this.bot = deps.botUser;
    this.users.set(this.bot.id, this.bot);
  }

  get now(): number {
    return this.#deps.clock();
  }

  nextId(): string {
    return this.#deps.nextId();
  }

  createGuild(options: CreateGuildOptions = {}): Guild {
    const id = this.#deps.nextId(options.shard);
    const owner = this.createUser(`owner-${id.slice(-4)}`);
    const guild: Guild = {
      id,
      name: options.name ?? 'Study Group',
      ownerId: owner.id,
      everyonePermissions: options.everyonePermissions ?? defaultEveryonePermissions,
      roles: new Map(),
      channels: [],
      members: new Map(),
      createdAt: this.now,
    };
    guild.roles.set(id, {
      id,
      name: '@everyone',
      permissions: guild.everyonePermissions,
      position: 0,
      managed: false,
    });
    this.guilds.set(id, guild);
    guild.members.set(owner.id, { user: owner, guildId: id, roleIds: [], nick: null, joinedAt: this.now });
    const botRole = this.#addRole(
      guild,
      this.bot.username,
      options.botPermissions ?? defaultBotPermissions,
      true,
    );
    guild.members.set(this.bot.id, {
      user: this.bot,
      guildId: id,
      roleIds: [botRole.id],
      nick: null,
      joinedAt: this.now,
    });
    for (const name of options.channels ?? []) this.#addChannel(guild, name, null);
    this.dispatch(GatewayDispatchEvents.GuildCreate, { guildId: id }, id);
    return guild;
  }

  createUser(username: string): User {
    const user: User = { id: this.nextId(), username, globalName: null, bot: false };
    this.users.set(user.id, user);
    return user;
  }

  createChannel(guildId: string, name: string, options: { topic?: string } = {}): Channel {
    const channel = this.#addChannel(this.guild(guildId), name, options.topic ?? null);
    this.dispatch(GatewayDispatchEvents.ChannelCreate, channel, guildId);
    return channel;
  }

  createRole(guildId: string, name: string, permissions: bigint): Role {
    const guild = this.guild(guildId);
    const role = this.#addRole(guild, name, permissions, false);
    this.dispatch(GatewayDispatchEvents.GuildRoleCreate, role, guildId);
    return role;
  }

  addMember(guildId: string, options: AddMemberOptions): Member {
    const guild = this.guild(guildId);
    const user = this.createUser(options.username);
    const roleIds = [...(options.roleIds ?? [])];
    for (const roleId of roleIds) if (!guild.roles.has(roleId)) throw new Error(`No role ${roleId} in guild`);
    if (options.permissions !== undefined) {
      roleIds.push(this.#addRole(guild, `${options.username}'s role`, options.permissions, false).id);
    }
    const member: Member = { user, guildId, roleIds, nick: options.nick ?? null, joinedAt: this.now };
    guild.members.set(user.id, member);
    this.dispatch(GatewayDispatchEvents.GuildMemberAdd, member, guildId);
    return member;
  }

  /** The member leaves the guild; the bot hears GUILD_MEMBER_REMOVE only with the GuildMembers intent. */
  removeMember(guildId: string, userId: string): void {
    const guild = this.guild(guildId);
    const member = guild.members.get(userId);
    if (!member) throw new Error(`User ${userId} is not a member of guild ${guildId}`);
    guild.members.delete(userId);
    this.dispatch(GatewayDispatchEvents.GuildMemberRemove, member, guildId);
  }

  /** Deletes the channel: CHANNEL_DELETE is dispatched and its routes answer 10003 from now on. */
  deleteChannel(channelId: string): void {
    const channel = this.channel(channelId);
    channel.deleted = true;
    const guild = this.guild(channel.guildId);
    guild.channels = guild.channels.filter((c) => c.id !== channelId);
    this.dispatch(GatewayDispatchEvents.ChannelDelete, channel, channel.guildId);
  }

  /** Sets a permission overwrite for the bot in one channel (CHANNEL_UPDATE is dispatched). */
  setBotPermissions(channelId: string, change: { allow?: bigint; deny?: bigint }): void {
    this.setOverwrite(channelId, {
      id: this.bot.id,
      type: 1,
      allow: change.allow ?? 0n,
      deny: change.deny ?? 0n,
    });
  }

  setOverwrite(channelId: string, overwrite: PermissionOverwrite): void {
    const channel = this.channel(channelId);
    channel.overwrites = [...channel.overwrites.filter((o) => o.id !== overwrite.id), overwrite];
    this.dispatch(GatewayDispatchEvents.ChannelUpdate, channel, channel.guildId);
  }

  permissionsIn(channelId: string, userId: string): bigint {
    const channel = this.channel(channelId);
    const guild = this.guild(channel.guildId);
    const member = guild.members.get(userId);
    if (!member) return 0n;
    const roles = member.roleIds.flatMap((id) => {
      const role = guild.roles.get(id);
      return role ? [role] : [];
    });
    return computePermissions({
      guildId: guild.id,
      ownerId: guild.ownerId,
      userId,
      everyone: guild.everyonePermissions,
      roles,
      overwrites: channel.overwrites,
    });
  }

  guild(id: string): Guild {
    const guild = this.guilds.get(id);
    if (!guild) throw new Error(`No guild ${id} in the loopback world`);
    return guild;
  }

  /** A channel, deleted or not; `findChannel` is the lenient variant. */
  channel(id: string): Channel {
    const channel = this.#channels.get(id);
    if (!channel) throw new Error(`No channel ${id} in the loopback world`);
    return channel;
  }

  findChannel(id: string): Channel | undefined {
    return this.#channels.get(id);
  }

  member(guildId: string, userId: string): Member {
    const member = this.guild(guildId).members.get(userId);
    if (!member) throw new Error(`User ${userId} is not a member of guild ${guildId}`);
    return member;
  }

  message(id: string): StoredMessage | undefined {
    return this.#messages.get(id);
  }

  /** Stores a new message and announces it (ephemeral ones are never dispatched). */
  addMessage(message: StoredMessage): StoredMessage {
    this.#messages.set(message.id, message);
    this.channel(message.channelId).messages.push(message);
    this.#announce(message, GatewayDispatchEvents.MessageCreate, 'create');
    return message;
  }

  /** Applies an edit, keeping the previous version in the message's history. */
  editMessage(
    message: StoredMessage,
    change: Partial<Pick<StoredMessage, 'content' | 'embeds' | 'components' | 'flags' | 'allowedMentions'>>,
  ): StoredMessage {
    message.history.push(currentVersion(message));
    if (change.content !== undefined) message.content = change.content;
    if (change.embeds !== undefined) message.embeds = change.embeds;
    if (change.components !== undefined) message.components = change.components;
    if (change.flags !== undefined) message.flags = change.flags;
    if (change.allowedMentions !== undefined) message.allowedMentions = change.allowedMentions;
    message.editedAt = this.now;
    this.#announce(message, GatewayDispatchEvents.MessageUpdate, 'edit');
    return message;
  }

  deleteMessage(message: StoredMessage): void {
    message.deleted = true;
    this.#announce(message, GatewayDispatchEvents.MessageDelete, 'delete');
  }

  /** Tells the gateway (ephemeral messages never reach it) and the tests' waits. */
  #announce(
    message: StoredMessage,
    event:
      | GatewayDispatchEvents.MessageCreate
      | GatewayDispatchEvents.MessageUpdate
      | GatewayDispatchEvents.MessageDelete,
    action: 'create' | 'edit' | 'delete',
  ): void {
    if (!message.ephemeral) this.dispatch(event, message, message.guildId);
    this.#deps.feed.notify({ kind: 'message', action, channelId: message.channelId, messageId: message.id });
  }

  #addRole(guild: Guild, name: string, permissions: bigint, managed: boolean): Role {
    const role: Role = { id: this.nextId(), name, permissions, position: guild.roles.size, managed };
    guild.roles.set(role.id, role);
    return role;
  }

  #addChannel(guild: Guild, name: string, topic: string | null): Channel {
    const channel: Channel = {
      id: this.nextId(),
      guildId: guild.id,
      name,
      type: ChannelType.GuildText,
      topic,
      position: guild.channels.length,
      overwrites: [],
      deleted: false,
      messages: [],
    };
    guild.channels.push(channel);
    this.#channels.set(channel.id, channel);
    return channel;
  }
}
