import type pg from 'pg';
import { isoWeek } from '../isoWeek.ts';
import type { QuestionResult } from '../ScoreStore.ts';

/**
 * One statement, so one transaction and one round trip: the question is claimed in
 * recorded_questions, and only if that claim is new
 * (ON CONFLICT DO NOTHING returned a row) do the other parts add anything. A second recording
 * of the same question, even at the same moment from another process, waits on the claim's
 * unique key and then changes nothing.
 *
 * A member answering twice in one result (which the rounds never send) is folded into one row
 * first, since an upsert may touch a row once; the name is the last answer's. Rows are written
 * in key order, so two records locking the same rows lock them in the same order. `xmax = 0`
 * marks a row the upsert inserted rather than updated: those are new ranked members. An answer
 * moves reached_at only when it scores (points or a correct answer), as in Scoreboard.
 *
 * Each member leaves the rank group of their old (points, correct, reached_at) and joins that
 * of the new one. The old key is read back from the upserted row (points and correct less this
 * answer's, previous_reached_at), so it is the row's latest version even when another record
 * changed it after this statement's snapshot. Groups that this record empties are returned.
 */
const recordQuestionSql = (concepts: number) => `
WITH claim AS (
  INSERT INTO recorded_questions (guild_id, round_id, question_id, closed_at)
  VALUES ($1, $2, $3, $4)
  ON CONFLICT DO NOTHING
  RETURNING 1
),
answers AS (
  SELECT user_id,
         (array_agg(display_name ORDER BY position DESC))[1] AS display_name,
         sum(points)::bigint AS points,
         count(*)::integer AS answered,
         (count(*) FILTER (WHERE correct))::integer AS correct,
         max(streak) AS best_streak
  FROM unnest($7::text[], $8::text[], $9::bigint[], $10::boolean[], $11::integer[])
       WITH ORDINALITY AS a(user_id, display_name, points, correct, streak, position)
  WHERE EXISTS (SELECT FROM claim)
  GROUP BY user_id
),
member_rows AS (
  INSERT INTO members AS m
    (guild_id, user_id, display_name, display_name_at, points, answered, correct, best_streak,
     reached_at, topics, concepts)
  SELECT $1, a.user_id, a.display_name, $4, a.points, a.answered, a.correct, greatest(a.best_streak, 0), $4,
         ${talliesAdded(`'{}'::jsonb`, 'a', [6])},
         ${talliesAdded(`'{}'::jsonb`, 'a', conceptParams(concepts))}
  FROM answers a ORDER BY a.user_id
  ON CONFLICT (guild_id, user_id) DO UPDATE SET
    display_name = CASE WHEN EXCLUDED.display_name_at >= m.display_name_at
                        THEN EXCLUDED.display_name ELSE m.display_name END,
    display_name_at = greatest(m.display_name_at, EXCLUDED.display_name_at),
    points = m.points + EXCLUDED.points,
    answered = m.answered + EXCLUDED.answered,
    correct = m.correct + EXCLUDED.correct,
    best_streak = greatest(m.best_streak, EXCLUDED.best_streak),
    reached_at = CASE WHEN EXCLUDED.points <> 0 OR EXCLUDED.correct > 0
                      THEN greatest(m.reached_at, EXCLUDED.reached_at) ELSE m.reached_at END,
    previous_reached_at = m.reached_at,
    topics = ${talliesAdded('m.topics', 'EXCLUDED', [6])},
    concepts = ${talliesAdded('m.concepts', 'EXCLUDED', conceptParams(concepts))}
  RETURNING user_id, points, correct, reached_at, previous_reached_at, xmax = 0 AS inserted
),
week_rows AS (
  INSERT INTO weekly_scores AS w (guild_id, week, user_id, points, answered, correct, reached_at)
  SELECT $1, $5, user_id, points, answered, correct, $4
  FROM answers ORDER BY user_id
  ON CONFLICT (guild_id, week, user_id) DO UPDATE SET
    points = w.points + EXCLUDED.points,
    answered = w.answered + EXCLUDED.answered,
    correct = w.correct + EXCLUDED.correct,
    reached_at = CASE WHEN EXCLUDED.points <> 0 OR EXCLUDED.correct > 0
                      THEN greatest(w.reached_at, EXCLUDED.reached_at) ELSE w.reached_at END,
    previous_reached_at = w.reached_at
  RETURNING user_id, points, correct, reached_at, previous_reached_at, xmax = 0 AS inserted
),
changed AS (
  SELECT 'all-time' AS period, r.*, a.points AS added_points, a.correct AS added_correct
  FROM member_rows r JOIN answers a USING (user_id)
  UNION ALL
  SELECT $5, r.*, a.points, a.correct FROM week_rows r JOIN answers a USING (user_id)
),
moves AS (
  SELECT period, points, correct, reached_at, 1 AS delta FROM changed
  UNION ALL
  SELECT period, points - added_points, correct - added_correct, previous_reached_at, -1
  FROM changed WHERE NOT inserted
),
group_moves AS (
  SELECT period, points, correct, reached_at, sum(delta)::integer AS delta
  FROM moves GROUP BY period, points, correct, reached_at HAVING sum(delta) <> 0
),
group_rows AS (
  INSERT INTO rank_groups AS g (guild_id, period, points, correct, reached_at, members)
  SELECT $1, period, points, correct, reached_at, delta FROM group_moves
  ORDER BY period, points, correct, reached_at
  ON CONFLICT (guild_id, period, points, correct, reached_at) DO UPDATE SET members = g.members + EXCLUDED.members
  RETURNING period, points, correct, reached_at, members
),
new_members AS (
  SELECT 'all-time' AS period, count(*) FILTER (WHERE inserted) AS added FROM member_rows
  UNION ALL
  SELECT $5, count(*) FILTER (WHERE inserted) FROM week_rows
),
totals AS (
  INSERT INTO ranked_totals AS r (guild_id, period, members)
  SELECT $1, period, added FROM new_members WHERE added > 0 ORDER BY period
  ON CONFLICT (guild_id, period) DO UPDATE SET members = r.members + EXCLUDED.members
),
emptied AS (
  SELECT coalesce(array_agg(period), '{}') AS periods, coalesce(array_agg(points), '{}') AS points,
         coalesce(array_agg(correct), '{}') AS correct, coalesce(array_agg(reached_at), '{}') AS reached_at
  FROM group_rows WHERE members = 0
)
SELECT (SELECT count(*)::integer FROM claim) AS claimed, emptied.* FROM emptied`;

/**
 * After the record, in a statement of its own so that a record stays one round trip: a group
 * that gained a member meanwhile is kept, since the deletion checks the count of the row's
 * latest version, which it locks; a record adding to a group as it goes inserts it again.
 * This keeps rank_groups to the scores members have now.
 */
const DELETE_EMPTIED = `
DELETE FROM rank_groups g
USING unnest($2::text[], $3::bigint[], $4::integer[], $5::bigint[]) AS e(period, points, correct, reached_at)
WHERE g.guild_id = $1 AND g.period = e.period AND g.points = e.points AND g.correct = e.correct
  AND g.reached_at = e.reached_at AND g.members = 0`;

/** $12, $13, …: one text parameter per distinct concept. */
function conceptParams(count: number): number[] {
  return Array.from({ length: count }, (_, i) => 12 + i);
}

/**
 * `tallies` with the answer's answered and correct added under each key (distinct keys): one
 * jsonb concatenation with an object of the new values, as plain expressions; a function call
 * per row (SQL or PL/pgSQL) costs several times more.
 */
function talliesAdded(tallies: string, answer: string, keys: readonly number[]): string {
  if (keys.length === 0) return tallies;
  const sums = keys.map(
    (k) => `$${k}::text, jsonb_build_array(
      coalesce((${tallies} -> $${k}::text ->> 0)::integer, 0) + ${answer}.answered,
      coalesce((${tallies} -> $${k}::text ->> 1)::integer, 0) + ${answer}.correct)`,
  );
  return `${tallies} || jsonb_build_object(${sums.join(', ')})`;
}

/** One statement text per number of concepts, prepared once per connection. */
const statements = new Map<number, string>();
function recordQuestionStatement(concepts: number): string {
  let text = statements.get(concepts);
  if (text === undefined) {
    text = recordQuestionSql(concepts);
    statements.set(concepts, text);
  }
  return text;
}

interface RecordedRow {
  claimed: number;
  periods: string[];
  /** bigint arrays arrive as text. */
  points: string[];
  correct: number[];
  reached_at: string[];
}

/** Saves one question's results in one transaction; false when they had been recorded already. */
export async function recordQuestion(pool: pg.Pool, result: QuestionResult): Promise<boolean> {
  const { answers } = result;
  // Distinct: each concept's tally counts an answer once.
  const concepts = [...new Set(result.concepts)];
  const saved = await pool.query<RecordedRow>({
    name: `studyquiz-record-question-${concepts.length}`,
    text: recordQuestionStatement(concepts.length),
    values: [
      result.guildId,
      result.roundId,
      result.questionId,
      result.at,
      isoWeek(result.at),
      result.topic,
      answers.map((a) => a.userId),
      answers.map((a) => a.displayName),
      answers.map((a) => a.points),
      answers.map((a) => a.correct),
      answers.map((a) => a.streak),
      ...concepts,
    ],
  });
  const row = saved.rows[0];
  if (row && row.periods.length > 0) {
    // Only tidying: the results are saved, and a group left with no members counts nothing.
    await pool
      .query({
        name: 'studyquiz-delete-emptied-groups',
        text: DELETE_EMPTIED,
        values: [result.guildId, row.periods, row.points, row.correct, row.reached_at],
      })
      .catch(() => undefined);
  }
  return (row?.claimed ?? 0) > 0;
}
