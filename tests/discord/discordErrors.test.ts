import { DiscordAPIError, HTTPError } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { describeError } from '../../src/discord/discordErrors.ts';

const TOKEN = 'aW50ZXJhY3Rpb246MTIzNDU2Nzg5OmF3ZXNvbWV0b2tlbg';
const URL = `https://discord.com/api/v10/interactions/123456789012345678/${TOKEN}/callback`;

describe('logging a failed Discord call', () => {
  it('GIVEN a 5xx after retries THEN the fields name the route without the interaction token or the body', () => {
    const fields = describeError(new HTTPError(502, 'Bad Gateway', 'POST', URL, { body: { token: TOKEN } }));
    expect(fields).toEqual({
      status: 502,
      method: 'POST',
      route: 'https://discord.com/api/v10/interactions/123456789012345678/…/callback',
      error: 'HTTPError',
    });
    expect(JSON.stringify(fields)).not.toContain(TOKEN);
  });

  it('GIVEN a Discord error on a webhook route THEN its token is left out too', () => {
    const url = `https://discord.com/api/v10/webhooks/123456789012345678/${TOKEN}/messages/%40original`;
    const error = new DiscordAPIError(
      { code: 10062, message: 'Unknown interaction' },
      10062,
      404,
      'PATCH',
      url,
      {},
    );
    expect(describeError(error)).toMatchObject({ code: 10062, route: expect.not.stringContaining(TOKEN) });
  });
});
