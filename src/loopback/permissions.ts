import { PermissionFlagsBits } from 'discord-api-types/v10';

export interface PermissionOverwrite {
  /** A role id (type 0) or a member id (type 1). */
  id: string;
  type: 0 | 1;
  allow: bigint;
  deny: bigint;
}

export const allPermissions = Object.values(PermissionFlagsBits).reduce((all, bit) => all | bit, 0n);

export const defaultEveryonePermissions =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.AddReactions |
  PermissionFlagsBits.UseApplicationCommands;

export const defaultBotPermissions =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.SendMessagesInThreads |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.AttachFiles |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.AddReactions |
  PermissionFlagsBits.UseExternalEmojis;

export interface PermissionInput {
  guildId: string;
  ownerId: string;
  userId: string;
  everyone: bigint;
  /** Permissions of each of the member's roles, @everyone excluded. */
  roles: readonly { id: string; permissions: bigint }[];
  overwrites: readonly PermissionOverwrite[];
}

/** Discord's algorithm: base permissions from roles, then channel overwrites (@everyone, roles, member). */
export function computePermissions(input: PermissionInput): bigint {
  if (input.userId === input.ownerId) return allPermissions;
  let base = input.everyone;
  for (const role of input.roles) base |= role.permissions;
  if (base & PermissionFlagsBits.Administrator) return allPermissions;

  let result = base;
  const everyone = input.overwrites.find((o) => o.type === 0 && o.id === input.guildId);
  if (everyone) result = (result & ~everyone.deny) | everyone.allow;
  let allow = 0n;
  let deny = 0n;
  const roleIds = new Set(input.roles.map((r) => r.id));
  for (const o of input.overwrites) {
    if (o.type === 0 && roleIds.has(o.id)) {
      allow |= o.allow;
      deny |= o.deny;
    }
  }
  result = (result & ~deny) | allow;
  const member = input.overwrites.find((o) => o.type === 1 && o.id === input.userId);
  if (member) result = (result & ~member.deny) | member.allow;
  return result;
}
