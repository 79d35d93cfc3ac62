-- Servers' own question banks: each topic's YAML as uploaded, and whether the shipped bank is shown.
CREATE TABLE guild_bank_settings (
  guild_id text PRIMARY KEY,
  shipped_enabled boolean NOT NULL DEFAULT true
);

CREATE TABLE guild_topics (
  guild_id text NOT NULL,
  topic_id text NOT NULL,
  yaml text NOT NULL,
  uploaded_by text NOT NULL,
  uploaded_at timestamptz NOT NULL,
  PRIMARY KEY (guild_id, topic_id)
);
