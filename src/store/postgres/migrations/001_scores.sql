-- Scores per guild (Discord server). Times are epoch milliseconds, as the storage port gives
-- them. Ids are compared byte by byte (COLLATE "C"), as the memory store compares them.

-- Each recorded question once: recording the same round and question again changes nothing.
CREATE TABLE recorded_questions (
  guild_id text COLLATE "C" NOT NULL,
  round_id text COLLATE "C" NOT NULL,
  question_id text COLLATE "C" NOT NULL,
  closed_at bigint NOT NULL,
  PRIMARY KEY (guild_id, round_id, question_id)
);

-- A member's all-time standing in one guild. reached_at: when the member reached the current
-- score (the close of the last question that raised it; the first answer's, before any).
CREATE TABLE members (
  guild_id text COLLATE "C" NOT NULL,
  user_id text COLLATE "C" NOT NULL,
  display_name text NOT NULL,
  -- The close time of the question the name came from: a retried older result keeps the newer name.
  display_name_at bigint NOT NULL,
  points bigint NOT NULL,
  answered integer NOT NULL,
  correct integer NOT NULL,
  best_streak integer NOT NULL,
  reached_at bigint NOT NULL,
  PRIMARY KEY (guild_id, user_id)
);

-- Leaderboard order: points desc, correct desc, reached_at asc, user_id asc. A page walks it; a
-- rank counts the entries before a member's along it. Plain columns, not expressions, so those
-- counts are index-only scans that need not visit the table.
CREATE INDEX members_rank ON members (guild_id, points DESC, correct DESC, reached_at, user_id);

-- A member's standing in one ISO week (UTC), keyed like 2026-W48.
CREATE TABLE weekly_scores (
  guild_id text COLLATE "C" NOT NULL,
  week text COLLATE "C" NOT NULL,
  user_id text COLLATE "C" NOT NULL,
  points bigint NOT NULL,
  answered integer NOT NULL,
  correct integer NOT NULL,
  reached_at bigint NOT NULL,
  PRIMARY KEY (guild_id, week, user_id)
);

CREATE INDEX weekly_scores_rank ON weekly_scores (guild_id, week, points DESC, correct DESC, reached_at, user_id);

-- How many members are ranked, so a page's total is one row, not a count of the guild.
CREATE TABLE ranked_totals (
  guild_id text COLLATE "C" NOT NULL,
  -- 'all-time' or an ISO week.
  period text COLLATE "C" NOT NULL,
  members integer NOT NULL,
  PRIMARY KEY (guild_id, period)
);

CREATE TABLE topic_tallies (
  guild_id text COLLATE "C" NOT NULL,
  user_id text COLLATE "C" NOT NULL,
  topic text COLLATE "C" NOT NULL,
  answered integer NOT NULL,
  correct integer NOT NULL,
  PRIMARY KEY (guild_id, user_id, topic)
);

CREATE TABLE concept_tallies (
  guild_id text COLLATE "C" NOT NULL,
  user_id text COLLATE "C" NOT NULL,
  concept text COLLATE "C" NOT NULL,
  answered integer NOT NULL,
  correct integer NOT NULL,
  PRIMARY KEY (guild_id, user_id, concept)
);
