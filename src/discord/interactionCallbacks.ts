import type { Agent } from 'undici';

/** Discord's codes for an interaction that can no longer be answered (expired, or answered already). */
const GONE_CODES = new Set([10062, 40060]);
const DISCORD_API = 'https://discord.com/api';

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
  const headers = { 'content-type': 'application/json' };

  async function post(
    interactionId: string,
    token: string,
    body: string,
    retried: boolean,
  ): Promise<boolean> {
    const response = await agent.request({
      origin,
      path: `${prefix}${interactionId}/${token}/callback`,
      method: 'POST',
      headers,
      body,
    });
    if (response.statusCode < 300) {
      await response.body.dump();
      return true;
    }
    const text = await response.body.text().catch(() => '');
    const code = codeOf(text);
    if (code !== undefined && GONE_CODES.has(code)) return false;
    const retryable = response.statusCode === 429 || response.statusCode >= 500;
    if (retryable && !retried) {
      await new Promise((resolve) => setTimeout(resolve, retryAfterMs(response.headers['retry-after'])));
      return post(interactionId, token, body, true);
    }
    throw new InteractionCallbackError(response.statusCode, code);
  }

  return (interactionId: string, token: string, body: string) => post(interactionId, token, body, false);
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
function retryAfterMs(header: string | string[] | undefined): number {
  const seconds = Number(Array.isArray(header) ? header[0] : header);
  return Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds * 1000, 1000) : 100;
}
