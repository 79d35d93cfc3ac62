import type { Agent, Dispatcher } from 'undici';

/** Discord's codes for an interaction that can no longer be answered (expired, or answered already). */
const GONE_CODES = new Set([10062, 40060]);
const DISCORD_API = 'https://discord.com/api';
const JSON_HEADERS = { 'content-type': 'application/json' };

export class InteractionCallbackError extends Error {
  override readonly name = 'InteractionCallbackError';

  constructor(
    readonly status: number,
    readonly code: number | undefined,
  ) {
    super(
      `Discord refused an interaction callback: HTTP ${status}${code === undefined ? '' : `, code ${code}`}`,
    );
  }
}

interface CallbackOutcome {
  status: number;
  /** Only read when Discord refused: a success's body is dropped unread. */
  body: string;
  retryAfter: string | undefined;
}

/**
 * One response, read through undici's low-level handler interface: a success is a status and
 * nothing else, so no body stream, header object or request wrapper is made per click.
 */
class CallbackResponse implements Dispatcher.DispatchHandlers {
  #status = 0;
  #chunks: Buffer[] | undefined;
  #retryAfter: string | undefined;
  readonly #settle: (error: Error | undefined, outcome: CallbackOutcome) => void;

  constructor(settle: (error: Error | undefined, outcome: CallbackOutcome) => void) {
    this.#settle = settle;
  }

  onConnect(): void {}

  onHeaders(statusCode: number, headers: Buffer[] | string[] | null): boolean {
    this.#status = statusCode;
    if (statusCode >= 300) {
      this.#chunks = [];
      for (let i = 0; headers && i < headers.length; i += 2) {
        if (String(headers[i]).toLowerCase() === 'retry-after') this.#retryAfter = String(headers[i + 1]);
      }
    }
    return true;
  }

  onData(chunk: Buffer): boolean {
    this.#chunks?.push(chunk);
    return true;
  }

  onComplete(): void {
    const body = this.#chunks ? Buffer.concat(this.#chunks).toString('utf8') : '';
    this.#settle(undefined, { status: this.#status, body, retryAfter: this.#retryAfter });
  }

  onError(error: Error): void {
    this.#settle(error, { status: 0, body: '', retryAfter: undefined });
  }
}

/**
 * Sends interaction callbacks with one plain request on the bot's kept-alive pool. discord.js's
 * REST client would queue each one behind a rate-limit handler made for its route, and every
 * interaction has a route of its own; callbacks carry no bot token and no per-route limit.
 * Resolves false when the interaction is gone (expired or already answered).
 */
export function interactionCallbacks(agent: Agent, apiUrl: string | undefined) {
  const base = new URL(apiUrl ?? DISCORD_API);
  const origin = base.origin;
  const prefix = `${base.pathname.replace(/\/$/, '')}/v10/interactions/`;

  function send(path: string, body: string): Promise<CallbackOutcome> {
    return new Promise((resolve, reject) => {
      agent.dispatch(
        { origin, path, method: 'POST', headers: JSON_HEADERS, body },
        new CallbackResponse((error, outcome) => (error ? reject(error) : resolve(outcome))),
      );
    });
  }

  async function post(path: string, body: string, retried: boolean): Promise<boolean> {
    const response = await send(path, body);
    if (response.status < 300) return true;
    const code = codeOf(response.body);
    if (code !== undefined && GONE_CODES.has(code)) return false;
    const retryable = response.status === 429 || response.status >= 500;
    if (retryable && !retried) {
      await new Promise((resolve) => setTimeout(resolve, retryAfterMs(response.retryAfter)));
      return post(path, body, true);
    }
    throw new InteractionCallbackError(response.status, code);
  }

  return (interactionId: string, token: string, body: string) =>
    post(`${prefix}${interactionId}/${token}/callback`, body, false);
}

function codeOf(text: string): number | undefined {
  try {
    const code = (JSON.parse(text) as { code?: unknown }).code;
    return typeof code === 'number' ? code : undefined;
  } catch {
    return undefined;
  }
}

/** A short, bounded pause: a click's answer must still land within Discord's 3 seconds. */
function retryAfterMs(header: string | undefined): number {
  const seconds = Number(header);
  return Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds * 1000, 1000) : 100;
}
