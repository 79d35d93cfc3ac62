import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadBank } from '../../src/bank/loadBank.ts';
import { truncate } from '../../src/discord/render/text.ts';
import type { Scenario } from '../benchTypes.ts';
import { generateBank } from '../generateBank.ts';
import { percentile, round2 } from '../percentile.ts';

/**
 * What `/explain`'s autocomplete computes for each keystroke (search plus the choice list), over
 * 1,000 concepts with three names each. The typed text is every prefix of real titles and aliases,
 * plus typos, so the exact, prefix, substring and near-miss paths are all taken.
 */
export const autocompleteScenario: Scenario = {
  name: 'autocomplete',
  async run(context) {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'studyquiz-glossary-'));
    try {
      await generateBank(dir, { questions: 20, topics: 1, concepts: 1000 });
      const { bank } = await loadBank([dir]);
      const glossary = bank.glossary;
      const typed: string[] = [];
      const sample = glossary.concepts.filter((_, i) => i % (context.scale === 'tiny' ? 50 : 10) === 0);
      for (const concept of sample) {
        for (const name of [concept.title, ...concept.aliases]) {
          for (let length = 1; length <= name.length; length += 2) typed.push(name.slice(0, length));
          typed.push(`${name.slice(0, 3)}x${name.slice(4, 9)}`);
        }
      }
      const times: number[] = [];
      let choices = 0;
      for (const text of typed) {
        const start = performance.now();
        const list = glossary
          .search(text, 25)
          .map((concept) => ({ name: truncate(concept.title, 100), value: concept.id }));
        times.push(performance.now() - start);
        choices += list.length;
      }
      if (choices === 0) throw new Error('autocomplete found nothing');
      const autocompleteP99Ms = round2(percentile(times, 99));
      return [
        {
          name: `autocomplete over ${glossary.size} concepts (${times.length} keystrokes)`,
          metrics: { autocompleteP99Ms, autocompleteP50Ms: round2(percentile(times, 50)) },
          goal: 'p99 < 2 ms',
          pass: autocompleteP99Ms < 2,
        },
      ];
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
};
