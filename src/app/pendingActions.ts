import { randomBytes } from 'node:crypto';
import { UserError } from '../core/userError.ts';

export interface PendingOwner {
  guildId: string;
  userId: string;
}

interface Entry<T> {
  owner: PendingOwner;
  value: T;
  expiresAt: number;
}

/**
 * What waits for a member's button (a preview to save, a removal to confirm), for a while. Keyed
 * by an unguessable token that goes into the button's custom id: a forged, copied or stale button
 * finds nothing, or someone else's, and gets a polite refusal.
 */
export class PendingActions<T> {
  readonly #entries = new Map<string, Entry<T>>();
  readonly #now: () => number;
  readonly #ttlMs: number;
  readonly #token: () => string;

  constructor(options: { now: () => number; ttlMs: number; token?: () => string }) {
    this.#now = options.now;
    this.#ttlMs = options.ttlMs;
    this.#token = options.token ?? (() => randomBytes(12).toString('hex'));
  }

  add(owner: PendingOwner, value: T): string {
    this.#sweep();
    const token = this.#token();
    this.#entries.set(token, { owner, value, expiresAt: this.#now() + this.#ttlMs });
    return token;
  }

  /** The pending value, still pending; throws a UserError for a button that is not this member's. */
  get(token: string, who: PendingOwner): T {
    this.#sweep();
    const entry = this.#entries.get(token);
    if (!entry) {
      throw new UserError(
        'This button has expired or was already used. Run the `/bank` command again if you still want to.',
      );
    }
    if (entry.owner.guildId !== who.guildId || entry.owner.userId !== who.userId)
      throw new UserError('This button belongs to someone else’s `/bank` command; run your own.');
    return entry.value;
  }

  /** As get, and no longer pending. */
  take(token: string, who: PendingOwner): T {
    const value = this.get(token, who);
    this.#entries.delete(token);
    return value;
  }

  get size(): number {
    this.#sweep();
    return this.#entries.size;
  }

  #sweep(): void {
    const now = this.#now();
    for (const [token, entry] of this.#entries) if (entry.expiresAt <= now) this.#entries.delete(token);
  }
}
