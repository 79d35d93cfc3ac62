import {
  type APIGuildMember,
  type APIGuildTextChannel,
  type APIMessage,
  type APIRole,
  type APIUser,
  type ChannelFlags,
  ChannelType,
  type GatewayGuildCreateDispatchData,
  GuildDefaultMessageNotifications,
  GuildExplicitContentFilter,
  type GuildMemberFlags,
  GuildMFALevel,
  GuildNSFWLevel,
  GuildPremiumTier,
  GuildSystemChannelFlags,
  GuildVerificationLevel,
  MessageType,
  OverwriteType,
  type RoleFlags,
} from 'discord-api-types/v10';
import type { StoredMessage } from './storedMessage.ts';
import type { Channel, Guild, Member, Role, User, World } from './world.ts';

const iso = (ms: number) => new Date(ms).toISOString();

export function userPayload(user: User): APIUser {
  return {
    id: user.id,
    username: user.username,
    discriminator: '0',
    global_name: user.globalName,
    avatar: null,
    bot: user.bot,
  };
}

export function memberPayload(member: Member): APIGuildMember {
  return {
    user: userPayload(member.user),
    nick: member.nick,
    avatar: null,
    banner: null,
    roles: member.roleIds,
    joined_at: iso(member.joinedAt),
    premium_since: null,
    deaf: false,
    mute: false,
    flags: 0 as GuildMemberFlags,
    pending: false,
  };
}

export function rolePayload(role: Role): APIRole {
  return {
    id: role.id,
    name: role.name,
    color: 0,
    colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
    hoist: false,
    icon: null,
    unicode_emoji: null,
    position: role.position,
    permissions: role.permissions.toString(),
    managed: role.managed,
    mentionable: false,
    flags: 0 as RoleFlags,
  };
}

export function channelPayload(channel: Channel): APIGuildTextChannel<ChannelType.GuildText> {
  const last = channel.messages.at(-1);
  return {
    id: channel.id,
    type: ChannelType.GuildText,
    guild_id: channel.guildId,
    name: channel.name,
    topic: channel.topic,
    position: channel.position,
    permission_overwrites: channel.overwrites.map((o) => ({
      id: o.id,
      type: o.type === 0 ? OverwriteType.Role : OverwriteType.Member,
      allow: o.allow.toString(),
      deny: o.deny.toString(),
    })),
    nsfw: false,
    parent_id: null,
    last_message_id: last?.id ?? null,
    rate_limit_per_user: 0,
    flags: 0 as ChannelFlags,
  };
}

/** GUILD_CREATE; without the GuildMembers intent Discord sends only the bot's own member. */
export function guildCreatePayload(
  guild: Guild,
  botId: string,
  allMembers: boolean,
): GatewayGuildCreateDispatchData {
  const members = allMembers
    ? [...guild.members.values()]
    : [guild.members.get(botId)].filter((m) => m !== undefined);
  const bot = guild.members.get(botId);
  return {
    id: guild.id,
    name: guild.name,
    icon: null,
    splash: null,
    discovery_splash: null,
    owner_id: guild.ownerId,
    region: 'loopback',
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: GuildVerificationLevel.None,
    default_message_notifications: GuildDefaultMessageNotifications.OnlyMentions,
    explicit_content_filter: GuildExplicitContentFilter.Disabled,
    roles: [...guild.roles.values()].map(rolePayload),
    emojis: [],
    features: [],
    mfa_level: GuildMFALevel.None,
    application_id: null,
    system_channel_id: null,
    system_channel_flags: GuildSystemChannelFlags.SuppressJoinNotifications,
    rules_channel_id: null,
    vanity_url_code: null,
    description: null,
    banner: null,
    premium_tier: GuildPremiumTier.None,
    preferred_locale: 'en-US' as GatewayGuildCreateDispatchData['preferred_locale'],
    public_updates_channel_id: null,
    nsfw_level: GuildNSFWLevel.Default,
    premium_progress_bar_enabled: false,
    safety_alerts_channel_id: null,
    stickers: [],
    incidents_data: null,
    hub_type: null,
    joined_at: iso(bot?.joinedAt ?? guild.createdAt),
    large: false,
    unavailable: false,
    member_count: guild.members.size,
    voice_states: [],
    members: members.map(memberPayload),
    channels: guild.channels.map(channelPayload),
    threads: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  } as GatewayGuildCreateDispatchData;
}

export function messagePayload(world: World, message: StoredMessage, applicationId: string): APIMessage {
  const author = world.users.get(message.authorId);
  const fromInteraction = message.origin === 'reply' || message.origin === 'followUp';
  const payload: APIMessage = {
    id: message.id,
    channel_id: message.channelId,
    author: author
      ? userPayload(author)
      : { id: message.authorId, username: 'unknown', discriminator: '0', global_name: null, avatar: null },
    content: message.content,
    timestamp: iso(message.createdAt),
    edited_timestamp: message.editedAt === null ? null : iso(message.editedAt),
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: message.embeds,
    pinned: false,
    type: message.origin === 'reply' ? MessageType.ChatInputCommand : MessageType.Default,
    flags: message.flags,
    components: message.components,
  };
  if (fromInteraction) {
    payload.webhook_id = applicationId;
    payload.application_id = applicationId;
  }
  return payload;
}

/** The guild_id discord.js expects on messages dispatched from a guild. */
export function gatewayMessagePayload(world: World, message: StoredMessage, applicationId: string) {
  const payload = messagePayload(world, message, applicationId);
  if (message.guildId === null) return payload;
  const member = world.guilds.get(message.guildId)?.members.get(message.authorId);
  return { ...payload, guild_id: message.guildId, ...(member ? { member: memberPayload(member) } : {}) };
}
