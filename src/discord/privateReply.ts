import {
  type InteractionReplyOptions,
  InteractionResponseType,
  MessageFlags,
  type RepliableInteraction,
  Routes,
} from 'discord.js';
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

/**
 * The click path's acknowledgement: a private text reply in one REST call, without building
 * discord.js's message payload. Under a burst of clicks this is most of the bot's own work.
 */
export async function acknowledgePrivately(
  interaction: RepliableInteraction,
  content: string,
): Promise<void> {
  await interaction.client.rest.post(Routes.interactionCallback(interaction.id, interaction.token), {
    body: {
      type: InteractionResponseType.ChannelMessageWithSource,
      data: { content, flags: MessageFlags.Ephemeral, allowed_mentions: NO_PINGS },
    },
    auth: false,
  });
  // What interaction.reply() records, so later calls (and the router's check) see it answered.
  interaction.replied = true;
  interaction.ephemeral = true;
}
