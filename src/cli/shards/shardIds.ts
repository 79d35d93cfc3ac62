import { UserError } from '../../core/userError.ts';

/** Far above any real bot (Discord asks for a shard per 1,000 servers), low enough to list. */
export const MAX_SHARDS = 100_000;

/** `0-3`, `0,2,5` or both (`0-3,8`): the shard ids, sorted; `source` names the flag or variable. */
export function parseShardIds(text: string, source: string): number[] {
  const ids = new Set<number>();
  const add = (id: number) => {
    if (ids.has(id))
      throw new UserError(`${source} names shard ${id} twice ("${text}"): list each shard once.`);
    ids.add(id);
  };
  for (const part of text.split(',')) {
    const item = part.trim();
    const range = /^(\d+)\s*-\s*(\d+)$/.exec(item);
    const single = /^\d+$/.test(item) ? Number(item) : undefined;
    if (range) {
      const [from, to] = [Number(range[1]), Number(range[2])];
      if (from > to) throw new UserError(`${source} has the range "${item}" backwards: write ${to}-${from}.`);
      if (to >= MAX_SHARDS)
        throw new UserError(`${source}: shard ids go up to ${MAX_SHARDS - 1}, not ${to}.`);
      for (let id = from; id <= to; id++) add(id);
    } else if (single !== undefined) {
      if (single >= MAX_SHARDS)
        throw new UserError(`${source}: shard ids go up to ${MAX_SHARDS - 1}, not ${single}.`);
      add(single);
    } else {
      throw new UserError(
        `${source} must list shard ids as ranges or lists such as 0-3 or 0,2,5 (ids start at 0); "${item || text}" is neither.`,
      );
    }
  }
  return [...ids].sort((a, b) => a - b);
}

/** Every id must be below the bot's total count. */
export function checkShardIds(ids: readonly number[], count: number, source: string): void {
  const outside = ids.find((id) => id >= count);
  if (outside !== undefined) {
    throw new UserError(
      `${source} names shard ${outside}, but the bot has ${count} shard${count === 1 ? '' : 's'} (ids 0 to ${count - 1}). Lower the ids or raise the shard count.`,
    );
  }
}
