import { type InteractionReplyOptions, MessageFlags } from 'discord.js';
import { NO_PINGS } from './render/text.ts';

/** An ephemeral reply: only the member who acted sees it. */
export function privately(options: string | Omit<InteractionReplyOptions, 'flags'>): InteractionReplyOptions {
  const body = typeof options === 'string' ? { content: options } : options;
  return { ...body, flags: MessageFlags.Ephemeral, allowedMentions: NO_PINGS };
}

export function publicly(options: string | Omit<InteractionReplyOptions, 'flags'>): InteractionReplyOptions {
  const body = typeof options === 'string' ? { content: options } : options;
  return { ...body, allowedMentions: NO_PINGS };
}
