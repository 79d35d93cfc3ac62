import { GatewayDispatchEvents as E, GatewayIntentBits as I } from 'discord-api-types/v10';

const guildEventIntents: Partial<Record<E, number>> = {
  [E.GuildCreate]: I.Guilds,
  [E.GuildUpdate]: I.Guilds,
  [E.GuildDelete]: I.Guilds,
  [E.GuildRoleCreate]: I.Guilds,
  [E.GuildRoleUpdate]: I.Guilds,
  [E.GuildRoleDelete]: I.Guilds,
  [E.ChannelCreate]: I.Guilds,
  [E.ChannelUpdate]: I.Guilds,
  [E.ChannelDelete]: I.Guilds,
  [E.ThreadCreate]: I.Guilds,
  [E.ThreadUpdate]: I.Guilds,
  [E.ThreadDelete]: I.Guilds,
  [E.GuildMemberAdd]: I.GuildMembers,
  [E.GuildMemberUpdate]: I.GuildMembers,
  [E.GuildMemberRemove]: I.GuildMembers,
  [E.MessageCreate]: I.GuildMessages,
  [E.MessageUpdate]: I.GuildMessages,
  [E.MessageDelete]: I.GuildMessages,
  [E.MessageDeleteBulk]: I.GuildMessages,
  [E.MessageReactionAdd]: I.GuildMessageReactions,
  [E.MessageReactionRemove]: I.GuildMessageReactions,
  [E.TypingStart]: I.GuildMessageTyping,
};

/**
 * Whether a session identified with `intents` receives `event`. Discord never sends an event
 * whose intent is missing, while discord.js does not filter at all, so the loopback must.
 * Events without an intent (READY, RESUMED, INTERACTION_CREATE, ...) always pass.
 */
export function intentAllows(intents: number, event: E): boolean {
  const needed = guildEventIntents[event];
  return needed === undefined || (intents & needed) !== 0;
}

export function hasMessageContent(intents: number): boolean {
  return (intents & I.MessageContent) !== 0;
}
