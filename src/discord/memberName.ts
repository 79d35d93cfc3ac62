import type { APIInteractionGuildMember, GuildMember, User } from 'discord.js';

/** The name the member shows in this server, whatever shape discord.js gave the member in. */
export function displayNameOf(interaction: {
  member: GuildMember | APIInteractionGuildMember | null;
  user: User;
}): string {
  const member = interaction.member;
  if (member && 'displayName' in member) return member.displayName;
  if (member && 'nick' in member && member.nick) return member.nick;
  return interaction.user.globalName ?? interaction.user.username;
}
