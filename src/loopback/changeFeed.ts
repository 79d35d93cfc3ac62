/** Something the loopback recorded; waiters re-check their condition on each one. */
export type LoopbackChange =
  | { kind: 'request' }
  | { kind: 'message'; action: 'create' | 'edit' | 'delete'; channelId: string; messageId: string }
  | { kind: 'interaction'; interactionId: string }
  | { kind: 'gateway' };

interface Waiter {
  check: () => boolean;
  fail: (error: Error) => void;
}

export interface WaitOptions {
  /** Safety net, not a timing assertion: the wait fails with `description` after this long. */
  timeoutMs?: number;
  description?: string;
}

/** Conditions may also read state outside the loopback (the bot's own), so they are re-checked now and then too. */
const recheckMs = 20;

/**
 * Lets tests await conditions on the loopback's state instead of sleeping.
 * Conditions are re-evaluated only when something changed.
 */
export class ChangeFeed {
  readonly #waiters = new Set<Waiter>();
  readonly #listeners = new Set<(change: LoopbackChange) => void>();
  readonly #defaultTimeoutMs: number;

  constructor(defaultTimeoutMs: number) {
    this.#defaultTimeoutMs = defaultTimeoutMs;
  }

  get defaultTimeoutMs(): number {
    return this.#defaultTimeoutMs;
  }

  notify(change: LoopbackChange): void {
    for (const listener of this.#listeners) listener(change);
    for (const waiter of this.#waiters) waiter.check();
  }

  /** Calls `listener` on every change (e.g. to show a demo live); returns the unsubscribe function. */
  subscribe(listener: (change: LoopbackChange) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Resolves with the first non-undefined, non-false value `probe` returns. */
  waitFor<T>(probe: () => T | undefined | false, options: WaitOptions = {}): Promise<T> {
    const first = probe();
    if (first !== undefined && first !== false) return Promise.resolve(first);
    const timeoutMs = options.timeoutMs ?? this.#defaultTimeoutMs;
    const description = options.description ?? 'a condition on the loopback';
    const stack = new Error().stack;
    return new Promise<T>((resolve, reject) => {
      const waiter: Waiter = {
        check: () => {
          let value: T | undefined | false;
          try {
            value = probe();
          } catch (error) {
            done();
            reject(error);
            return true;
          }
          if (value === undefined || value === false) return false;
          done();
          resolve(value);
          return true;
        },
        fail: (error) => {
          done();
          reject(error);
        },
      };
      const timer = setTimeout(() => {
        const error = new Error(`Timed out after ${timeoutMs} ms waiting for ${description}`);
        if (stack) error.stack = `${error.message}\n${stack.split('\n').slice(2).join('\n')}`;
        waiter.fail(error);
      }, timeoutMs);
      const recheck = setInterval(() => waiter.check(), recheckMs);
      const done = () => {
        clearTimeout(timer);
        clearInterval(recheck);
        this.#waiters.delete(waiter);
      };
      this.#waiters.add(waiter);
    });
  }

  /** Fails every pending wait, e.g. when the loopback closes. */
  failAll(reason: string): void {
    for (const waiter of [...this.#waiters]) waiter.fail(new Error(reason));
  }
}
