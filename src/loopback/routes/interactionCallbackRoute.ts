import { performance } from 'node:perf_hooks';
import { MessageFlags, InteractionResponseType as R } from 'discord-api-types/v10';
import { ApiError, apiErrors } from '../apiError.ts';
import { carryFiles } from '../http/readBody.ts';
import { noContent, ok, type RouteDefinition } from '../http/route.ts';
import type { InteractionKind, InteractionRecord } from '../interactionRecord.ts';
import type { LoopbackCore } from '../loopbackCore.ts';
import { checkMessageBody, createMessage, editMessage, isJsonObject, type Json } from '../messageOps.ts';
import { validateChoices, validateModal } from '../validateModal.ts';

const allowedTypes: Record<InteractionKind, readonly R[]> = {
  command: [R.ChannelMessageWithSource, R.DeferredChannelMessageWithSource, R.Modal],
  component: [
    R.ChannelMessageWithSource,
    R.DeferredChannelMessageWithSource,
    R.DeferredMessageUpdate,
    R.UpdateMessage,
    R.Modal,
  ],
  modal: [
    R.ChannelMessageWithSource,
    R.DeferredChannelMessageWithSource,
    R.DeferredMessageUpdate,
    R.UpdateMessage,
  ],
  autocomplete: [R.ApplicationCommandAutocompleteResult],
};

function invalidType(): ApiError {
  return apiErrors.invalidFormBody([
    {
      path: ['type'],
      code: 'INTERACTION_RESPONSE_TYPE_INVALID',
      message: 'Interaction response type is invalid for this interaction',
    },
  ]);
}

function sourceMessage(core: LoopbackCore, record: InteractionRecord) {
  const message = record.sourceMessageId ? core.world.message(record.sourceMessageId) : undefined;
  if (!message) throw invalidType();
  if (message.deleted) throw apiErrors.unknownMessage();
  return message;
}

function liveChannel(core: LoopbackCore, record: InteractionRecord) {
  const channel = core.world.findChannel(record.channelId);
  if (!channel || channel.deleted) throw apiErrors.unknownChannel();
  return channel;
}

/** Applies one acknowledgement to the world; throws Discord's error if the callback is invalid. */
function respond(core: LoopbackCore, record: InteractionRecord, type: R, data: Json): void {
  switch (type) {
    case R.ChannelMessageWithSource:
    case R.DeferredChannelMessageWithSource: {
      const deferred = type === R.DeferredChannelMessageWithSource;
      if (!deferred) checkMessageBody(data, true, ['data']);
      const body = deferred
        ? { flags: typeof data.flags === 'number' ? data.flags & MessageFlags.Ephemeral : 0 }
        : data;
      const message = createMessage(core, {
        channel: liveChannel(core, record),
        body,
        origin: 'reply',
        authorId: core.world.bot.id,
        interactionId: record.id,
        allowEphemeral: true,
        visibleTo: record.userId,
        extraFlags: deferred ? MessageFlags.Loading : 0,
      });
      record.originalMessageId = message.id;
      return;
    }
    case R.DeferredMessageUpdate:
      record.originalMessageId = sourceMessage(core, record).id;
      return;
    case R.UpdateMessage: {
      const message = sourceMessage(core, record);
      editMessage(core, message, data, ['data']);
      record.originalMessageId = message.id;
      return;
    }
    case R.ApplicationCommandAutocompleteResult: {
      const issues = validateChoices(data);
      if (issues.length > 0) throw apiErrors.invalidFormBody(issues);
      record.choices = data.choices as InteractionRecord['choices'];
      return;
    }
    case R.Modal: {
      const issues = validateModal(data);
      if (issues.length > 0) throw apiErrors.invalidFormBody(issues);
      record.modal = data as unknown as InteractionRecord['modal'];
      return;
    }
    default:
      throw invalidType();
  }
}

/** POST /interactions/{id}/{token}/callback: once, within the ack deadline, of a type the interaction allows. */
export const interactionCallbackRoute: RouteDefinition = {
  method: 'POST',
  template: '/interactions/:interactionId/:token/callback',
  auth: 'none',
  handle(core, { params, query, body }) {
    const record = core.interactions.get(params.interactionId ?? '');
    if (!record || record.token !== params.token) throw apiErrors.unknownInteraction();
    const json = isJsonObject(body) ? body : {};
    const type = json.type as R;
    const reject = (error: ApiError): never => {
      record.rejectedCallbacks.push({ code: error.body.code, type });
      core.feed.notify({ kind: 'interaction', interactionId: record.id });
      throw error;
    };
    if (record.ack) reject(apiErrors.alreadyAcknowledged());
    if (core.clock() - record.createdAt > core.settings.ackDeadlineMs) reject(apiErrors.unknownInteraction());
    if (!allowedTypes[record.kind].includes(type)) reject(invalidType());
    const data = isJsonObject(json.data) ? carryFiles(json, json.data) : {};
    try {
      respond(core, record, type, data);
    } catch (error) {
      if (error instanceof ApiError) reject(error);
      throw error;
    }
    record.ack = { type, data: json.data ?? null, at: core.clock() };
    const original = record.originalMessageId ? core.world.message(record.originalMessageId) : undefined;
    record.originalVersionAtAck = original?.history.length ?? 0;
    record.ackedAt = performance.now();
    const listeners = core.ackListeners.get(record.id);
    if (listeners) {
      core.ackListeners.delete(record.id);
      for (const listener of listeners) listener.acked();
    }
    core.feed.notify({ kind: 'interaction', interactionId: record.id });
    if (query.get('with_response') !== 'true') return noContent();
    const message = record.originalMessageId ? core.world.message(record.originalMessageId) : undefined;
    const creates =
      type === R.ChannelMessageWithSource ||
      type === R.DeferredChannelMessageWithSource ||
      type === R.UpdateMessage;
    return ok({
      interaction: {
        id: record.id,
        type: record.type,
        activity_instance_id: null,
        response_message_id: creates ? (message?.id ?? null) : null,
        response_message_loading: type === R.DeferredChannelMessageWithSource,
        response_message_ephemeral: message?.ephemeral ?? false,
      },
      resource: creates && message ? { type, message: core.message(message) } : { type },
    });
  },
};
