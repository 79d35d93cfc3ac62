/** Set by the manager on each shard process: `id/count`. Not SHARDS or SHARD_COUNT, which discord.js reads itself. */
export const SHARD_VARIABLE = 'STUDYQUIZ_SHARD_OF_MANAGER';

export interface ShardAssignment {
  id: number;
  count: number;
}

/** The shard this process runs for the manager, when it was started by one (an IPC channel is open). */
export function assignedShard(
  env: NodeJS.ProcessEnv,
  hasManager = typeof process.send === 'function',
): ShardAssignment | undefined {
  const match = /^(\d+)\/(\d+)$/.exec(env[SHARD_VARIABLE] ?? '');
  if (!match || !hasManager) return undefined;
  const [id, count] = [Number(match[1]), Number(match[2])];
  return id < count ? { id, count } : undefined;
}

/**
 * A shard process's environment: the manager's own, minus discord.js's SHARDS and SHARD_COUNT
 * (a user's value must never reach an IDENTIFY), plus what ShardClientUtil needs to report to
 * the manager and the shard this process runs.
 */
export function shardChildEnv(env: NodeJS.ProcessEnv, shard: ShardAssignment): NodeJS.ProcessEnv {
  const { SHARDS: _shards, SHARD_COUNT: _count, ...rest } = env;
  return {
    ...rest,
    SHARDING_MANAGER: 'true',
    SHARDING_MANAGER_MODE: 'process',
    [SHARD_VARIABLE]: `${shard.id}/${shard.count}`,
  };
}
