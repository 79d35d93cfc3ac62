import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import {
  type APIMessageComponent,
  type APIModalInteractionResponseCallbackData,
  ApplicationCommandType,
  ButtonStyle,
  ComponentType,
  GatewayDispatchEvents,
  InteractionContextType,
  InteractionType,
} from 'discord-api-types/v10';
import { channelPayload, memberPayload } from './apiPayloads.ts';
import { buildCommandOptions, type CommandInvocation } from './commandInvocation.ts';
import { InteractionHandle } from './interactionHandle.ts';
import type { InteractionKind, InteractionRecord } from './interactionRecord.ts';
import type { LoopbackCore } from './loopbackCore.ts';
import { createMessage } from './messageOps.ts';
import type { StoredMessage } from './storedMessage.ts';
import type { Channel, Member } from './world.ts';

export interface Where {
  /** Defaults to the guild's first channel. */
  channelId?: string;
  /** Skip the checks Discord's client makes (e.g. click a button that is gone, run a hidden command). */
  force?: boolean;
}

type AnyComponent =
  | APIMessageComponent
  | { type: number; components?: unknown[]; component?: unknown; accessory?: unknown };

/** Finds a component by custom_id in rows, and in components v2 containers and sections. */
function findComponent(
  components: readonly AnyComponent[],
  customId: string,
): Record<string, unknown> | undefined {
  for (const component of components) {
    const c = component as Record<string, unknown>;
    if (c.custom_id === customId) return c;
    const nested = [
      ...(Array.isArray(c.components) ? (c.components as AnyComponent[]) : []),
      ...(c.component ? [c.component as AnyComponent] : []),
      ...(c.accessory ? [c.accessory as AnyComponent] : []),
    ];
    const found = nested.length > 0 ? findComponent(nested, customId) : undefined;
    if (found) return found;
  }
  return undefined;
}

/** A guild member acting through Discord's client: commands, clicks, modals, autocomplete, messages. */
export class MemberDriver {
  readonly member: Member;
  readonly #core: LoopbackCore;

  constructor(core: LoopbackCore, member: Member) {
    this.#core = core;
    this.member = member;
  }

  get id(): string {
    return this.member.user.id;
  }

  /** Runs a slash command as registered (guild commands first, then global). */
  runCommand(name: string, invocation: CommandInvocation = {}, where: Where = {}): InteractionHandle {
    return this.#command(name, invocation, null, where);
  }

  /** Types in an autocomplete option; `focused` names the option being typed. */
  autocomplete(
    name: string,
    invocation: CommandInvocation & { focused: string },
    where: Where = {},
  ): InteractionHandle {
    return this.#command(name, invocation, invocation.focused, where);
  }

  /** Clicks a button on a message, as it currently is (unless `force`). */
  click(
    message: StoredMessage | string,
    customId: string,
    where: Pick<Where, 'force'> = {},
  ): InteractionHandle {
    const target = this.#visibleMessage(message);
    const component = findComponent(target.components as AnyComponent[], customId);
    if (!where.force) {
      if (!component || component.type !== ComponentType.Button) {
        throw new Error(
          `Message ${target.id} has no button "${customId}" to click (pass force to click a stale one)`,
        );
      }
      if (component.disabled === true)
        throw new Error(`Button "${customId}" on message ${target.id} is disabled`);
      if (component.style === ButtonStyle.Link || component.style === ButtonStyle.Premium) {
        throw new Error(`Button "${customId}" does not send an interaction`);
      }
    }
    return this.#component(target, { custom_id: customId, component_type: ComponentType.Button });
  }

  /** Picks values in a string select menu. */
  select(
    message: StoredMessage | string,
    customId: string,
    values: string[],
    where: Pick<Where, 'force'> = {},
  ): InteractionHandle {
    const target = this.#visibleMessage(message);
    const component = findComponent(target.components as AnyComponent[], customId);
    if (!where.force && (!component || component.type !== ComponentType.StringSelect)) {
      throw new Error(`Message ${target.id} has no select menu "${customId}"`);
    }
    return this.#component(target, {
      custom_id: customId,
      component_type: ComponentType.StringSelect,
      values,
    });
  }

  /** Fills in and submits the modal the bot showed in answer to `shownBy`. */
  async submitModal(shownBy: InteractionHandle, values: Record<string, string>): Promise<InteractionHandle> {
    const modal = await shownBy.modal();
    const components = this.#modalComponents(modal, values);
    const origin = shownBy.record;
    const channel = this.#core.world.channel(origin.channelId);
    const source = origin.sourceMessageId ? this.#core.world.message(origin.sourceMessageId) : undefined;
    return this.#dispatch(
      'modal',
      InteractionType.ModalSubmit,
      modal.custom_id,
      channel,
      { custom_id: modal.custom_id, components },
      source,
    );
  }

  /** Writes a message in a channel; the bot sees its content only with the MessageContent intent. */
  say(channelId: string, content: string): StoredMessage {
    const channel = this.#channel({ channelId });
    return createMessage(this.#core, {
      channel,
      body: { content },
      origin: 'member',
      authorId: this.id,
      allowEphemeral: false,
    });
  }

  #command(
    name: string,
    invocation: CommandInvocation,
    focused: string | null,
    where: Where,
  ): InteractionHandle {
    const core = this.#core;
    const channel = this.#channel(where);
    const command = core.commands.find(channel.guildId, name);
    if (!command)
      throw new Error(
        `/${name} is not registered globally or in guild ${channel.guildId}; deploy the commands first`,
      );
    if (!where.force && command.default_member_permissions) {
      const needed = BigInt(command.default_member_permissions);
      if ((core.world.permissionsIn(channel.id, this.id) & needed) !== needed) {
        throw new Error(
          `/${name} is hidden from ${this.member.user.username}: it needs permissions ${needed} (pass force to run it anyway)`,
        );
      }
    }
    const { options, resolved } = buildCommandOptions(
      core.world,
      channel.guildId,
      command,
      invocation,
      focused,
      (upload) => core.attachments.add(core.nextId(), core.apiUrl.replace(/\/api$/, ''), channel.id, upload),
    );
    const data = {
      id: command.id,
      name: command.name,
      type: ApplicationCommandType.ChatInput,
      guild_id: 'guild_id' in command ? command.guild_id : undefined,
      options,
      ...(Object.keys(resolved).length > 0 ? { resolved } : {}),
    };
    const kind: InteractionKind = focused === null ? 'command' : 'autocomplete';
    const type =
      focused === null ? InteractionType.ApplicationCommand : InteractionType.ApplicationCommandAutocomplete;
    return this.#dispatch(kind, type, name, channel, data, undefined);
  }

  #component(message: StoredMessage, data: Record<string, unknown>): InteractionHandle {
    const channel = this.#channel({ channelId: message.channelId });
    return this.#dispatch(
      'component',
      InteractionType.MessageComponent,
      String(data.custom_id),
      channel,
      data,
      message,
    );
  }

  #dispatch(
    kind: InteractionKind,
    type: InteractionType,
    name: string,
    channel: Channel,
    data: unknown,
    message: StoredMessage | undefined,
  ): InteractionHandle {
    const core = this.#core;
    const world = core.world;
    if (!world.guild(channel.guildId).members.has(this.id)) {
      throw new Error(`${this.member.user.username} is no longer a member of guild ${channel.guildId}`);
    }
    const id = core.nextId();
    const token = `aW50ZXJhY3Rpb24.${id}.${randomBytes(12).toString('base64url')}`;
    const record: InteractionRecord = {
      id,
      token,
      kind,
      type,
      name,
      guildId: channel.guildId,
      channelId: channel.id,
      userId: this.id,
      createdAt: core.clock(),
      dispatchedAt: 0,
      ackedAt: null,
      ack: null,
      originalMessageId: null,
      sourceMessageId: message?.id ?? null,
      originalVersionAtAck: 0,
      followUpIds: [],
      modal: null,
      choices: null,
      rejectedCallbacks: [],
    };
    const permissions = world.permissionsIn(channel.id, this.id).toString();
    const payload = {
      id,
      application_id: core.applicationId,
      type,
      data,
      guild_id: channel.guildId,
      guild: { id: channel.guildId, locale: 'en-US', features: [] },
      channel: channelPayload(channel),
      channel_id: channel.id,
      member: { ...memberPayload(this.member), permissions },
      token,
      version: 1,
      app_permissions: world.permissionsIn(channel.id, world.bot.id).toString(),
      locale: 'en-US',
      guild_locale: 'en-US',
      entitlements: [],
      authorizing_integration_owners: { '0': channel.guildId },
      context: InteractionContextType.Guild,
      attachment_size_limit: 26_214_400,
      ...(message ? { message: core.message(message) } : {}),
    };
    core.interactions.set(id, record);
    core.interactionsByToken.set(token, record);
    record.dispatchedAt = performance.now();
    core.gateway.dispatch(GatewayDispatchEvents.InteractionCreate, payload, channel.guildId);
    core.feed.notify({ kind: 'interaction', interactionId: id });
    return new InteractionHandle(core, record);
  }

  #channel(where: Pick<Where, 'channelId'>): Channel {
    const world = this.#core.world;
    const channel = where.channelId
      ? world.channel(where.channelId)
      : world.guild(this.member.guildId).channels[0];
    if (!channel) throw new Error(`Guild ${this.member.guildId} has no channel`);
    if (channel.deleted) throw new Error(`Channel ${channel.id} was deleted`);
    return channel;
  }

  #visibleMessage(message: StoredMessage | string): StoredMessage {
    const target = typeof message === 'string' ? this.#core.world.message(message) : message;
    if (!target || target.deleted)
      throw new Error(
        `Message ${typeof message === 'string' ? message : message.id} does not exist (any more)`,
      );
    if (target.ephemeral && target.visibleTo !== this.id) {
      throw new Error(`Message ${target.id} is ephemeral and not visible to ${this.member.user.username}`);
    }
    return target;
  }

  #modalComponents(
    modal: APIModalInteractionResponseCallbackData,
    values: Record<string, string>,
  ): unknown[] {
    const used = new Set<string>();
    const input = (component: Record<string, unknown>) => {
      const customId = String(component.custom_id);
      const value = values[customId] ?? '';
      used.add(customId);
      if (component.required !== false && value.length === 0)
        throw new Error(`The modal's field "${customId}" is required`);
      const min = typeof component.min_length === 'number' ? component.min_length : 0;
      const max = typeof component.max_length === 'number' ? component.max_length : 4000;
      if (value.length > 0 && (value.length < min || value.length > max)) {
        throw new Error(`The modal's field "${customId}" takes ${min} to ${max} characters`);
      }
      return { type: ComponentType.TextInput, id: component.id, custom_id: customId, value };
    };
    const components = modal.components.map((raw) => {
      const component = raw as unknown as Record<string, unknown>;
      if (component.type === ComponentType.ActionRow) {
        const inner = (component.components as Record<string, unknown>[]).map(input);
        return { type: ComponentType.ActionRow, id: component.id, components: inner };
      }
      if (component.type === ComponentType.Label) {
        return {
          type: ComponentType.Label,
          id: component.id,
          component: input(component.component as Record<string, unknown>),
        };
      }
      return { type: component.type, id: component.id };
    });
    for (const key of Object.keys(values))
      if (!used.has(key)) throw new Error(`The modal has no field "${key}"`);
    return components;
  }
}
