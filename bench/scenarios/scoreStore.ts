import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { JsonScoreStore } from '../../src/store/JsonScoreStore.ts';
import type { QuestionResult } from '../../src/store/ScoreStore.ts';
import type { Scenario } from '../benchTypes.ts';
import { median, round2 } from '../percentile.ts';
import { scoreStoreResults } from '../scoreStoreData.ts';

const MEMBERS = { full: 100_000, quick: 100_000, tiny: 5_000 } as const;

/**
 * The JSON score file with 100,000 members in one guild: a flush after one more answer (the
 * snapshot, the write, the fsyncs) and a load into a fresh store (read, parse, check, index).
 */
export const scoreStoreScenario: Scenario = {
  name: 'store',
  async run(context) {
    const members = MEMBERS[context.scale];
    const runs = context.scale === 'full' ? 7 : 3;
    const dir = await mkdtemp(path.join(os.tmpdir(), 'studyquiz-store-'));
    const file = path.join(dir, 'scores.json');
    try {
      const store = new JsonScoreStore(file);
      await store.load();
      let last: QuestionResult | undefined;
      const saves: Promise<void>[] = [];
      for (const result of scoreStoreResults(members)) {
        saves.push(store.record(result));
        last = result;
      }
      await Promise.all(saves);
      const flushes: number[] = [];
      for (let run = 0; run < runs && last; run++) {
        const start = performance.now();
        // Another question each run: the same one again would be recognised and not written.
        await store.record({
          ...last,
          questionId: `${last.questionId}-${run}`,
          at: last.at + run,
          answers: last.answers.slice(0, 1),
        });
        flushes.push(performance.now() - start);
      }
      await store.close();
      const loads: number[] = [];
      for (let run = 0; run < runs; run++) {
        const fresh = new JsonScoreStore(file);
        const start = performance.now();
        await fresh.load();
        loads.push(performance.now() - start);
      }
      const storeFlush100kMs = round2(median(flushes));
      const storeLoad100kMs = round2(median(loads));
      const megabytes = (await stat(file)).size / 1024 ** 2;
      return [
        {
          name: `score store with ${members.toLocaleString('en')} members (median of ${runs})`,
          metrics: { storeFlush100kMs, storeLoad100kMs, storeFileMb: round2(megabytes) },
          goal: 'flush < 250 ms, load < 300 ms',
          pass: storeFlush100kMs < 250 && storeLoad100kMs < 300,
        },
      ];
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
};
