import type {
  APICommandAutocompleteInteractionResponseCallbackData,
  APIModalInteractionResponseCallbackData,
  InteractionResponseType,
  InteractionType,
} from 'discord-api-types/v10';

export type InteractionKind = 'command' | 'component' | 'modal' | 'autocomplete';

export interface InteractionAck {
  type: InteractionResponseType;
  /** The callback's `data` as the bot sent it. */
  data: unknown;
  /** Loopback clock time of the acknowledgement. */
  at: number;
}

/** One interaction the loopback dispatched, and what the bot did with it. */
export interface InteractionRecord {
  id: string;
  token: string;
  kind: InteractionKind;
  type: InteractionType;
  /** The command name, or the component's / modal's custom_id. */
  name: string;
  guildId: string | null;
  channelId: string;
  userId: string;
  /** Loopback clock time the interaction was created; the 3 s and 15 min deadlines count from here. */
  createdAt: number;
  /** performance.now() at dispatch and at acknowledgement, for latency. */
  dispatchedAt: number;
  ackedAt: number | null;
  ack: InteractionAck | null;
  /** The message `@original` refers to: the reply (types 4, 5) or the clicked message (6, 7). */
  originalMessageId: string | null;
  /** The message carrying the clicked component, if any. */
  sourceMessageId: string | null;
  /** How many earlier versions `@original` had at the acknowledgement, to tell later edits apart. */
  originalVersionAtAck: number;
  followUpIds: string[];
  modal: APIModalInteractionResponseCallbackData | null;
  choices: APICommandAutocompleteInteractionResponseCallbackData['choices'] | null;
  /** Callbacks Discord refused (late, repeated, invalid), with their error code. */
  rejectedCallbacks: { code: number; type: unknown }[];
}

export function latencyMs(record: InteractionRecord): number | null {
  return record.ackedAt === null ? null : record.ackedAt - record.dispatchedAt;
}
