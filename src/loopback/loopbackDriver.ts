import type { AttachmentStore } from './attachmentStore.ts';
import type { LoopbackChange, WaitOptions } from './changeFeed.ts';
import type { Faults } from './faults.ts';
import { GatewayControl } from './gatewayControl.ts';
import { InteractionHandle } from './interactionHandle.ts';
import { type InteractionRecord, latencyMs } from './interactionRecord.ts';
import type { LoopbackCore } from './loopbackCore.ts';
import { MemberDriver } from './memberDriver.ts';
import type { RequestRecord } from './requestRecord.ts';
import type { StoredMessage } from './storedMessage.ts';
import type { AddMemberOptions, Member } from './world.ts';

export interface MessageFilter {
  includeEphemeral?: boolean;
  includeDeleted?: boolean;
}

/** How tests act as Discord's users and observe what the bot did, without sleeping. */
export class LoopbackDriver {
  readonly gateway: GatewayControl;
  readonly faults: Faults;
  /** Files attached to command options, served on the loopback's host. */
  readonly attachments: AttachmentStore;
  readonly #core: LoopbackCore;

  constructor(core: LoopbackCore) {
    this.#core = core;
    this.gateway = new GatewayControl(core);
    this.faults = core.faults;
    this.attachments = core.attachments;
  }

  /** Acts as this member. */
  as(member: Member): MemberDriver {
    return new MemberDriver(this.#core, member);
  }

  /** A new member joins the guild (GUILD_MEMBER_ADD); returns the driver to act as them. */
  join(guildId: string, options: AddMemberOptions): MemberDriver {
    return this.as(this.#core.world.addMember(guildId, options));
  }

  /** A handle for an interaction the loopback dispatched earlier. */
  interaction(id: string): InteractionHandle | undefined {
    const record = this.#core.interactions.get(id);
    return record ? new InteractionHandle(this.#core, record) : undefined;
  }

  /** Messages of a channel in order of creation; by default without ephemeral and deleted ones. */
  messages(channelId: string, filter: MessageFilter = {}): StoredMessage[] {
    return this.#core.world
      .channel(channelId)
      .messages.filter(
        (m) => (filter.includeDeleted || !m.deleted) && (filter.includeEphemeral || !m.ephemeral),
      );
  }

  message(id: string): StoredMessage | undefined {
    return this.#core.world.message(id);
  }

  /** The first message of the channel (ephemeral ones included) whose current version matches. */
  waitForMessage(
    channelId: string,
    predicate: (message: StoredMessage) => boolean,
    options: WaitOptions = {},
  ): Promise<StoredMessage> {
    const channel = this.#core.world.channel(channelId);
    return this.#core.feed.waitFor(() => channel.messages.find((m) => !m.deleted && predicate(m)), {
      description: `a message in channel ${channelId} matching ${predicate.toString()}`,
      ...options,
    });
  }

  /** Resolves when `message` (as edited) matches. */
  waitForEdit(
    message: StoredMessage,
    predicate: (message: StoredMessage) => boolean,
    options: WaitOptions = {},
  ): Promise<StoredMessage> {
    return this.#core.feed.waitFor(() => (predicate(message) ? message : undefined), {
      description: `message ${message.id} to be edited to match ${predicate.toString()}`,
      ...options,
    });
  }

  /** Every REST request so far, in order of arrival. */
  get requests(): readonly RequestRecord[] {
    return this.#core.requests;
  }

  /** The first request (past or future) matching `predicate` that has been answered. */
  waitForRequest(
    predicate: (request: RequestRecord) => boolean,
    options: WaitOptions = {},
  ): Promise<RequestRecord> {
    return this.#core.feed.waitFor(() => this.#core.requests.find((r) => r.status !== 0 && predicate(r)), {
      description: `a request matching ${predicate.toString()}`,
      ...options,
    });
  }

  /** Requests no route matched (answered 404); a correct bot makes none. */
  get unknownRoutes(): readonly RequestRecord[] {
    return this.#core.unknownRoutes;
  }

  /** Requests answered 429, from buckets or injected faults. */
  get rateLimited(): readonly RequestRecord[] {
    return this.#core.rateLimited;
  }

  get rateLimitedCount(): number {
    return this.#core.rateLimited.length;
  }

  /** Every interaction dispatched so far. */
  interactions(): readonly InteractionRecord[] {
    return [...this.#core.interactions.values()];
  }

  /** Dispatch-to-acknowledgement latencies in ms of the acknowledged interactions. */
  ackLatencies(): number[] {
    const latencies: number[] = [];
    for (const record of this.#core.interactions.values()) {
      const ms = latencyMs(record);
      if (ms !== null) latencies.push(ms);
    }
    return latencies;
  }

  /** Calls `listener` on each recorded change (messages created, edited, deleted; requests; acks). */
  subscribe(listener: (change: LoopbackChange) => void): () => void {
    return this.#core.feed.subscribe(listener);
  }

  /** Resolves with the first truthy value of `probe`, re-checked whenever the loopback records a change. */
  waitFor<T>(probe: () => T | undefined | false, options: WaitOptions = {}): Promise<T> {
    return this.#core.feed.waitFor(probe, options);
  }

  /** Throws if the bot called unknown routes or the loopback itself failed: use in afterEach. */
  assertClean(): void {
    const problems = [
      ...this.#core.unknownRoutes.map((r) => `unknown route ${r.method} ${r.path}`),
      ...this.#core.internalErrors.map((e) => `loopback error: ${e.stack ?? e.message}`),
    ];
    if (problems.length > 0) throw new Error(`The loopback saw problems:\n${problems.join('\n')}`);
  }
}
