import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadBank } from '../../src/bank/loadBank.ts';
import type { Scenario } from '../benchTypes.ts';
import { generateBank } from '../generateBank.ts';
import { median, round2 } from '../percentile.ts';

const QUESTIONS = { full: 10_000, quick: 10_000, tiny: 500 } as const;

/** Reads and validates a bank of all four question types in 20 topic files, as `studyquiz start` does. */
export const bankLoadScenario: Scenario = {
  name: 'bank',
  async run(context) {
    const questions = QUESTIONS[context.scale];
    const dir = await mkdtemp(path.join(os.tmpdir(), 'studyquiz-bank-'));
    try {
      await generateBank(dir, { questions, topics: 20, concepts: 300 });
      const times: number[] = [];
      for (let run = 0; run < (context.scale === 'full' ? 7 : 3); run++) {
        const start = performance.now();
        const { bank, issues } = await loadBank([dir]);
        times.push(performance.now() - start);
        if (issues.length > 0 || bank.questions.length !== questions)
          throw new Error(`the generated bank did not load: ${JSON.stringify(issues.slice(0, 3))}`);
      }
      const bankLoad10kMs = round2(median(times));
      return [
        {
          name: `load and validate a ${questions.toLocaleString('en')}-question bank (median of ${times.length})`,
          metrics: { bankLoad10kMs, bankLoad10kFirstMs: round2(times[0] ?? Number.NaN) },
          goal: 'bankLoad10kMs < 500 ms',
          pass: bankLoad10kMs < 500,
        },
      ];
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
};
