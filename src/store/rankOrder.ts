/** What a leaderboard sorts on, by row: a guild's members for all time, or one week's rows. */
export interface RankColumns {
  readonly points: readonly number[];
  readonly correct: readonly number[];
  readonly reachedAt: readonly number[];
}

/**
 * Leaderboard order over rows of `columns`, a total order so ranks are deterministic: more points
 * first; on equal points, more correct answers; then whoever reached that score first; then user
 * id (ascending, by code unit) for members who reached it on the same question. `reachedAt` is the
 * close time of the question that last raised points or correct answers (the first answer's, before).
 */
export function rankOrder(
  columns: RankColumns,
  userIdOf: (row: number) => string,
): (a: number, b: number) => number {
  const { points, correct, reachedAt } = columns;
  return (a, b) => {
    const byScore =
      (points[b] as number) - (points[a] as number) ||
      (correct[b] as number) - (correct[a] as number) ||
      (reachedAt[a] as number) - (reachedAt[b] as number);
    if (byScore !== 0 || a === b) return byScore;
    const idA = userIdOf(a);
    const idB = userIdOf(b);
    return idA < idB ? -1 : idA > idB ? 1 : 0;
  };
}
