import type { Clock } from './clock.ts';
import { loopbackRoutes as r } from './loopbackRoutes.ts';

export interface RateLimitRule {
  /** `METHOD /template`, e.g. `loopbackRoutes.editMessage`. */
  route: string;
  limit: number;
  windowMs: number;
  /** The route parameter that splits the bucket (Discord's "major parameter"), e.g. `channelId`. */
  per?: string;
}

export interface RateLimitConfig {
  rules: RateLimitRule[];
  /** Applied per route and major parameter to routes without a rule; null leaves them unlimited. */
  fallback: { limit: number; windowMs: number } | null;
  /** Discord's global limit per bot token (interaction callbacks and webhook tokens are exempt). */
  global: { limit: number; windowMs: number } | null;
}

/** Values close to Discord's, as observed by bot developers (Discord does not publish them). */
export const discordRateLimits: RateLimitConfig = {
  rules: [
    { route: r.createMessage, limit: 5, windowMs: 5000, per: 'channelId' },
    { route: r.editMessage, limit: 5, windowMs: 5000, per: 'channelId' },
    { route: r.deleteMessage, limit: 5, windowMs: 1000, per: 'channelId' },
    { route: r.followUp, limit: 5, windowMs: 2000, per: 'token' },
    { route: r.editWebhookMessage, limit: 5, windowMs: 2000, per: 'token' },
    { route: r.putGlobalCommands, limit: 2, windowMs: 60_000 },
    { route: r.putGuildCommands, limit: 2, windowMs: 60_000, per: 'guildId' },
  ],
  fallback: { limit: 50, windowMs: 1000 },
  global: { limit: 50, windowMs: 1000 },
};

export const noRateLimits: RateLimitConfig = { rules: [], fallback: null, global: null };

interface Bucket {
  hash: string;
  limit: number;
  windowMs: number;
  used: number;
  resetAt: number;
}

export type RateLimitVerdict =
  | { limited: false; headers: Record<string, string> }
  | { limited: true; headers: Record<string, string>; retryAfterMs: number; global: boolean };

const seconds = (ms: number) => (Math.max(0, ms) / 1000).toFixed(3);

/** Fixed-window buckets with Discord's X-RateLimit-* headers; the bucket hash is stable per rule. */
export class RateLimiter {
  readonly #rules = new Map<string, { rule: RateLimitRule; hash: string }>();
  readonly #buckets = new Map<string, Bucket>();
  readonly #config: RateLimitConfig;
  readonly #clock: Clock;
  #global: Bucket | null;

  constructor(config: RateLimitConfig, clock: Clock) {
    this.#config = config;
    this.#clock = clock;
    config.rules.forEach((rule, i) => {
      this.#rules.set(rule.route, { rule, hash: `loopback-${i.toString(16).padStart(4, '0')}` });
    });
    this.#global = config.global
      ? { hash: 'global', limit: config.global.limit, windowMs: config.global.windowMs, used: 0, resetAt: 0 }
      : null;
  }

  check(
    routeKey: string,
    params: Readonly<Record<string, string>>,
    countsGlobally: boolean,
  ): RateLimitVerdict {
    const now = this.#clock();
    if (countsGlobally && this.#global) {
      const global = this.#global;
      if (now >= global.resetAt) {
        global.used = 0;
        global.resetAt = now + global.windowMs;
      }
      if (global.used >= global.limit) {
        const retryAfterMs = global.resetAt - now;
        return {
          limited: true,
          global: true,
          retryAfterMs,
          headers: {
            'Retry-After': seconds(retryAfterMs),
            'X-RateLimit-Global': 'true',
            'X-RateLimit-Scope': 'global',
          },
        };
      }
      global.used++;
    }
    const bucket = this.#bucketFor(routeKey, params, now);
    if (!bucket) return { limited: false, headers: {} };
    if (now >= bucket.resetAt) {
      bucket.used = 0;
      bucket.resetAt = now + bucket.windowMs;
    }
    const resetAfter = bucket.resetAt - now;
    const headers: Record<string, string> = {
      'X-RateLimit-Limit': String(bucket.limit),
      'X-RateLimit-Reset': seconds(bucket.resetAt),
      'X-RateLimit-Reset-After': seconds(resetAfter),
      'X-RateLimit-Bucket': bucket.hash,
    };
    if (bucket.used >= bucket.limit) {
      headers['X-RateLimit-Remaining'] = '0';
      headers['Retry-After'] = seconds(resetAfter);
      headers['X-RateLimit-Scope'] = 'user';
      return { limited: true, global: false, retryAfterMs: resetAfter, headers };
    }
    bucket.used++;
    headers['X-RateLimit-Remaining'] = String(bucket.limit - bucket.used);
    return { limited: false, headers };
  }

  #bucketFor(routeKey: string, params: Readonly<Record<string, string>>, now: number): Bucket | null {
    const entry = this.#rules.get(routeKey);
    let key: string;
    let hash: string;
    let limit: number;
    let windowMs: number;
    if (entry) {
      const major = entry.rule.per ? (params[entry.rule.per] ?? '') : '';
      key = `${entry.hash}:${major}`;
      ({ hash } = entry);
      ({ limit, windowMs } = entry.rule);
    } else {
      const fallback = this.#config.fallback;
      if (!fallback) return null;
      const major = params.channelId ?? params.guildId ?? params.token ?? '';
      key = `${routeKey}:${major}`;
      hash = `loopback-${routeKey.replace(/[^a-z]+/gi, '-').toLowerCase()}`;
      ({ limit, windowMs } = fallback);
    }
    let bucket = this.#buckets.get(key);
    if (!bucket) {
      bucket = { hash, limit, windowMs, used: 0, resetAt: now + windowMs };
      this.#buckets.set(key, bucket);
    }
    return bucket;
  }
}
