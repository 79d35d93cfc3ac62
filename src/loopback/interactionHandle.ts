import {
  type APICommandAutocompleteInteractionResponseCallbackData,
  type APIModalInteractionResponseCallbackData,
  MessageFlags,
  InteractionResponseType as R,
} from 'discord-api-types/v10';
import type { WaitOptions } from './changeFeed.ts';
import { type InteractionAck, type InteractionRecord, latencyMs } from './interactionRecord.ts';
import type { LoopbackCore } from './loopbackCore.ts';
import type { StoredMessage } from './storedMessage.ts';

const typeNames: Record<number, string> = {
  [R.ChannelMessageWithSource]: 'reply (4)',
  [R.DeferredChannelMessageWithSource]: 'deferReply (5)',
  [R.DeferredMessageUpdate]: 'deferUpdate (6)',
  [R.UpdateMessage]: 'update (7)',
  [R.ApplicationCommandAutocompleteResult]: 'autocomplete result (8)',
  [R.Modal]: 'modal (9)',
};

/** What a test holds after a member acted: await how the bot answered. */
export class InteractionHandle {
  readonly record: InteractionRecord;
  readonly #core: LoopbackCore;

  constructor(core: LoopbackCore, record: InteractionRecord) {
    this.#core = core;
    this.record = record;
  }

  get id(): string {
    return this.record.id;
  }

  get ackType(): R | null {
    return this.record.ack?.type ?? null;
  }

  /** Milliseconds from dispatch to acknowledgement, or null while unacknowledged. */
  get latencyMs(): number | null {
    return latencyMs(this.record);
  }

  #describe(): string {
    return `${this.record.kind} "${this.record.name}" (interaction ${this.record.id})`;
  }

  /** Resolves on the acknowledgement; fails after the safety timeout if the bot never answered. */
  acknowledged(options: WaitOptions = {}): Promise<InteractionAck> {
    const record = this.record;
    if (record.ack) return Promise.resolve(record.ack);
    const description = options.description ?? `the bot to acknowledge ${this.#describe()}`;
    return new Promise((resolve, reject) => {
      const timeoutMs = options.timeoutMs ?? this.#core.feed.defaultTimeoutMs;
      const timer = setTimeout(() => {
        const rejected = record.rejectedCallbacks.map((r) => r.code).join(', ');
        reject(
          new Error(
            `Timed out after ${timeoutMs} ms waiting for ${description}${rejected ? `; Discord refused callbacks with ${rejected}` : ''}`,
          ),
        );
      }, timeoutMs);
      const listeners = this.#core.ackListeners.get(record.id) ?? [];
      listeners.push({
        acked: () => {
          clearTimeout(timer);
          resolve(record.ack as InteractionAck);
        },
        abandoned: (reason) => {
          clearTimeout(timer);
          reject(new Error(`${reason} while waiting for ${description}`));
        },
      });
      this.#core.ackListeners.set(record.id, listeners);
    });
  }

  /**
   * The message the member sees as the answer: the reply (4), the deferred reply once edited (5),
   * or the clicked message once updated (7, or 6 followed by an edit).
   */
  async reply(options: WaitOptions = {}): Promise<StoredMessage> {
    const ack = await this.acknowledged(options);
    const record = this.record;
    const original = () =>
      record.originalMessageId ? this.#core.world.message(record.originalMessageId) : undefined;
    switch (ack.type) {
      case R.ChannelMessageWithSource:
      case R.UpdateMessage:
        return original() as StoredMessage;
      case R.DeferredChannelMessageWithSource:
        return this.#core.feed.waitFor(
          () => {
            const message = original();
            return message && (message.flags & MessageFlags.Loading) === 0 ? message : undefined;
          },
          { description: `the bot to edit its deferred reply to ${this.#describe()}`, ...options },
        );
      case R.DeferredMessageUpdate: {
        const message = original() as StoredMessage;
        const versions = record.originalVersionAtAck;
        return this.#core.feed.waitFor(() => (message.history.length > versions ? message : undefined), {
          description: `the bot to edit the message after deferUpdate on ${this.#describe()}`,
          ...options,
        });
      }
      default:
        throw new Error(
          `${this.#describe()} was answered with ${typeNames[ack.type] ?? ack.type}, not a message`,
        );
    }
  }

  /** The modal the bot showed (callback type 9). */
  async modal(options: WaitOptions = {}): Promise<APIModalInteractionResponseCallbackData> {
    const ack = await this.acknowledged(options);
    if (ack.type !== R.Modal || !this.record.modal) {
      throw new Error(
        `${this.#describe()} was answered with ${typeNames[ack.type] ?? ack.type}, not a modal`,
      );
    }
    return this.record.modal;
  }

  /** The autocomplete choices the bot offered (callback type 8). */
  async choices(
    options: WaitOptions = {},
  ): Promise<APICommandAutocompleteInteractionResponseCallbackData['choices']> {
    const ack = await this.acknowledged(options);
    if (ack.type !== R.ApplicationCommandAutocompleteResult) {
      throw new Error(
        `${this.#describe()} was answered with ${typeNames[ack.type] ?? ack.type}, not choices`,
      );
    }
    return this.record.choices ?? [];
  }

  followUps(): StoredMessage[] {
    return this.record.followUpIds.flatMap((id) => {
      const message = this.#core.world.message(id);
      return message ? [message] : [];
    });
  }

  /** The first follow-up matching `predicate` (any follow-up by default). */
  followUp(
    predicate: (message: StoredMessage) => boolean = () => true,
    options: WaitOptions = {},
  ): Promise<StoredMessage> {
    return this.#core.feed.waitFor(() => this.followUps().find(predicate), {
      description: `a follow-up to ${this.#describe()}`,
      ...options,
    });
  }

  /** Error codes of callbacks Discord refused, e.g. 40060 for a second acknowledgement. */
  get rejectedCodes(): number[] {
    return this.record.rejectedCallbacks.map((r) => r.code);
  }

  /** Resolves once Discord refused a callback with `code` (e.g. 10062 for a late ack). */
  rejection(code: number, options: WaitOptions = {}): Promise<number> {
    return this.#core.feed.waitFor(() => (this.rejectedCodes.includes(code) ? code : undefined), {
      description: `a callback of ${this.#describe()} refused with ${code}`,
      ...options,
    });
  }
}
