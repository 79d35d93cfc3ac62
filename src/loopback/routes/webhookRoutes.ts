import { apiErrors } from '../apiError.ts';
import { noContent, ok, type RouteDefinition, type RouteRequest } from '../http/route.ts';
import type { InteractionRecord } from '../interactionRecord.ts';
import type { LoopbackCore } from '../loopbackCore.ts';
import { checkMessageBody, createMessage, editMessage, isJsonObject } from '../messageOps.ts';
import type { StoredMessage } from '../storedMessage.ts';

/** The interaction behind an interaction token; tokens expire after 15 minutes (50027). */
function interactionFor(core: LoopbackCore, { params }: RouteRequest): InteractionRecord {
  const record = core.interactionsByToken.get(params.token ?? '');
  if (!record || params.applicationId !== core.applicationId) throw apiErrors.unknownWebhook();
  if (core.clock() - record.createdAt > core.settings.tokenLifetimeMs) throw apiErrors.invalidWebhookToken();
  return record;
}

/** `@original` or one of the interaction's follow-ups. */
function webhookMessage(core: LoopbackCore, request: RouteRequest): StoredMessage {
  const record = interactionFor(core, request);
  const id = request.params.messageId === '@original' ? record.originalMessageId : request.params.messageId;
  const own =
    id !== null && id !== undefined && (id === record.originalMessageId || record.followUpIds.includes(id));
  const message = own ? core.world.message(id) : undefined;
  if (!message || message.deleted) throw apiErrors.unknownMessage();
  const channel = core.world.findChannel(message.channelId);
  if (!channel || channel.deleted) throw apiErrors.unknownChannel();
  return message;
}

const base = '/webhooks/:applicationId/:token';

export const webhookRoutes: RouteDefinition[] = [
  {
    method: 'POST',
    template: base,
    auth: 'none',
    handle(core, request) {
      const record = interactionFor(core, request);
      if (!record.ack) throw apiErrors.unknownWebhook();
      const channel = core.world.findChannel(record.channelId);
      if (!channel || channel.deleted) throw apiErrors.unknownChannel();
      const body = isJsonObject(request.body) ? request.body : {};
      checkMessageBody(body, true);
      const message = createMessage(core, {
        channel,
        body,
        origin: 'followUp',
        authorId: core.world.bot.id,
        interactionId: record.id,
        allowEphemeral: true,
        visibleTo: record.userId,
      });
      record.followUpIds.push(message.id);
      return request.query.get('wait') === 'true' ? ok(core.message(message)) : noContent();
    },
  },
  {
    method: 'GET',
    template: `${base}/messages/:messageId`,
    auth: 'none',
    handle: (core, request) => ok(core.message(webhookMessage(core, request))),
  },
  {
    method: 'PATCH',
    template: `${base}/messages/:messageId`,
    auth: 'none',
    handle(core, request) {
      const message = webhookMessage(core, request);
      return ok(core.message(editMessage(core, message, isJsonObject(request.body) ? request.body : {})));
    },
  },
  {
    method: 'DELETE',
    template: `${base}/messages/:messageId`,
    auth: 'none',
    handle(core, request) {
      core.world.deleteMessage(webhookMessage(core, request));
      return noContent();
    },
  },
];
