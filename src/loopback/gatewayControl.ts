import type { WaitOptions } from './changeFeed.ts';
import type { GatewayStats, ShardKey } from './gatewayServer.ts';
import type { LoopbackCore } from './loopbackCore.ts';

/** Gateway faults and waits: what Discord does to a connected bot, and how a test sees it recover. */
export class GatewayControl {
  readonly #core: LoopbackCore;

  constructor(core: LoopbackCore) {
    this.#core = core;
  }

  get stats(): Readonly<GatewayStats> {
    return this.#core.gateway.stats;
  }

  /** Op 7: discord.js reconnects and RESUMEs; events dispatched meanwhile are replayed. */
  reconnect(): void {
    this.#core.gateway.reconnect();
  }

  /** Op 9: with `resumable` false (default) the session is dropped and the bot must IDENTIFY again. */
  invalidateSession(resumable = false): void {
    this.#core.gateway.invalidateSession(resumable);
  }

  /** Closes the socket with `code` (default 4000, which discord.js resumes from). */
  closeSocket(code = 4000): void {
    this.#core.gateway.closeSockets(code);
  }

  /** Drops the TCP connection without a close frame. */
  terminate(): void {
    this.#core.gateway.closeSockets(1006, { terminate: true });
  }

  /** Resolves when a session with a live socket exists (after READY or RESUMED). */
  waitUntilOnline(options: WaitOptions = {}): Promise<true> {
    return this.#core.feed.waitFor(() => this.#core.gateway.liveSessions > 0, {
      description: 'the bot to be connected',
      ...options,
    });
  }

  /** Makes `GET /gateway/bot` recommend `count` shards (what `--shards auto` asks for). */
  recommendShards(count: number): void {
    this.#core.recommendedShards = count;
  }

  /** The `[id, count]` of each session with a live socket. */
  get liveShards(): ShardKey[] {
    return this.#core.gateway.liveShards;
  }

  /** Resolves when shard `id` of `count` has a session with a live socket. */
  waitUntilShardOnline(id: number, count: number, options: WaitOptions = {}): Promise<true> {
    return this.#core.feed.waitFor(
      () => this.#core.gateway.liveShards.some(([i, n]) => i === id && n === count),
      { description: `shard [${id}, ${count}] to be connected`, ...options },
    );
  }

  /** Resolves once `count` RESUMEs in total have succeeded. */
  waitForResumes(count: number, options: WaitOptions = {}): Promise<true> {
    return this.#core.feed.waitFor(() => this.stats.resumes >= count, {
      description: `${count} gateway RESUME(s)`,
      ...options,
    });
  }

  /** Resolves once `count` IDENTIFYs in total were accepted. */
  waitForIdentifies(count: number, options: WaitOptions = {}): Promise<true> {
    return this.#core.feed.waitFor(() => this.stats.identifies >= count, {
      description: `${count} gateway IDENTIFY(s)`,
      ...options,
    });
  }
}
