import type { Scheduler, TimerHandle } from './scheduler.ts';

interface PendingTimer {
  id: number;
  dueAt: number;
  callback: () => void;
}

/** A scheduler whose clock moves only when told to, so rounds can be tested without waiting. */
export class ManualScheduler implements Scheduler {
  #now: number;
  #nextId = 0;
  #timers = new Map<number, PendingTimer>();

  constructor(startAt = Date.UTC(2026, 0, 5, 12, 0, 0)) {
    this.#now = startAt;
  }

  now(): number {
    return this.#now;
  }

  schedule(delayMs: number, callback: () => void): TimerHandle {
    const id = this.#nextId++;
    this.#timers.set(id, { id, dueAt: this.#now + Math.max(0, delayMs), callback });
    return { cancel: () => this.#timers.delete(id) };
  }

  get pendingTimers(): number {
    return this.#timers.size;
  }

  /** Moves the clock forward, firing due timers in order (including ones they schedule). */
  advance(ms: number): void {
    const target = this.#now + ms;
    for (;;) {
      const next = this.#earliestDue(target);
      if (!next) break;
      this.#timers.delete(next.id);
      this.#now = next.dueAt;
      next.callback();
    }
    this.#now = target;
  }

  /** Moves the clock to the next pending timer and fires it; false when none is pending. */
  runNext(): boolean {
    const next = this.#earliestDue(Number.POSITIVE_INFINITY);
    if (!next) return false;
    this.advance(next.dueAt - this.#now);
    return true;
  }

  #earliestDue(limit: number): PendingTimer | undefined {
    let earliest: PendingTimer | undefined;
    for (const timer of this.#timers.values()) {
      if (timer.dueAt > limit) continue;
      if (
        !earliest ||
        timer.dueAt < earliest.dueAt ||
        (timer.dueAt === earliest.dueAt && timer.id < earliest.id)
      ) {
        earliest = timer;
      }
    }
    return earliest;
  }
}
