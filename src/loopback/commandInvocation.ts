import {
  type APIApplicationCommand,
  type APIApplicationCommandInteractionDataOption,
  type APIApplicationCommandOption,
  type APIAttachment,
  type APIInteractionDataResolved,
  PermissionFlagsBits,
  ApplicationCommandOptionType as T,
} from 'discord-api-types/v10';
import { channelPayload, memberPayload, rolePayload, userPayload } from './apiPayloads.ts';
import type { AttachmentUpload } from './attachmentStore.ts';
import type { World } from './world.ts';

/**
 * A value a member types for an option; user, channel and role options take an id or an entity
 * with one; attachment options take the file.
 */
export type OptionValue =
  | string
  | number
  | boolean
  | { id: string }
  | { user: { id: string } }
  | { attachment: AttachmentUpload };

/** Stores an attached file where the bot can download it and returns Discord's description of it. */
export type AttachFile = (upload: AttachmentUpload) => APIAttachment;

export interface CommandInvocation {
  group?: string;
  subcommand?: string;
  options?: Record<string, OptionValue>;
}

interface BuiltOptions {
  options: APIApplicationCommandInteractionDataOption[];
  resolved: APIInteractionDataResolved;
}

const idOf = (value: OptionValue): string => {
  if (typeof value !== 'object') return String(value);
  if ('user' in value) return value.user.id;
  if ('id' in value) return value.id;
  throw new Error('An attachment is not an id');
};

function usage(command: APIApplicationCommand, path: string): string {
  return `/${command.name}${path}`;
}

/**
 * Turns what a member types into the options Discord would send, checked against the registered
 * definition the way Discord's client checks them: unknown or missing options are test errors.
 */
export function buildCommandOptions(
  world: World,
  guildId: string,
  command: APIApplicationCommand,
  invocation: CommandInvocation,
  focused: string | null,
  attach: AttachFile,
): BuiltOptions {
  const resolved: APIInteractionDataResolved = {};
  let level: readonly APIApplicationCommandOption[] = command.options ?? [];
  let path = '';
  const wrap: { type: T.SubcommandGroup | T.Subcommand; name: string }[] = [];
  if (invocation.group !== undefined) {
    const group = level.find((o) => o.type === T.SubcommandGroup && o.name === invocation.group);
    if (!group || group.type !== T.SubcommandGroup)
      throw new Error(`${usage(command, '')} has no subcommand group "${invocation.group}"`);
    wrap.push({ type: T.SubcommandGroup, name: group.name });
    level = group.options ?? [];
    path += ` ${group.name}`;
  }
  const hasSubcommands = level.some((o) => o.type === T.Subcommand);
  if (invocation.subcommand !== undefined || hasSubcommands) {
    const sub = level.find((o) => o.type === T.Subcommand && o.name === invocation.subcommand);
    if (!sub || sub.type !== T.Subcommand) {
      const names = level.filter((o) => o.type === T.Subcommand).map((o) => o.name);
      throw new Error(
        `${usage(command, path)} has no subcommand "${invocation.subcommand}" (has: ${names.join(', ')})`,
      );
    }
    wrap.push({ type: T.Subcommand, name: sub.name });
    level = sub.options ?? [];
    path += ` ${sub.name}`;
  }

  const given = invocation.options ?? {};
  const leaf: APIApplicationCommandInteractionDataOption[] = [];
  for (const [name, value] of Object.entries(given)) {
    const definition = level.find((o) => o.name === name);
    if (!definition) {
      throw new Error(
        `${usage(command, path)} has no option "${name}" (has: ${level.map((o) => o.name).join(', ') || 'none'})`,
      );
    }
    leaf.push(toOption(world, guildId, command, path, definition, value, name === focused, resolved, attach));
  }
  if (focused === null) {
    for (const definition of level) {
      if ('required' in definition && definition.required && !(definition.name in given)) {
        throw new Error(`${usage(command, path)} needs option "${definition.name}"`);
      }
    }
  } else if (!(focused in given)) {
    throw new Error(`The focused option "${focused}" must be among the options typed`);
  }

  let options: APIApplicationCommandInteractionDataOption[] = leaf;
  for (const outer of wrap.reverse()) {
    options = [{ type: outer.type, name: outer.name, options } as APIApplicationCommandInteractionDataOption];
  }
  return { options, resolved };
}

function toOption(
  world: World,
  guildId: string,
  command: APIApplicationCommand,
  path: string,
  definition: APIApplicationCommandOption,
  value: OptionValue,
  focused: boolean,
  resolved: APIInteractionDataResolved,
  attach: AttachFile,
): APIApplicationCommandInteractionDataOption {
  const where = `${usage(command, path)} option "${definition.name}"`;
  const fail = (why: string): never => {
    throw new Error(`${where}: ${why}`);
  };
  const base = { name: definition.name, type: definition.type };
  if (focused)
    return { ...base, value: String(value), focused: true } as APIApplicationCommandInteractionDataOption;
  switch (definition.type) {
    case T.String:
    case T.Integer:
    case T.Number: {
      const isString = definition.type === T.String;
      if (isString ? typeof value !== 'string' : typeof value !== 'number')
        fail(`expects a ${isString ? 'string' : 'number'}`);
      if (definition.type === T.Integer && !Number.isInteger(value)) fail('expects an integer');
      const choices = definition.choices as { value: string | number }[] | undefined;
      if (choices && choices.length > 0 && !choices.some((c) => c.value === value)) {
        fail(`must be one of ${choices.map((c) => JSON.stringify(c.value)).join(', ')}`);
      }
      if (typeof value === 'number') {
        const { min_value: min, max_value: max } = definition as { min_value?: number; max_value?: number };
        if ((min !== undefined && value < min) || (max !== undefined && value > max))
          fail(`must be between ${min} and ${max}`);
      }
      if (typeof value === 'string') {
        const { min_length: min, max_length: max } = definition as {
          min_length?: number;
          max_length?: number;
        };
        if ((min !== undefined && value.length < min) || (max !== undefined && value.length > max)) {
          fail(`length must be between ${min ?? 0} and ${max ?? 6000}`);
        }
      }
      return { ...base, value } as APIApplicationCommandInteractionDataOption;
    }
    case T.Boolean:
      if (typeof value !== 'boolean') fail('expects a boolean');
      return { ...base, value } as APIApplicationCommandInteractionDataOption;
    case T.User:
    case T.Mentionable: {
      const id = idOf(value);
      const user = world.users.get(id) ?? fail(`no user ${id}`);
      resolved.users = { ...resolved.users, [id]: userPayload(user) };
      const member = world.guilds.get(guildId)?.members.get(id);
      if (member) {
        const { user: _user, ...rest } = memberPayload(member);
        resolved.members = {
          ...resolved.members,
          [id]: { ...rest, permissions: String(PermissionFlagsBits.ViewChannel) },
        };
      }
      return { ...base, value: id } as APIApplicationCommandInteractionDataOption;
    }
    case T.Channel: {
      const id = idOf(value);
      const channel = world.findChannel(id) ?? fail(`no channel ${id}`);
      const { id: cid, name, type } = channelPayload(channel);
      resolved.channels = { ...resolved.channels, [id]: { id: cid, name, type, permissions: '0' } };
      return { ...base, value: id } as APIApplicationCommandInteractionDataOption;
    }
    case T.Role: {
      const id = idOf(value);
      const role = world.guilds.get(guildId)?.roles.get(id) ?? fail(`no role ${id}`);
      resolved.roles = { ...resolved.roles, [id]: rolePayload(role) };
      return { ...base, value: id } as APIApplicationCommandInteractionDataOption;
    }
    case T.Attachment: {
      if (typeof value !== 'object' || !('attachment' in value))
        fail('expects a file: { attachment: { filename, content } }');
      const attachment = attach((value as { attachment: AttachmentUpload }).attachment);
      resolved.attachments = { ...resolved.attachments, [attachment.id]: attachment };
      return { ...base, value: attachment.id } as APIApplicationCommandInteractionDataOption;
    }
    default:
      return fail(`type ${definition.type} is not supported by the loopback driver`);
  }
}
