/** Milliseconds since the epoch; injectable so tests can pass Discord's deadlines without waiting. */
export type Clock = () => number;

export interface TestClock {
  now: Clock;
  /** Moves this clock forward; real time keeps flowing underneath. */
  advance(ms: number): void;
}

export function createTestClock(): TestClock {
  let offset = 0;
  return {
    now: () => Date.now() + offset,
    advance(ms) {
      offset += ms;
    },
  };
}
