import type pg from 'pg';
import { isoWeek } from '../isoWeek.ts';
import type { LeaderboardEntry, LeaderboardPage, Period } from '../ScoreStore.ts';

/*
 * Leaderboard order (see rankOrder.ts) is points desc, correct desc, reached_at asc, user id asc,
 * which is how members_rank and weekly_scores_rank are built: a page is a walk along the index
 * from the guild's (and week's) first entry. A rank is one plus the entries before the member's,
 * counted in three ranges of the same index (more points; as many points and more correct
 * answers; as many of both and reached earlier, or at once with a smaller id): index-only scans,
 * which one row comparison over negated columns would not allow. A page's total comes from
 * ranked_totals, one row, not from counting the guild.
 */

const ALL_TIME_PAGE = `
SELECT user_id, display_name, points, answered, correct
FROM members
WHERE guild_id = $1
ORDER BY points DESC, correct DESC, reached_at, user_id
LIMIT $2 OFFSET $3`;

const WEEK_PAGE = `
SELECT w.user_id, m.display_name, w.points, w.answered, w.correct
FROM weekly_scores w
JOIN members m ON m.guild_id = w.guild_id AND m.user_id = w.user_id
WHERE w.guild_id = $1 AND w.week = $4
ORDER BY w.points DESC, w.correct DESC, w.reached_at, w.user_id
LIMIT $2 OFFSET $3`;

const RANKED_TOTAL = 'SELECT members FROM ranked_totals WHERE guild_id = $1 AND period = $2';

const ALL_TIME_RANK = `
SELECT m.user_id, m.display_name, m.points, m.answered, m.correct,
       1 + (SELECT coalesce(sum(g.members), 0) FROM rank_groups g
            WHERE g.guild_id = m.guild_id AND g.period = 'all-time' AND g.points > m.points)
         + (SELECT coalesce(sum(g.members), 0) FROM rank_groups g
            WHERE g.guild_id = m.guild_id AND g.period = 'all-time' AND g.points = m.points
              AND g.correct > m.correct)
         + (SELECT coalesce(sum(g.members), 0) FROM rank_groups g
            WHERE g.guild_id = m.guild_id AND g.period = 'all-time' AND g.points = m.points
              AND g.correct = m.correct AND g.reached_at < m.reached_at)
         + (SELECT count(*) FROM members a
            WHERE a.guild_id = m.guild_id AND a.points = m.points AND a.correct = m.correct
              AND a.reached_at = m.reached_at AND a.user_id < m.user_id) AS rank
FROM members m
WHERE m.guild_id = $1 AND m.user_id = $2`;

const WEEK_RANK = `
SELECT w.user_id, m.display_name, w.points, w.answered, w.correct,
       1 + (SELECT coalesce(sum(g.members), 0) FROM rank_groups g
            WHERE g.guild_id = w.guild_id AND g.period = w.week AND g.points > w.points)
         + (SELECT coalesce(sum(g.members), 0) FROM rank_groups g
            WHERE g.guild_id = w.guild_id AND g.period = w.week AND g.points = w.points
              AND g.correct > w.correct)
         + (SELECT coalesce(sum(g.members), 0) FROM rank_groups g
            WHERE g.guild_id = w.guild_id AND g.period = w.week AND g.points = w.points
              AND g.correct = w.correct AND g.reached_at < w.reached_at)
         + (SELECT count(*) FROM weekly_scores a
            WHERE a.guild_id = w.guild_id AND a.week = w.week AND a.points = w.points
              AND a.correct = w.correct AND a.reached_at = w.reached_at AND a.user_id < w.user_id) AS rank
FROM weekly_scores w
JOIN members m ON m.guild_id = w.guild_id AND m.user_id = w.user_id
WHERE w.guild_id = $1 AND w.user_id = $2 AND w.week = $3`;

interface EntryRow {
  user_id: string;
  display_name: string;
  /** bigint columns arrive as text. */
  points: string;
  answered: number;
  correct: number;
}

export async function leaderboardPage(
  pool: pg.Pool,
  guildId: string,
  period: Period,
  now: number,
  offset: number,
  limit: number,
): Promise<LeaderboardPage> {
  const from = Math.max(0, Math.floor(offset));
  const size = Math.max(0, Math.floor(limit));
  const week = isoWeek(now);
  const [page, total] = await Promise.all([
    period === 'all-time'
      ? pool.query<EntryRow>({
          name: 'studyquiz-page-all-time',
          text: ALL_TIME_PAGE,
          values: [guildId, size, from],
        })
      : pool.query<EntryRow>({
          name: 'studyquiz-page-week',
          text: WEEK_PAGE,
          values: [guildId, size, from, week],
        }),
    pool.query<{ members: number }>({
      name: 'studyquiz-ranked-total',
      text: RANKED_TOTAL,
      values: [guildId, period === 'all-time' ? 'all-time' : week],
    }),
  ]);
  return {
    entries: page.rows.map((row, i) => toEntry(row, from + i + 1)),
    total: total.rows[0]?.members ?? 0,
  };
}

export async function rankOf(
  pool: pg.Pool,
  guildId: string,
  userId: string,
  period: Period,
  now: number,
): Promise<LeaderboardEntry | undefined> {
  const found =
    period === 'all-time'
      ? await pool.query<EntryRow & { rank: string }>({
          name: 'studyquiz-rank-all-time',
          text: ALL_TIME_RANK,
          values: [guildId, userId],
        })
      : await pool.query<EntryRow & { rank: string }>({
          name: 'studyquiz-rank-week',
          text: WEEK_RANK,
          values: [guildId, userId, isoWeek(now)],
        });
  const row = found.rows[0];
  return row && toEntry(row, Number(row.rank));
}

function toEntry(row: EntryRow, rank: number): LeaderboardEntry {
  return {
    rank,
    userId: row.user_id,
    displayName: row.display_name,
    points: Number(row.points),
    answered: row.answered,
    correct: row.correct,
  };
}
