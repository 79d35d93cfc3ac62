import { DiscordAPIError, HTTPError, Routes } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { harnessPerTest, sendable } from './harness.ts';

const harnesses = harnessPerTest();

const createMessage = 'POST /channels/:channelId/messages';
const editMessage = 'PATCH /channels/:channelId/messages/:messageId';

describe('rate limits and server faults as discord.js meets them', () => {
  it('GIVEN a 429 with Retry-After THEN discord.js waits and retries, and the 429 is counted', async () => {
    const harness = await harnesses.start();
    const { loopback } = harness;
    loopback.driver.faults.rateLimit(createMessage, { times: 2, retryAfterMs: 30 });
    const message = await sendable(harness).send('Question 1');
    expect(message.content).toBe('Question 1');
    expect(loopback.driver.rateLimitedCount).toBe(2);
    expect(loopback.driver.messages(harness.channelId)).toHaveLength(1);
    const posts = loopback.driver.requests.filter((r) => r.routeKey === createMessage).map((r) => r.status);
    expect(posts).toEqual([429, 429, 200]);
  });

  it('GIVEN a per-channel edit bucket THEN discord.js reads the headers and waits instead of hitting 429', async () => {
    const harness = await harnesses.start({
      loopback: {
        rateLimits: {
          rules: [{ route: editMessage, limit: 2, windowMs: 150, per: 'channelId' }],
          fallback: null,
          global: null,
        },
      },
    });
    const { loopback } = harness;
    const message = await sendable(harness).send('tick 0');
    for (let i = 1; i <= 5; i++) await message.edit(`tick ${i}`);
    const edits = loopback.driver.requests.filter((r) => r.routeKey === editMessage);
    expect(edits.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(loopback.driver.rateLimitedCount).toBe(0);
    expect(loopback.driver.messages(harness.channelId)[0]?.history).toHaveLength(5);
  });

  it('GIVEN edits that bypass the queue THEN the bucket answers 429 with Discord headers', async () => {
    const harness = await harnesses.start({
      loopback: {
        rateLimits: {
          rules: [{ route: editMessage, limit: 2, windowMs: 60_000, per: 'channelId' }],
          fallback: null,
          global: null,
        },
      },
    });
    const message = await sendable(harness).send('tick');
    const url = `${harness.loopback.apiUrl}/v10${Routes.channelMessage(harness.channelId, message.id)}`;
    const edit = (content: string) =>
      fetch(url, {
        method: 'PATCH',
        headers: { authorization: `Bot ${harness?.loopback.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ content }),
      });
    const first = await edit('a');
    expect(first.headers.get('x-ratelimit-limit')).toBe('2');
    expect(first.headers.get('x-ratelimit-remaining')).toBe('1');
    const bucket = first.headers.get('x-ratelimit-bucket');
    expect((await edit('b')).headers.get('x-ratelimit-remaining')).toBe('0');
    const third = await edit('c');
    expect(third.status).toBe(429);
    expect(third.headers.get('x-ratelimit-bucket')).toBe(bucket);
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await third.json()).toMatchObject({ message: 'You are being rate limited.', global: false });
    expect(harness.loopback.driver.rateLimitedCount).toBe(1);
  });

  it('GIVEN 5xx answers THEN discord.js retries up to 3 times, then gives up', async () => {
    const harness = await harnesses.start();
    const { loopback } = harness;
    loopback.driver.faults.serverError(createMessage, { times: 3, status: 502 });
    expect((await sendable(harness).send('after three 502s')).content).toBe('after three 502s');
    loopback.driver.faults.serverError(createMessage, { times: 4, status: 500 });
    const error = await sendable(harness)
      .send('never')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HTTPError);
    expect((error as HTTPError).status).toBe(500);
    expect(loopback.driver.messages(harness.channelId).map((m) => m.content)).toEqual(['after three 502s']);
  });

  it('GIVEN a hung response THEN discord.js times out and retries', async () => {
    const harness = await harnesses.start({ client: { rest: { timeout: 300 } } });
    const { loopback } = harness;
    loopback.driver.faults.hang(createMessage);
    const sent = sendable(harness).send('eventually');
    await loopback.driver.waitFor(() =>
      loopback.driver.requests.some((r) => r.routeKey === createMessage && r.status === 0),
    );
    expect((await sent).content).toBe('eventually');
    const statuses = loopback.driver.requests
      .filter((r) => r.routeKey === createMessage)
      .map((r) => r.status);
    expect(statuses).toEqual([0, 200]);
  });

  it('GIVEN an injected Discord error THEN discord.js surfaces it as a DiscordAPIError', async () => {
    const harness = await harnesses.start();
    harness.loopback.driver.faults.apiError(createMessage, {
      status: 403,
      code: 50001,
      message: 'Missing Access',
    });
    const error = await sendable(harness)
      .send('x')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DiscordAPIError);
    expect((error as DiscordAPIError).code).toBe(50001);
  });
});
