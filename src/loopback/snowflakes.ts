import type { Clock } from './clock.ts';

const discordEpoch = 1_420_070_400_000n;

/** A snowflake generator; given `[id, count]`, the next id whose guild would live on that shard. */
export type NextId = (onShard?: readonly [number, number]) => string;

/** Unique, increasing ids in Discord's snowflake format, so discord.js derives sensible creation times. */
export function createSnowflakes(now: Clock): NextId {
  let last = 0n;
  return (onShard) => {
    const fromClock = (BigInt(Math.floor(now())) - discordEpoch) << 22n;
    last = fromClock > last ? fromClock : last + 1n;
    if (onShard) {
      // The shard is the id's millisecond modulo the count: step to the next millisecond that fits.
      const [id, count] = onShard.map(BigInt) as [bigint, bigint];
      const ms = last >> 22n;
      const ahead = (((id - ms) % count) + count) % count;
      if (ahead > 0n) last = (ms + ahead) << 22n;
    }
    return last.toString();
  };
}
