interface Waiter {
  change: number;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Writes snapshots one at a time. Changes noted while a write is in flight are covered by the
 * next write, which takes a fresh snapshot, so a burst of changes costs at most two writes.
 */
export class CoalescingWriter {
  private noted = 0;
  private written = 0;
  private running = false;
  private scheduled = false;
  private waiters: Waiter[] = [];

  /**
   * `snapshot` must capture the state when called, even when it returns a promise: the changes
   * noted by then are the ones its text covers.
   */
  constructor(
    private readonly snapshot: () => string | Promise<string>,
    private readonly write: (data: string) => Promise<void>,
  ) {}

  /** Notes a change and arranges for it to be written soon (after the current tick's changes). */
  changed(): void {
    this.noted++;
    if (this.scheduled || this.running) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.start();
    });
  }

  /**
   * Resolves once every change noted before the call is written; rejects if the write that
   * would have covered them fails (the changes stay pending, and the next change or flush retries).
   */
  flush(): Promise<void> {
    const promise = this.whenWritten();
    this.start();
    return promise;
  }

  /**
   * Like flush, without starting a write now: the one `changed` scheduled covers everything noted
   * in this tick, so a burst of changes still costs one write.
   */
  whenWritten(): Promise<void> {
    const change = this.noted;
    if (this.written >= change) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.waiters.push({ change, resolve, reject });
    });
  }

  private start(): void {
    if (this.running || this.written >= this.noted) return;
    this.running = true;
    void this.run();
  }

  /** Clears `running` in the same step as its last check, so no change can slip between them. */
  private async run(): Promise<void> {
    while (this.written < this.noted) {
      const change = this.noted;
      try {
        const text = this.snapshot();
        await this.write(typeof text === 'string' ? text : await text);
      } catch (error) {
        this.running = false;
        const waiters = this.waiters;
        this.waiters = [];
        for (const waiter of waiters) waiter.reject(error);
        return;
      }
      this.written = change;
      const waiting: Waiter[] = [];
      for (const waiter of this.waiters) {
        if (waiter.change <= change) waiter.resolve();
        else waiting.push(waiter);
      }
      this.waiters = waiting;
    }
    this.running = false;
  }
}
