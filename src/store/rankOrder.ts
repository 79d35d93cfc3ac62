/**
 * What a leaderboard sorts on, for all time or for one week. A class, so that every item in a
 * rank index has the same shape and comparisons stay fast.
 */
export class Standing {
  points = 0;
  answered = 0;
  correct = 0;

  constructor(
    readonly userId: string,
    /** The member's position in its guild's member list. */
    readonly slot: number,
    /** Close time of the question that last raised `points` or `correct` (the first answer's, before). */
    public reachedAt: number,
  ) {}
}

/**
 * Leaderboard order, a total order so ranks are deterministic: more points first; on equal
 * points, more correct answers; then whoever reached that score first; then user id (ascending,
 * by code unit) for members who reached it on the same question.
 */
export function rankOrder(a: Standing, b: Standing): number {
  return (
    b.points - a.points ||
    b.correct - a.correct ||
    a.reachedAt - b.reachedAt ||
    (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0)
  );
}
