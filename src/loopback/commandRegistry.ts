import {
  type APIApplicationCommand,
  type APIApplicationCommandOption,
  ApplicationCommandOptionType,
  ApplicationCommandType,
} from 'discord-api-types/v10';
import type { FormIssue } from './apiError.ts';

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const namePattern = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

function checkName(issues: FormIssue[], name: unknown, path: (string | number)[], chatInput: boolean) {
  if (typeof name !== 'string' || name.length === 0 || name.length > 32) {
    issues.push({
      path: [...path, 'name'],
      code: 'BASE_TYPE_BAD_LENGTH',
      message: 'Must be between 1 and 32 in length.',
    });
  } else if (chatInput && (!namePattern.test(name) || name !== name.toLowerCase())) {
    issues.push({
      path: [...path, 'name'],
      code: 'APPLICATION_COMMAND_INVALID_NAME',
      message: `Command name is invalid`,
    });
  }
}

function checkDescription(issues: FormIssue[], description: unknown, path: (string | number)[]) {
  if (typeof description !== 'string' || description.length === 0 || description.length > 100) {
    issues.push({
      path: [...path, 'description'],
      code: 'BASE_TYPE_BAD_LENGTH',
      message: 'Must be between 1 and 100 in length.',
    });
  }
}

function checkOptions(issues: FormIssue[], options: unknown, path: (string | number)[]) {
  if (options === undefined) return;
  if (!Array.isArray(options)) {
    issues.push({ path: [...path, 'options'], code: 'LIST_TYPE_CONVERT', message: 'Must be an array.' });
    return;
  }
  if (options.length > 25)
    issues.push({
      path: [...path, 'options'],
      code: 'BASE_TYPE_MAX_LENGTH',
      message: 'Must be 25 or fewer in length.',
    });
  let seenOptional = false;
  const names = new Set<string>();
  options.forEach((option: unknown, i) => {
    const at = [...path, 'options', i];
    if (!isObject(option)) return;
    checkName(issues, option.name, at, true);
    checkDescription(issues, option.description, at);
    if (typeof option.name === 'string') {
      if (names.has(option.name))
        issues.push({
          path: [...at, 'name'],
          code: 'APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS',
          message: 'Option names must be unique',
        });
      names.add(option.name);
    }
    const nested =
      option.type === ApplicationCommandOptionType.Subcommand ||
      option.type === ApplicationCommandOptionType.SubcommandGroup;
    if (nested) {
      checkOptions(issues, option.options, at);
      return;
    }
    if (option.required === true && seenOptional) {
      issues.push({
        path: [...at, 'required'],
        code: 'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID',
        message: 'Required options must be placed before non-required options',
      });
    }
    if (option.required !== true) seenOptional = true;
    if (Array.isArray(option.choices)) {
      if (option.choices.length > 25)
        issues.push({
          path: [...at, 'choices'],
          code: 'BASE_TYPE_MAX_LENGTH',
          message: 'Must be 25 or fewer in length.',
        });
      if (option.autocomplete === true)
        issues.push({
          path: [...at, 'autocomplete'],
          code: 'APPLICATION_COMMAND_OPTION_AUTOCOMPLETE_WITH_CHOICES',
          message: 'Autocomplete and choices cannot both be set',
        });
    }
  });
}

/** Discord's checks on command definitions: names, descriptions, option counts and order. */
export function validateCommand(body: unknown, path: (string | number)[] = []): FormIssue[] {
  const issues: FormIssue[] = [];
  if (!isObject(body))
    return [{ path, code: 'MODEL_TYPE_CONVERT', message: 'Only dictionaries may be used in a ModelType' }];
  const type = body.type ?? ApplicationCommandType.ChatInput;
  const chatInput = type === ApplicationCommandType.ChatInput;
  checkName(issues, body.name, path, chatInput);
  if (chatInput) {
    checkDescription(issues, body.description, path);
    checkOptions(issues, body.options, path);
  }
  return issues;
}

/** Registered commands: global, and per guild. */
export class CommandRegistry {
  readonly global = new Map<string, APIApplicationCommand>();
  readonly guilds = new Map<string, Map<string, APIApplicationCommand>>();
  readonly #applicationId: string;
  readonly #nextId: () => string;

  constructor(applicationId: string, nextId: () => string) {
    this.#applicationId = applicationId;
    this.#nextId = nextId;
  }

  scope(guildId: string | null): Map<string, APIApplicationCommand> {
    if (guildId === null) return this.global;
    let commands = this.guilds.get(guildId);
    if (!commands) {
      commands = new Map();
      this.guilds.set(guildId, commands);
    }
    return commands;
  }

  /** Create or replace by name, as POST does on Discord. */
  upsert(guildId: string | null, body: Json): APIApplicationCommand {
    const commands = this.scope(guildId);
    const type = (body.type as ApplicationCommandType | undefined) ?? ApplicationCommandType.ChatInput;
    const existing = [...commands.values()].find((c) => c.name === body.name && c.type === type);
    const id = existing?.id ?? this.#nextId();
    const command = {
      default_member_permissions: null,
      nsfw: false,
      contexts: null,
      integration_types: [0],
      description_localizations: null,
      name_localizations: null,
      ...body,
      id,
      application_id: this.#applicationId,
      type,
      description: typeof body.description === 'string' ? body.description : '',
      version: this.#nextId(),
      ...(guildId === null ? {} : { guild_id: guildId }),
    } as APIApplicationCommand;
    commands.set(id, command);
    return command;
  }

  /** PUT: the given list replaces the scope; commands keep their id when the name stays. */
  overwrite(guildId: string | null, bodies: Json[]): APIApplicationCommand[] {
    const commands = this.scope(guildId);
    const kept = new Map(commands);
    commands.clear();
    return bodies.map((body) => {
      const previous = [...kept.values()].find((c) => c.name === body.name);
      if (previous) commands.set(previous.id, previous);
      return this.upsert(guildId, body);
    });
  }

  /** The command a member sees in a guild: guild commands first, then global ones. */
  find(guildId: string | null, name: string): APIApplicationCommand | undefined {
    const inGuild = guildId === null ? undefined : this.guilds.get(guildId);
    const match = (c: APIApplicationCommand) =>
      c.name === name && c.type === ApplicationCommandType.ChatInput;
    return (inGuild && [...inGuild.values()].find(match)) ?? [...this.global.values()].find(match);
  }
}

export type CommandOption = APIApplicationCommandOption;
