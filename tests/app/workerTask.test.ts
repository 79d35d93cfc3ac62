import { describe, expect, it } from 'vitest';
import { runInWorker } from '../../src/app/workerTask.ts';

describe('runInWorker', () => {
  it('GIVEN a task that never ends THEN it is stopped at the time limit', async () => {
    const entry = new URL('../support/spinningWorker.ts', import.meta.url);
    expect(await runInWorker(entry, {}, { timeLimitMs: 50 })).toEqual({ ok: false, reason: 'timed-out' });
  });

  it('GIVEN an entry that fails to load THEN the failure is told, not thrown', async () => {
    const entry = new URL('../support/noSuchWorker.ts', import.meta.url);
    const outcome = await runInWorker(entry, {}, { timeLimitMs: 50 });
    expect(outcome).toMatchObject({ ok: false, reason: 'failed' });
  });
});
