import type pg from 'pg';
import { lastIsoWeeks } from '../isoWeek.ts';
import type { WeekPoints } from '../ScoreStore.ts';
import { weeksAsked } from '../weeksAsked.ts';

// The primary key (guild_id, week, user_id) finds each week's row; weeks without one are 0.
const WEEKLY_POINTS = `
SELECT week, points FROM weekly_scores
WHERE guild_id = $1 AND user_id = $2 AND week = ANY($3::text[])`;

/** One member's points per ISO week, read from weekly_scores (schema of migration 001). */
export async function weeklyPoints(
  pool: pg.Pool,
  guildId: string,
  userId: string,
  weeks: number,
  now: number,
): Promise<WeekPoints[]> {
  const keys = lastIsoWeeks(now, weeksAsked(weeks));
  const found = await pool.query<{ week: string; points: string }>({
    name: 'studyquiz-weekly-points',
    text: WEEKLY_POINTS,
    values: [guildId, userId, keys],
  });
  const points = new Map(found.rows.map((row) => [row.week, Number(row.points)]));
  return keys.map((week) => ({ week, points: points.get(week) ?? 0 }));
}
