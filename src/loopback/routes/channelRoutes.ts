import { PermissionFlagsBits } from 'discord-api-types/v10';
import { apiErrors } from '../apiError.ts';
import { channelPayload } from '../apiPayloads.ts';
import { noContent, ok, type RouteDefinition } from '../http/route.ts';
import { checkMessageBody, createMessage, editMessage, isJsonObject } from '../messageOps.ts';
import { channelMessage, requireBotPermissions, visibleChannel } from './access.ts';

const { SendMessages, ReadMessageHistory, ManageMessages } = PermissionFlagsBits;

export const channelRoutes: RouteDefinition[] = [
  {
    method: 'GET',
    template: '/channels/:channelId',
    auth: 'bot',
    handle: (core, { params }) => ok(channelPayload(visibleChannel(core, params.channelId ?? ''))),
  },
  {
    method: 'GET',
    template: '/channels/:channelId/messages',
    auth: 'bot',
    handle(core, { params, query }) {
      const channel = visibleChannel(core, params.channelId ?? '');
      requireBotPermissions(core, channel, ReadMessageHistory);
      const limit = Math.min(100, Math.max(1, Number(query.get('limit') ?? 50) || 50));
      const visible = channel.messages.filter((m) => !m.deleted && !m.ephemeral);
      return ok(
        visible
          .slice(-limit)
          .reverse()
          .map((m) => core.message(m)),
      );
    },
  },
  {
    method: 'GET',
    template: '/channels/:channelId/messages/:messageId',
    auth: 'bot',
    handle(core, { params }) {
      const channel = visibleChannel(core, params.channelId ?? '');
      requireBotPermissions(core, channel, ReadMessageHistory);
      return ok(core.message(channelMessage(core, channel, params.messageId ?? '')));
    },
  },
  {
    method: 'POST',
    template: '/channels/:channelId/messages',
    auth: 'bot',
    handle(core, { params, body }) {
      const channel = visibleChannel(core, params.channelId ?? '');
      requireBotPermissions(core, channel, SendMessages);
      const json = isJsonObject(body) ? body : {};
      checkMessageBody(json, true);
      const message = createMessage(core, {
        channel,
        body: json,
        origin: 'channel',
        authorId: core.world.bot.id,
        allowEphemeral: false,
      });
      return ok(core.message(message));
    },
  },
  {
    method: 'PATCH',
    template: '/channels/:channelId/messages/:messageId',
    auth: 'bot',
    handle(core, { params, body }) {
      const channel = visibleChannel(core, params.channelId ?? '');
      const message = channelMessage(core, channel, params.messageId ?? '');
      if (message.authorId !== core.world.bot.id) throw apiErrors.notAuthor();
      return ok(core.message(editMessage(core, message, isJsonObject(body) ? body : {})));
    },
  },
  {
    method: 'DELETE',
    template: '/channels/:channelId/messages/:messageId',
    auth: 'bot',
    handle(core, { params }) {
      const channel = visibleChannel(core, params.channelId ?? '');
      const message = channelMessage(core, channel, params.messageId ?? '');
      if (message.authorId !== core.world.bot.id) requireBotPermissions(core, channel, ManageMessages);
      core.world.deleteMessage(message);
      return noContent();
    },
  },
  {
    method: 'POST',
    template: '/channels/:channelId/typing',
    auth: 'bot',
    handle(core, { params }) {
      const channel = visibleChannel(core, params.channelId ?? '');
      requireBotPermissions(core, channel, SendMessages);
      return noContent();
    },
  },
];
