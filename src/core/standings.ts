export interface Standing {
  rank: number;
  userId: string;
  displayName: string;
  points: number;
  correct: number;
  answered: number;
  bestStreak: number;
}

interface Tally extends Omit<Standing, 'rank'> {
  totalAnswerMs: number;
}

/**
 * Orders players by points, then correct answers, then the less total answering time, then
 * user id, so that ties always come out the same way. Equal points and correct answers share a rank.
 */
export function rankStandings(tallies: readonly Tally[]): Standing[] {
  const sorted = [...tallies].sort(
    (a, b) =>
      b.points - a.points ||
      b.correct - a.correct ||
      a.totalAnswerMs - b.totalAnswerMs ||
      (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0),
  );
  let previous: Tally | undefined;
  let rank = 0;
  return sorted.map((tally, position) => {
    if (!previous || previous.points !== tally.points || previous.correct !== tally.correct)
      rank = position + 1;
    previous = tally;
    return {
      rank,
      userId: tally.userId,
      displayName: tally.displayName,
      points: tally.points,
      correct: tally.correct,
      answered: tally.answered,
      bestStreak: tally.bestStreak,
    };
  });
}
