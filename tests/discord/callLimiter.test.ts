import { describe, expect, it } from 'vitest';
import { createCallLimiter } from '../../src/discord/callLimiter.ts';

describe('the call limiter', () => {
  it('GIVEN more calls than the limit THEN at most the limit run at once and all finish in order of arrival', async () => {
    const limited = createCallLimiter(2);
    let running = 0;
    let most = 0;
    const releases: (() => void)[] = [];
    const started: number[] = [];
    const calls = [0, 1, 2, 3, 4].map((n) =>
      limited(async () => {
        started.push(n);
        running++;
        most = Math.max(most, running);
        await new Promise<void>((resolve) => releases.push(resolve));
        running--;
        return n;
      }),
    );
    while (started.length < 5) {
      await Promise.resolve();
      await new Promise((resolve) => setImmediate(resolve));
      releases.shift()?.();
    }
    for (const release of releases) release();
    expect(await Promise.all(calls)).toEqual([0, 1, 2, 3, 4]);
    expect(started).toEqual([0, 1, 2, 3, 4]);
    expect(most).toBe(2);
  });

  it('GIVEN a call fails THEN its slot is freed for the next one', async () => {
    const limited = createCallLimiter(1);
    await expect(limited(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await limited(async () => 'next')).toBe('next');
  });
});
