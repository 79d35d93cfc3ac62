import type pg from 'pg';
import type { MemberStats, TallyStat } from '../ScoreStore.ts';

const MEMBER_STATS = `
SELECT m.display_name, m.points, m.answered, m.correct, m.best_streak,
       (SELECT coalesce(json_agg(json_build_array(t.topic, t.answered, t.correct)), '[]')
        FROM topic_tallies t WHERE t.guild_id = m.guild_id AND t.user_id = m.user_id) AS topics,
       (SELECT coalesce(json_agg(json_build_array(c.concept, c.answered, c.correct)), '[]')
        FROM concept_tallies c WHERE c.guild_id = m.guild_id AND c.user_id = m.user_id) AS concepts
FROM members m
WHERE m.guild_id = $1 AND m.user_id = $2`;

type TallyRow = [key: string, answered: number, correct: number];

/** One member's totals and tallies, by primary key: three index lookups in one round trip. */
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
