import type { ManualScheduler } from '../core/manualScheduler.ts';
import { realScheduler, type Scheduler } from '../core/scheduler.ts';

/** The demo's sense of time: the bot's scheduler, plus a way for the simulated members to wait on it. */
export interface Timeline {
  scheduler: Scheduler;
  now(): number;
  /** Resolves once the clock reads `at` (at once when it already does). */
  until(at: number): Promise<void>;
}

/** Real time; a wait ends early when `signal` aborts, so an interrupted demo can clean up at once. */
export function realTimeline(signal?: AbortSignal): Timeline {
  return {
    scheduler: realScheduler,
    now: () => realScheduler.now(),
    until: (at) =>
      new Promise((resolve) => {
        const timer = realScheduler.schedule(at - realScheduler.now(), () => {
          signal?.removeEventListener('abort', early);
          resolve();
        });
        const early = () => {
          timer.cancel();
          resolve();
        };
        signal?.addEventListener('abort', early, { once: true });
      }),
  };
}

/** Tests only: the clock jumps straight to `at`, firing the bot's timers on the way. */
export function manualTimeline(scheduler: ManualScheduler): Timeline {
  return {
    scheduler,
    now: () => scheduler.now(),
    async until(at) {
      if (at > scheduler.now()) scheduler.advance(at - scheduler.now());
    },
  };
}
