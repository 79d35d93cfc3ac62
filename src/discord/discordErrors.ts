import { DiscordAPIError, HTTPError, RateLimitError } from 'discord.js';

/** Discord error codes after which posting in the channel cannot work until someone acts. */
const CHANNEL_UNUSABLE = new Set([
  10003, // Unknown Channel: it was deleted
  50001, // Missing Access
  50013, // Missing Permissions
]);

export function isChannelUnusable(error: unknown): boolean {
  return (
    error instanceof DiscordAPIError && typeof error.code === 'number' && CHANNEL_UNUSABLE.has(error.code)
  );
}

/** The interaction expired or was already answered: nothing more can be sent through it. */
export function isInteractionGone(error: unknown): boolean {
  return error instanceof DiscordAPIError && (error.code === 10062 || error.code === 40060);
}

/** Interaction and webhook tokens sit in the path of their routes: never log them. */
function withoutTokens(url: string): string {
  return url.replace(/\/(interactions\/\d+|webhooks\/\d+)\/[^/?]+/g, '/$1/…').replace(/\/[\w-]{60,}/g, '/…');
}

/** Loggable fields of a failed Discord call: no raw error, whose URL or request body may hold a token. */
export function describeError(error: unknown): Record<string, unknown> {
  if (error instanceof DiscordAPIError) {
    return { code: error.code, status: error.status, method: error.method, route: withoutTokens(error.url) };
  }
  if (error instanceof HTTPError) {
    return { status: error.status, method: error.method, route: withoutTokens(error.url), error: error.name };
  }
  if (error instanceof RateLimitError) {
    return {
      method: error.method,
      route: withoutTokens(error.route),
      retryAfter: error.retryAfter,
      error: error.name,
    };
  }
  return { err: error };
}
