import type { APIAllowedMentions, APIEmbed, APIMessageTopLevelComponent } from 'discord-api-types/v10';

/** A file uploaded with a new message (multipart `files[n]`). */
export interface StoredAttachment {
  filename: string;
  contentType: string;
  data: Buffer;
}

/** What a message looked like at one point in time. */
export interface MessageVersion {
  content: string;
  embeds: APIEmbed[];
  components: APIMessageTopLevelComponent[];
  flags: number;
  /** Loopback clock time this version was written. */
  at: number;
}

export type MessageOrigin =
  | 'channel' // POST /channels/{id}/messages
  | 'reply' // interaction callback type 4 or 5
  | 'followUp' // POST /webhooks/{app}/{token}
  | 'member'; // written by a member through the driver

/**
 * A message as the loopback stores it. Read it, don't mutate it: the loopback replaces
 * fields on edit and keeps the earlier versions in `history`.
 */
export interface StoredMessage {
  id: string;
  channelId: string;
  guildId: string | null;
  authorId: string;
  origin: MessageOrigin;
  content: string;
  embeds: APIEmbed[];
  components: APIMessageTopLevelComponent[];
  flags: number;
  allowedMentions: APIAllowedMentions | null;
  /** Files sent with the message when it was created (edits do not change them). */
  attachments: StoredAttachment[];
  /** Ephemeral messages are seen only by `visibleTo` and never reach channel routes or the gateway. */
  ephemeral: boolean;
  visibleTo: string | null;
  interactionId: string | null;
  createdAt: number;
  editedAt: number | null;
  deleted: boolean;
  /** Earlier versions, oldest first; the current one is the message itself. */
  history: MessageVersion[];
}

export function currentVersion(message: StoredMessage): MessageVersion {
  return {
    content: message.content,
    embeds: message.embeds,
    components: message.components,
    flags: message.flags,
    at: message.editedAt ?? message.createdAt,
  };
}

/** Every version including the current one, oldest first. */
export function allVersions(message: StoredMessage): MessageVersion[] {
  return [...message.history, currentVersion(message)];
}
