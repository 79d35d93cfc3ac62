import type pg from 'pg';
import { isoWeek } from '../../src/store/isoWeek.ts';
import type { QuestionResult } from '../../src/store/ScoreStore.ts';

/**
 * How the release with only migration 001 recorded a question (its recordQuestion statement,
 * unchanged), so a test can fill a database as that release left it and then migrate it.
 */
const RECORD_QUESTION = `
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
    (guild_id, user_id, display_name, display_name_at, points, answered, correct, best_streak, reached_at)
  SELECT $1, user_id, display_name, $4, points, answered, correct, greatest(best_streak, 0), $4
  FROM answers ORDER BY user_id
  ON CONFLICT (guild_id, user_id) DO UPDATE SET
    display_name = CASE WHEN EXCLUDED.display_name_at >= m.display_name_at
                        THEN EXCLUDED.display_name ELSE m.display_name END,
    display_name_at = greatest(m.display_name_at, EXCLUDED.display_name_at),
    points = m.points + EXCLUDED.points,
    answered = m.answered + EXCLUDED.answered,
    correct = m.correct + EXCLUDED.correct,
    best_streak = greatest(m.best_streak, EXCLUDED.best_streak),
    reached_at = CASE WHEN EXCLUDED.points <> 0 OR EXCLUDED.correct > 0
                      THEN greatest(m.reached_at, EXCLUDED.reached_at) ELSE m.reached_at END
  RETURNING xmax = 0 AS inserted
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
                      THEN greatest(w.reached_at, EXCLUDED.reached_at) ELSE w.reached_at END
  RETURNING xmax = 0 AS inserted
),
topic_rows AS (
  INSERT INTO topic_tallies AS t (guild_id, user_id, topic, answered, correct)
  SELECT $1, user_id, $6, answered, correct FROM answers ORDER BY user_id
  ON CONFLICT (guild_id, user_id, topic) DO UPDATE SET
    answered = t.answered + EXCLUDED.answered,
    correct = t.correct + EXCLUDED.correct
),
concept_rows AS (
  INSERT INTO concept_tallies AS c (guild_id, user_id, concept, answered, correct)
  SELECT $1, user_id, concept, answered, correct
  FROM answers CROSS JOIN (SELECT DISTINCT unnest($12::text[]) AS concept) AS concepts
  ORDER BY user_id, concept
  ON CONFLICT (guild_id, user_id, concept) DO UPDATE SET
    answered = c.answered + EXCLUDED.answered,
    correct = c.correct + EXCLUDED.correct
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
)
SELECT count(*)::integer AS claimed FROM claim`;

export async function recordAt001(client: pg.ClientBase, result: QuestionResult): Promise<void> {
  const { answers } = result;
  await client.query(RECORD_QUESTION, [
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
    result.concepts,
  ]);
}
