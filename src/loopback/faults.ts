import type { ServerResponse } from 'node:http';

/** A request as faults see it. */
export interface FaultTarget {
  method: string;
  path: string;
  /** `METHOD /template`, or null for an unknown route. */
  routeKey: string | null;
}

/** `METHOD /template` (see `loopbackRoutes`), `METHOD /concrete/path`, `* /template`, or a predicate. */
export type RouteMatcher = string | ((target: FaultTarget) => boolean);

export type FaultAction =
  | { kind: 'rateLimit'; retryAfterMs: number; global: boolean }
  | { kind: 'status'; status: number; code: number; message: string }
  | { kind: 'hang' };

interface Fault {
  match: RouteMatcher;
  remaining: number;
  action: FaultAction;
}

function matches(match: RouteMatcher, target: FaultTarget): boolean {
  if (typeof match === 'function') return match(target);
  const space = match.indexOf(' ');
  const method = match.slice(0, space);
  const route = match.slice(space + 1);
  if (method !== '*' && method !== target.method) return false;
  return (
    route === target.path ||
    (target.routeKey !== null && route === target.routeKey.slice(target.routeKey.indexOf(' ') + 1))
  );
}

/**
 * Scripted failures for the next matching requests. Each rule fires `times` times, before
 * rate limits and before the route runs, so the world is not changed by a failed request.
 */
export class Faults {
  readonly #faults: Fault[] = [];
  readonly #hung = new Set<ServerResponse>();
  /** Notified when a request is held, so tests can await it. */
  onHang: () => void = () => {};

  /** The next `times` matching requests answer 429 with Retry-After. */
  rateLimit(
    match: RouteMatcher,
    options: { times?: number; retryAfterMs?: number; global?: boolean } = {},
  ): void {
    this.#add(match, options.times, {
      kind: 'rateLimit',
      retryAfterMs: options.retryAfterMs ?? 20,
      global: options.global ?? false,
    });
  }

  /** The next `times` matching requests answer a 5xx (discord.js retries those up to 3 times). */
  serverError(match: RouteMatcher, options: { times?: number; status?: number } = {}): void {
    const status = options.status ?? 500;
    this.#add(match, options.times, {
      kind: 'status',
      status,
      code: 0,
      message: `${status}: Internal Server Error`,
    });
  }

  /** The next `times` matching requests answer this Discord error. */
  apiError(
    match: RouteMatcher,
    error: { status: number; code: number; message: string; times?: number },
  ): void {
    this.#add(match, error.times, {
      kind: 'status',
      status: error.status,
      code: error.code,
      message: error.message,
    });
  }

  /** The next `times` matching requests never get an answer (until `releaseHung` or close). */
  hang(match: RouteMatcher, options: { times?: number } = {}): void {
    this.#add(match, options.times, { kind: 'hang' });
  }

  clear(): void {
    this.#faults.length = 0;
  }

  get hungCount(): number {
    return this.#hung.size;
  }

  /** Drops the held requests' connections, as a dead proxy would. */
  releaseHung(): void {
    for (const res of this.#hung) res.socket?.destroy();
    this.#hung.clear();
  }

  /** @internal Consumes the first matching fault, if any. */
  take(target: FaultTarget): FaultAction | null {
    if (this.#faults.length === 0) return null;
    const index = this.#faults.findIndex((fault) => matches(fault.match, target));
    if (index < 0) return null;
    const fault = this.#faults[index] as Fault;
    fault.remaining--;
    if (fault.remaining <= 0) this.#faults.splice(index, 1);
    return fault.action;
  }

  /** @internal */
  hold(res: ServerResponse): void {
    this.#hung.add(res);
    res.on('close', () => this.#hung.delete(res));
    this.onHang();
  }

  #add(match: RouteMatcher, times: number | undefined, action: FaultAction): void {
    this.#faults.push({ match, remaining: times ?? 1, action });
  }
}
