import { type REST, Routes } from 'discord.js';
import type { MessagePayload } from './render/questionMessage.ts';
import { NO_PINGS } from './render/text.ts';

/** The two calls the presenter makes; plain REST, so no channel needs to be cached. */
export interface ChannelMessenger {
  send(channelId: string, payload: MessagePayload): Promise<string>;
  edit(channelId: string, messageId: string, payload: MessagePayload): Promise<void>;
}

export function restMessenger(rest: REST): ChannelMessenger {
  return {
    async send(channelId, payload) {
      const message = (await rest.post(Routes.channelMessages(channelId), {
        body: { ...payload, allowed_mentions: NO_PINGS },
      })) as { id: string };
      return message.id;
    },
    async edit(channelId, messageId, payload) {
      await rest.patch(Routes.channelMessage(channelId, messageId), {
        body: { ...payload, allowed_mentions: NO_PINGS },
      });
    },
  };
}
