export interface TimerHandle {
  cancel(): void;
}

/** Time as the engine sees it; production uses real timers, tests a ManualScheduler. */
export interface Scheduler {
  now(): number;
  schedule(delayMs: number, callback: () => void): TimerHandle;
}

export const realScheduler: Scheduler = {
  now: () => Date.now(),
  schedule(delayMs, callback) {
    const timer = setTimeout(callback, Math.max(0, delayMs));
    return { cancel: () => clearTimeout(timer) };
  },
};
