import { afterEach, describe, expect, it } from 'vitest';
import { recommendedShardCount } from '../../src/cli/shards/recommendedShardCount.ts';
import { type Loopback, startLoopback } from '../../src/loopback/index.ts';
import { freePort } from '../support/startPostgres.ts';

let loopback: Loopback | undefined;
afterEach(async () => {
  await loopback?.close();
  loopback = undefined;
});

describe('--shards auto', () => {
  it('GIVEN DISCORD_API_URL THEN the count comes from its GET /gateway/bot', async () => {
    loopback = await startLoopback({ shards: 3 });
    expect(await recommendedShardCount(loopback.token, loopback.apiUrl)).toBe(3);
    loopback.driver.gateway.recommendShards(5);
    expect(await recommendedShardCount(`Bot ${loopback.token}`, `${loopback.apiUrl}/`)).toBe(5);
    expect(loopback.driver.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /gateway/bot',
      'GET /gateway/bot',
    ]);
  });

  it('GIVEN a token the server refuses THEN it says to copy the token again, without printing it', async () => {
    loopback = await startLoopback();
    const wrong = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.Wrong.tokentokentokentoken';
    const attempt = recommendedShardCount(wrong, loopback.apiUrl);
    await expect(attempt).rejects.toThrow(/Discord refused DISCORD_TOKEN\. Copy the bot token again/);
    await expect(attempt).rejects.not.toThrow(wrong);
  });

  it('GIVEN nothing listening at DISCORD_API_URL THEN it names the host and offers a number instead', async () => {
    const port = await freePort();
    await expect(
      recommendedShardCount('a-token-of-some-length', `http://127.0.0.1:${port}/api`),
    ).rejects.toThrow(
      new RegExp(
        `could not ask 127\\.0\\.0\\.1:${port} \\(DISCORD_API_URL\\) for the recommended shard count .*--shards 2`,
      ),
    );
  });
});
