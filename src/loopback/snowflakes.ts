import type { Clock } from './clock.ts';

const discordEpoch = 1_420_070_400_000n;

/** Unique, increasing ids in Discord's snowflake format, so discord.js derives sensible creation times. */
export function createSnowflakes(now: Clock): () => string {
  let last = 0n;
  return () => {
    const fromClock = (BigInt(Math.floor(now())) - discordEpoch) << 22n;
    last = fromClock > last ? fromClock : last + 1n;
    return last.toString();
  };
}
