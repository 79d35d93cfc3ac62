-- Fewer rows per recorded answer, and ranks that do not count the guild.
--
-- A member's topic and concept tallies move onto the member's row, as jsonb objects
-- {"<topic>": [answered, correct]}: a record then writes two rows per answer (members and
-- weekly_scores), not five.
--
-- rank_groups counts the members of each distinct (points, correct, reached_at) per guild and
-- period. A rank is then one plus the members of the groups ahead of the member's (a sum over
-- distinct scores, not over members) plus those of the member's own group with a smaller user id.
-- reached_at is the close time of one question, so a group never holds more members than
-- answered one question, however large the guild.

ALTER TABLE members
  ADD COLUMN topics jsonb NOT NULL DEFAULT '{}',
  ADD COLUMN concepts jsonb NOT NULL DEFAULT '{}',
  -- reached_at before the last record changed it: the record reads it back (RETURNING) to move
  -- the member out of the rank group it was in. PostgreSQL 15 has no RETURNING OLD.
  ADD COLUMN previous_reached_at bigint;

-- One pass over members: every member with an answer has a topic tally.
UPDATE members m SET topics = coalesce(x.topics, '{}'), concepts = coalesce(x.concepts, '{}')
FROM (SELECT guild_id, user_id, t.tallies AS topics, c.tallies AS concepts
      FROM (SELECT guild_id, user_id, jsonb_object_agg(topic, jsonb_build_array(answered, correct)) AS tallies
            FROM topic_tallies GROUP BY guild_id, user_id) t
      FULL JOIN (SELECT guild_id, user_id, jsonb_object_agg(concept, jsonb_build_array(answered, correct)) AS tallies
                 FROM concept_tallies GROUP BY guild_id, user_id) c
      USING (guild_id, user_id)) x
WHERE m.guild_id = x.guild_id AND m.user_id = x.user_id;

DROP TABLE topic_tallies;
DROP TABLE concept_tallies;

ALTER TABLE weekly_scores ADD COLUMN previous_reached_at bigint;

CREATE TABLE rank_groups (
  guild_id text COLLATE "C" NOT NULL,
  -- 'all-time' or an ISO week, as in ranked_totals.
  period text COLLATE "C" NOT NULL,
  points bigint NOT NULL,
  correct integer NOT NULL,
  reached_at bigint NOT NULL,
  members integer NOT NULL,
  PRIMARY KEY (guild_id, period, points, correct, reached_at)
);

INSERT INTO rank_groups (guild_id, period, points, correct, reached_at, members)
SELECT guild_id, 'all-time', points, correct, reached_at, count(*)
FROM members GROUP BY guild_id, points, correct, reached_at;

INSERT INTO rank_groups (guild_id, period, points, correct, reached_at, members)
SELECT guild_id, week, points, correct, reached_at, count(*)
FROM weekly_scores GROUP BY guild_id, week, points, correct, reached_at;
