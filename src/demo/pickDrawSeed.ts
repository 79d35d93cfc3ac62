import { drawQuestions } from '../core/drawQuestions.ts';
import type { Question } from '../core/question.ts';
import { seededRandom } from '../core/random.ts';

const TRIES = 500;

/**
 * A seed for the bot's random source whose first draw mixes question types, so a short demo
 * shows multiple choice, true/false and typed answers rather than four of a kind. The bot draws
 * exactly as here: same pool, same filter, same count, first use of its random source.
 */
export function pickDrawSeed(
  pool: readonly Question[],
  topic: string | undefined,
  count: number,
  seed: number,
): number {
  const available = new Set(
    pool.filter((q) => q.type !== 'open' && (topic === undefined || q.topic === topic)).map((q) => q.type),
  );
  const wanted = Math.min(count, available.size);
  let best = { seed, score: -1 };
  for (let i = 0; i < TRIES; i++) {
    const candidate = (seed + i) >>> 0;
    const drawn = drawQuestions(pool, { topic }, count, seededRandom(candidate));
    const types = new Set(drawn.filter((q) => q.type !== 'open').map((q) => q.type));
    const opensWithDiscussion = drawn[0]?.type === 'open';
    const score = types.size * 2 + (opensWithDiscussion ? 0 : 1);
    if (types.size >= wanted && !opensWithDiscussion) return candidate;
    if (score > best.score) best = { seed: candidate, score };
  }
  return best.seed;
}
