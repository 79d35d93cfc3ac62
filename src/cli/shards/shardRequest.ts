import { UserError } from '../../core/userError.ts';
import { MAX_SHARDS, parseShardIds } from './shardIds.ts';

/** What `start` was asked to run: every shard of `count` (`auto`: Discord's recommendation), or `ids` of it. */
export interface ShardRequest {
  count: number | 'auto';
  /** Undefined: all of them, here. */
  ids: number[] | undefined;
  /** How the ids were given, for messages (`--shard-ids` or `STUDYQUIZ_SHARD_IDS`). */
  idsSource: string;
}

export interface ShardSettings {
  shards?: string | undefined;
  shardCount?: string | undefined;
  shardIds?: string | undefined;
}

interface Given {
  value: string;
  source: string;
}

/** A flag wins over its variable. Undefined when nothing asks for shards: one process, as always. */
export function shardRequest(flags: ShardSettings, env: ShardSettings): ShardRequest | undefined {
  const pick = (key: keyof ShardSettings, flag: string, variable: string): Given | undefined => {
    const fromFlag = flags[key];
    if (fromFlag !== undefined) return { value: fromFlag.trim(), source: flag };
    const fromEnv = env[key];
    return fromEnv === undefined ? undefined : { value: fromEnv.trim(), source: variable };
  };
  const shards = pick('shards', '--shards', 'STUDYQUIZ_SHARDS');
  const shardCount = pick('shardCount', '--shard-count', 'STUDYQUIZ_SHARD_COUNT');
  const shardIds = pick('shardIds', '--shard-ids', 'STUDYQUIZ_SHARD_IDS');
  if (!shards && !shardCount && !shardIds) return undefined;

  const shardsValue =
    shards && (shards.value === 'auto' ? 'auto' : countOf(shards, 'auto or a whole number'));
  const countValue = shardCount && countOf(shardCount, 'a whole number');
  if (shards && shardCount && shardsValue !== countValue) {
    throw new UserError(
      `${shards.source} ${shards.value} and ${shardCount.source} ${shardCount.value} disagree: give one of them (${shardCount.source} with ${shardIds?.source ?? '--shard-ids'} runs part of the shards here).`,
    );
  }
  const count = countValue ?? shardsValue;
  if (count === undefined) {
    throw new UserError(
      `${shardIds?.source} needs the bot's total number of shards across machines: add --shard-count N (or STUDYQUIZ_SHARD_COUNT).`,
    );
  }
  return {
    count,
    ids: shardIds && parseShardIds(shardIds.value, shardIds.source),
    idsSource: shardIds?.source ?? '--shard-ids',
  };
}

function countOf(given: Given, what: string): number {
  const count = /^\d+$/.test(given.value) ? Number(given.value) : Number.NaN;
  if (!Number.isInteger(count) || count < 1 || count > MAX_SHARDS) {
    throw new UserError(
      `${given.source} must be ${what} of shards from 1 to ${MAX_SHARDS}, not "${given.value}".`,
    );
  }
  return count;
}
