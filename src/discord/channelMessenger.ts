import { type REST, Routes } from 'discord.js';
import { createCallLimiter } from './callLimiter.ts';
import type { MessagePayload } from './render/questionMessage.ts';
import { NO_PINGS } from './render/text.ts';
import { REST_CONNECTIONS } from './restAgent.ts';

/** The two calls the presenter makes; plain REST, so no channel needs to be cached. */
export interface ChannelMessenger {
  send(channelId: string, payload: MessagePayload): Promise<string>;
  edit(channelId: string, messageId: string, payload: MessagePayload): Promise<void>;
}

/** As many calls in flight as the bot's REST pool has connections. */
const CALLS_IN_FLIGHT = REST_CONNECTIONS;

export function restMessenger(rest: REST): ChannelMessenger {
  const limited = createCallLimiter(CALLS_IN_FLIGHT);
  return {
    send: (channelId, payload) =>
      limited(async () => {
        const message = (await rest.post(Routes.channelMessages(channelId), {
          body: { ...payload, allowed_mentions: NO_PINGS },
        })) as { id: string };
        return message.id;
      }),
    edit: (channelId, messageId, payload) =>
      limited(async () => {
        await rest.patch(Routes.channelMessage(channelId, messageId), {
          body: { ...payload, allowed_mentions: NO_PINGS },
        });
      }),
  };
}
