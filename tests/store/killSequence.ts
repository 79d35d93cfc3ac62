import type { QuestionResult } from '../../src/store/ScoreStore.ts';

/** The guild and members the SIGKILL writer records for; every result adds one answer. */
export const KILL_GUILD = 'kill-guild';
export const KILL_MEMBERS = ['u0', 'u1', 'u2', 'u3', 'u4'];

/** The i-th result the writer records: the same on every run, so the file can be checked against it. */
export function killResult(i: number): QuestionResult {
  const correct = i % 3 !== 0;
  return {
    guildId: KILL_GUILD,
    roundId: `round-${Math.floor(i / 10)}`,
    questionId: `q${i}`,
    topic: `topic-${i % 2}`,
    concepts: [`concept-${i % 3}`],
    at: Date.UTC(2026, 10, 29) + i * 60_000, // crosses into the next ISO week after 1440 results
    answers: [
      {
        userId: KILL_MEMBERS[i % KILL_MEMBERS.length] ?? 'u0',
        displayName: `Member ${i % KILL_MEMBERS.length}`,
        correct,
        points: correct ? 10 + (i % 7) : 0,
        streak: i % 4,
      },
    ],
  };
}
