import type { Difficulty, Question } from './question.ts';
import { type Random, shuffled } from './random.ts';

export interface DrawFilter {
  topic?: string | undefined;
  difficulty?: Difficulty | undefined;
}

export function matchingQuestions(pool: readonly Question[], filter: DrawFilter): Question[] {
  return pool.filter(
    (question) =>
      (filter.topic === undefined || question.topic === filter.topic) &&
      (filter.difficulty === undefined || question.difficulty === filter.difficulty),
  );
}

/** Up to `count` distinct questions matching the filter, in a random order. */
export function drawQuestions(
  pool: readonly Question[],
  filter: DrawFilter,
  count: number,
  random: Random,
): Question[] {
  return shuffled(matchingQuestions(pool, filter), random).slice(0, Math.max(0, count));
}
