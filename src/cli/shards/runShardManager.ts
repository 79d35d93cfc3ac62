import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { type Shard, ShardingManager } from 'discord.js';
import type { Logger } from '../../logger.ts';
import { PACKAGE_ROOT } from '../../packageRoot.ts';
import { shardChildEnv } from './shardChild.ts';

/** `studyquiz start` itself, so a shard runs the build or the sources exactly as a plain start does. */
const BIN = path.join(PACKAGE_ROOT, 'bin', 'studyquiz.js');
/** Discord lets a bot IDENTIFY once per 5 s (max_concurrency 1): shards are started that far apart. */
const SPAWN_DELAY_MS = 5500;
/** A shard loads the bank and the scores before it logs in; a busy machine is slow. */
const READY_TIMEOUT_MS = 5 * 60_000;
/** A shard that keeps dying is started again after 1 s, 2 s, 4 s… up to a minute. */
const RESPAWN_MAX_DELAY_MS = 60_000;
const RESPAWN_CALM_MS = 60_000;

export interface ShardManagerOptions {
  /** The shards to run here, of `count` in all. */
  ids: readonly number[];
  count: number;
  token: string;
  env: NodeJS.ProcessEnv;
  logger: Logger;
}

/**
 * Runs each shard in its own process under discord.js's ShardingManager, starts again one that
 * dies, and on SIGINT or SIGTERM stops every shard through its own shutdown (rounds closed,
 * scores saved). Resolves with the exit code: 0 when every shard stopped cleanly.
 */
export async function runShardManager(options: ShardManagerOptions): Promise<number> {
  const { logger, count } = options;
  const manager = new ShardingManager(BIN, {
    totalShards: count,
    shardList: [...options.ids],
    mode: 'process',
    // Respawning is done here, with a backoff, and never while stopping.
    respawn: false,
    token: options.token,
    shardArgs: ['start'],
    execArgv: [],
  });
  const stopSignal = new AbortController();
  const respawnTimers = new Set<NodeJS.Timeout>();
  const lastDeath = new Map<number, { at: number; delay: number }>();
  let started = false;
  let failedStops = 0;
  let settle = () => {};
  const allStopped = new Promise<void>((resolve) => {
    settle = () => {
      if ([...manager.shards.values()].every((shard) => shard.process === null)) resolve();
    };
  });

  const respawnDelay = (id: number) => {
    const previous = lastDeath.get(id);
    const now = Date.now();
    const delay =
      !previous || now - previous.at > RESPAWN_CALM_MS
        ? 0
        : Math.min(RESPAWN_MAX_DELAY_MS, Math.max(1000, previous.delay * 2));
    lastDeath.set(id, { at: now, delay });
    return delay;
  };

  const onDeath = (shard: Shard, code: number | null, signal: NodeJS.Signals | null) => {
    if (stopSignal.signal.aborted) {
      if (code !== 0) failedStops++;
      logger.info({ shardId: shard.id, code, signal }, 'shard stopped');
      settle();
      return;
    }
    // Before every shard is up, a death fails the start (see below) instead of looping.
    if (!started) return;
    const delay = respawnDelay(shard.id);
    logger.warn(
      { shardId: shard.id, code, signal, respawnInMs: delay },
      'shard process ended; starting it again',
    );
    const timer = setTimeout(() => {
      respawnTimers.delete(timer);
      if (stopSignal.signal.aborted) return;
      shard
        .spawn(READY_TIMEOUT_MS)
        .catch((error: unknown) =>
          logger.error({ err: error, shardId: shard.id }, 'respawned shard is not ready'),
        );
    }, delay);
    respawnTimers.add(timer);
  };

  manager.on('shardCreate', (shard) => {
    shard.env = shardChildEnv(options.env, { id: shard.id, count });
    shard.on('spawn', (spawned) => {
      // mode 'process': a ChildProcess, never a Worker.
      const child = spawned as ChildProcess;
      logger.info({ shardId: shard.id, pid: child.pid }, 'shard process started');
      child.once('exit', (code, signal) => onDeath(shard, code, signal));
    });
    shard.on('ready', () => logger.info({ shardId: shard.id }, 'shard ready'));
  });

  const stop = (signal: string) => {
    if (stopSignal.signal.aborted) return;
    logger.info({ signal, shards: manager.shards.size }, 'stopping every shard');
    stopSignal.abort();
    for (const timer of respawnTimers) clearTimeout(timer);
    for (const shard of manager.shards.values()) shard.process?.kill('SIGTERM');
    settle();
  };
  const onSignal = (signal: NodeJS.Signals) => stop(signal);
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    logger.info({ shards: options.ids, count }, 'starting shards');
    for (const [index, id] of options.ids.entries()) {
      if (stopSignal.signal.aborted) break;
      const shard = manager.createShard(id);
      const ready = shard.spawn(READY_TIMEOUT_MS);
      const spaced =
        index < options.ids.length - 1
          ? sleep(SPAWN_DELAY_MS, undefined, { signal: stopSignal.signal }).catch(() => undefined)
          : undefined;
      try {
        await Promise.all([ready, spaced]);
      } catch (error) {
        if (stopSignal.signal.aborted) break;
        logger.error(
          { err: error, shardId: id },
          'a shard stopped before it was ready (its log above says why); stopping every shard',
        );
        stop('startup failure');
        await allStopped;
        return 1;
      }
    }
    if (!stopSignal.signal.aborted) {
      started = true;
      logger.info({ shards: options.ids, count }, 'every shard is ready');
    }
    await new Promise<void>((resolve) => {
      if (stopSignal.signal.aborted) resolve();
      else stopSignal.signal.addEventListener('abort', () => resolve(), { once: true });
    });
    await allStopped;
    logger.info({ failedStops }, 'every shard stopped');
    return failedStops === 0 ? 0 : 1;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
