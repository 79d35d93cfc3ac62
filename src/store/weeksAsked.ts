import { WEEKLY_HISTORY_WEEKS } from './ScoreStore.ts';

/** How many weeks of history a store reports for a request: 1…WEEKLY_HISTORY_WEEKS, whole. */
export function weeksAsked(weeks: number): number {
  if (!Number.isFinite(weeks)) return WEEKLY_HISTORY_WEEKS;
  return Math.min(WEEKLY_HISTORY_WEEKS, Math.max(1, Math.floor(weeks)));
}
