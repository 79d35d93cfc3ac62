import type { AnswerOutcome, QuestionResult } from '../../src/store/ScoreStore.ts';

export const SUNDAY_LATE = Date.UTC(2026, 10, 29, 23, 59); // Sunday of 2026-W48
export const MONDAY_EARLY = Date.UTC(2026, 10, 30, 0, 0); // Monday of 2026-W49

let questions = 0;

/** A closed question's result with sensible defaults. */
export function result(
  overrides: Partial<QuestionResult> & { answers: readonly AnswerOutcome[] },
): QuestionResult {
  questions++;
  return {
    guildId: 'guild-a',
    roundId: 'round-1',
    questionId: `q${questions}`,
    topic: 'ir-theory',
    concepts: ['security-dilemma'],
    at: SUNDAY_LATE,
    ...overrides,
  };
}

export function right(userId: string, points = 100, streak = 1): AnswerOutcome {
  return { userId, displayName: `Name ${userId}`, correct: true, points, streak };
}

export function wrong(userId: string): AnswerOutcome {
  return { userId, displayName: `Name ${userId}`, correct: false, points: 0, streak: 0 };
}
