import {
  type APIAllowedMentions,
  type APIEmbed,
  type APIMessageTopLevelComponent,
  MessageFlags,
} from 'discord-api-types/v10';
import { apiErrors } from './apiError.ts';
import { uploadedFiles } from './http/readBody.ts';
import type { LoopbackCore } from './loopbackCore.ts';
import type { MessageOrigin, StoredMessage } from './storedMessage.ts';
import { isEmptyMessage, validateMessage } from './validateMessage.ts';
import type { Channel } from './world.ts';

export type Json = Record<string, unknown>;

export const isJsonObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Flags a bot may set when sending; the rest are Discord's to set. */
const settableFlags =
  MessageFlags.Ephemeral |
  MessageFlags.SuppressEmbeds |
  MessageFlags.SuppressNotifications |
  MessageFlags.IsComponentsV2;

export interface NewMessage {
  channel: Channel;
  body: Json;
  origin: MessageOrigin;
  authorId: string;
  interactionId?: string | null;
  /** Replies and follow-ups may be ephemeral; channel messages never are. */
  allowEphemeral: boolean;
  visibleTo?: string | null;
  /** A deferred reply exists before it has content. */
  allowEmpty?: boolean;
  extraFlags?: number;
}

/** Validates a message body (`at` prefixes error paths) and throws Discord's 400s. */
export function checkMessageBody(body: Json, creating: boolean, at: (string | number)[] = []): void {
  const issues = validateMessage(body, at);
  if (issues.length > 0) throw apiErrors.invalidFormBody(issues);
  if (creating && isEmptyMessage(body)) throw apiErrors.emptyMessage();
}

export function createMessage(core: LoopbackCore, input: NewMessage): StoredMessage {
  const body = input.body;
  let flags = (typeof body.flags === 'number' ? body.flags : 0) & settableFlags;
  if (!input.allowEphemeral) flags &= ~MessageFlags.Ephemeral;
  flags |= input.extraFlags ?? 0;
  const ephemeral = (flags & MessageFlags.Ephemeral) !== 0;
  const message: StoredMessage = {
    id: core.nextId(),
    channelId: input.channel.id,
    guildId: input.channel.guildId,
    authorId: input.authorId,
    origin: input.origin,
    content: typeof body.content === 'string' ? body.content : '',
    embeds: Array.isArray(body.embeds) ? (body.embeds as APIEmbed[]) : [],
    components: Array.isArray(body.components) ? (body.components as APIMessageTopLevelComponent[]) : [],
    flags,
    allowedMentions: isJsonObject(body.allowed_mentions)
      ? (body.allowed_mentions as APIAllowedMentions)
      : null,
    attachments: uploadedFiles(body).map((file) => ({
      filename: file.filename,
      contentType: file.contentType,
      data: file.data,
    })),
    ephemeral,
    visibleTo: ephemeral ? (input.visibleTo ?? null) : null,
    interactionId: input.interactionId ?? null,
    createdAt: core.clock(),
    editedAt: null,
    deleted: false,
    history: [],
  };
  return core.world.addMessage(message);
}

/** PATCH semantics: only the fields present change; null clears. Rejects an edit that leaves nothing. */
export function editMessage(
  core: LoopbackCore,
  message: StoredMessage,
  body: Json,
  at: (string | number)[] = [],
): StoredMessage {
  checkMessageBody(body, false, at);
  const change: Parameters<typeof core.world.editMessage>[1] = {};
  if ('content' in body) change.content = typeof body.content === 'string' ? body.content : '';
  if ('embeds' in body) change.embeds = Array.isArray(body.embeds) ? (body.embeds as APIEmbed[]) : [];
  if ('components' in body) {
    change.components = Array.isArray(body.components)
      ? (body.components as APIMessageTopLevelComponent[])
      : [];
  }
  if ('allowed_mentions' in body) {
    change.allowedMentions = isJsonObject(body.allowed_mentions)
      ? (body.allowed_mentions as APIAllowedMentions)
      : null;
  }
  // Editing clears the "thinking" state of a deferred reply; only SuppressEmbeds may be toggled.
  let flags = message.flags & ~MessageFlags.Loading;
  if (typeof body.flags === 'number') {
    flags = (flags & ~MessageFlags.SuppressEmbeds) | (body.flags & MessageFlags.SuppressEmbeds);
  }
  change.flags = flags;
  const content = change.content ?? message.content;
  const embeds = change.embeds ?? message.embeds;
  const components = change.components ?? message.components;
  if (content.length === 0 && embeds.length === 0 && components.length === 0) throw apiErrors.emptyMessage();
  return core.world.editMessage(message, change);
}
