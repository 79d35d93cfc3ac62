import type pg from 'pg';
import type { MemberStats, TallyStat } from '../ScoreStore.ts';

const MEMBER_STATS = `
SELECT m.display_name, m.points, m.answered, m.correct, m.best_streak,
       (SELECT coalesce(json_agg(json_build_array(t.key, (t.value ->> 0)::integer, (t.value ->> 1)::integer)), '[]')
        FROM jsonb_each(m.topics) t) AS topics,
       (SELECT coalesce(json_agg(json_build_array(c.key, (c.value ->> 0)::integer, (c.value ->> 1)::integer)), '[]')
        FROM jsonb_each(m.concepts) c) AS concepts
FROM members m
WHERE m.guild_id = $1 AND m.user_id = $2`;

type TallyRow = [key: string, answered: number, correct: number];

/** One member's totals and tallies (jsonb columns of the same row), by primary key. */
export async function memberStats(
  pool: pg.Pool,
  guildId: string,
  userId: string,
): Promise<MemberStats | undefined> {
  const found = await pool.query<{
    display_name: string;
    points: string;
    answered: number;
    correct: number;
    best_streak: number;
    topics: TallyRow[];
    concepts: TallyRow[];
  }>({ name: 'studyquiz-member-stats', text: MEMBER_STATS, values: [guildId, userId] });
  const row = found.rows[0];
  if (!row) return undefined;
  return {
    userId,
    displayName: row.display_name,
    points: Number(row.points),
    answered: row.answered,
    correct: row.correct,
    bestStreak: row.best_streak,
    topics: talliesOf(row.topics),
    concepts: talliesOf(row.concepts),
  };
}

function talliesOf(rows: readonly TallyRow[]): Record<string, TallyStat> {
  const tallies: Record<string, TallyStat> = {};
  for (const [key, answered, correct] of rows) {
    // An own property even for a key such as `__proto__`.
    Object.defineProperty(tallies, key, {
      value: { answered, correct },
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return tallies;
}
