-- Spaced-repetition review: one FSRS card per server, member and question, and the log of
-- every review (kept so the scheduler's parameters can be re-tuned from real answers).
CREATE TABLE review_cards (
  guild_id text NOT NULL,
  user_id text NOT NULL,
  question_id text NOT NULL,
  topic text NOT NULL,
  due timestamptz NOT NULL,
  stability double precision NOT NULL,
  difficulty double precision NOT NULL,
  elapsed_days integer NOT NULL,
  scheduled_days integer NOT NULL,
  learning_steps integer NOT NULL,
  reps integer NOT NULL,
  lapses integer NOT NULL,
  state smallint NOT NULL,
  last_review timestamptz,
  PRIMARY KEY (guild_id, user_id, question_id)
);

-- A member's due cards, most overdue first, and their due counts: one range of this index.
CREATE INDEX review_cards_due ON review_cards (guild_id, user_id, due, question_id);

CREATE TABLE review_log (
  id bigserial PRIMARY KEY,
  guild_id text NOT NULL,
  user_id text NOT NULL,
  question_id text NOT NULL,
  rating smallint NOT NULL CHECK (rating BETWEEN 1 AND 4),
  state smallint NOT NULL,
  due timestamptz NOT NULL,
  stability double precision NOT NULL,
  difficulty double precision NOT NULL,
  elapsed_days integer NOT NULL,
  last_elapsed_days integer NOT NULL,
  scheduled_days integer NOT NULL,
  learning_steps integer NOT NULL,
  review timestamptz NOT NULL,
  source text NOT NULL
);

CREATE INDEX review_log_card ON review_log (guild_id, user_id, question_id, review);
