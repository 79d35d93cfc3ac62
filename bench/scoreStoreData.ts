import type { QuestionResult } from '../src/store/ScoreStore.ts';

/**
 * Results that give one guild `members` members, each with a few answers across topics,
 * concepts and two ISO weeks: every column and tally table of the score file is populated.
 */
export function* scoreStoreResults(members: number, guildId = 'bench-guild'): Generator<QuestionResult> {
  const questions = 6;
  const batch = 1000;
  const start = Date.UTC(2026, 10, 20, 12);
  for (let q = 0; q < questions; q++) {
    for (let from = 0; from < members; from += batch) {
      const answers = [];
      for (let m = from; m < Math.min(members, from + batch); m++) {
        const correct = (m * 7 + q) % 3 !== 0;
        answers.push({
          userId: String(100_000_000_000_000_000n + BigInt(m)),
          displayName: `Member ${m}`,
          correct,
          points: correct ? 100 : 0,
          streak: correct ? 1 + (q % 3) : 0,
        });
      }
      yield {
        guildId,
        roundId: `round-${q}-${from}`,
        questionId: `q-${q}`,
        topic: `topic-${q % 3}`,
        concepts: [`concept-${q}`, `concept-${(q + 1) % questions}`],
        // Two ISO weeks: the first questions last week, the rest this week.
        at: start + q * 2 * 24 * 3_600_000 + from,
        answers,
      };
    }
  }
}
