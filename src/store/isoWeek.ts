const DAY_MS = 86_400_000;

/**
 * The ISO 8601 week of an instant, in UTC, as a sortable key such as `2026-W53`.
 * Weeks start on Monday; week 1 is the week holding the year's first Thursday, so the
 * days around New Year can belong to the neighbouring year's weeks.
 */
export function isoWeek(epochMs: number): string {
  const day = Math.floor(epochMs / DAY_MS);
  // 1970-01-01 was a Thursday; Monday = 0 … Sunday = 6.
  const weekday = (((day + 3) % 7) + 7) % 7;
  const thursday = new Date((day - weekday + 3) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const firstOfYear = Date.UTC(year, 0, 1) / DAY_MS;
  const week = Math.floor((thursday.getTime() / DAY_MS - firstOfYear) / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The keys of the `count` ISO weeks ending with the one holding `epochMs`, oldest first. */
export function lastIsoWeeks(epochMs: number, count: number): string[] {
  return Array.from({ length: count }, (_, i) => isoWeek(epochMs - (count - 1 - i) * 7 * DAY_MS));
}
