import { z } from 'zod';
import { BUILT_IN_DEFAULTS, ROUND_LIMITS } from './app/roundLimits.ts';
import { SCORING_POLICIES } from './core/scoring.ts';
import { UserError } from './core/userError.ts';

const SNOWFLAKE = /^\d{17,20}$/;

/** Blank values in .env mean "not set", as in .env.example. */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess(
    (value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
    schema.optional(),
  );

const snowflake = (what: string) =>
  z.string().regex(SNOWFLAKE, { error: `must be ${what}: a number of 17 to 20 digits` });

/** postgres:// or postgresql://, as pg reads it. Never echoed in an error: it holds the password. */
function isPostgresUrl(value: string): boolean {
  try {
    return ['postgres:', 'postgresql:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

const DATABASE_URL_EXAMPLE = 'postgres://user:password@host:5432/studyquiz';

const integer = (range: { min: number; max: number }, fallback: number) =>
  optional(z.coerce.number().int().min(range.min).max(range.max)).transform((value) => value ?? fallback);

export const configSchema = z
  .object({
    DISCORD_TOKEN: z
      .string()
      .trim()
      .min(1, { error: 'is empty: paste the bot token (developer portal → Bot → Reset Token)' }),
    DISCORD_APPLICATION_ID: snowflake('the application id (General Information → Application ID)'),
    DISCORD_GUILD_ID: optional(snowflake('a server id')),
    DISCORD_API_URL: optional(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' })),
    STORE: optional(z.enum(['json', 'memory', 'postgres'])).transform((value) => value ?? 'json'),
    SCORES_FILE: optional(z.string()).transform((value) => value ?? './data/scores.json'),
    BANKS_DIR: optional(z.string()).transform((value) => value ?? './data/banks'),
    DATABASE_URL: optional(
      z.string().refine(isPostgresUrl, { error: `must be a URL such as ${DATABASE_URL_EXAMPLE}` }),
    ),
    QUESTIONS_DIR: optional(z.string()),
    LOG_LEVEL: optional(z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'])).transform(
      (value) => value ?? 'info',
    ),
    QUIZ_DEFAULT_COUNT: integer(ROUND_LIMITS.count, BUILT_IN_DEFAULTS.count),
    QUIZ_DEFAULT_SECONDS: integer(ROUND_LIMITS.seconds, BUILT_IN_DEFAULTS.seconds),
    QUIZ_DEFAULT_SCORING: optional(z.enum(SCORING_POLICIES)).transform(
      (value) => value ?? BUILT_IN_DEFAULTS.scoring,
    ),
    QUIZ_REVEAL_SECONDS: integer(ROUND_LIMITS.revealSeconds, BUILT_IN_DEFAULTS.revealSeconds),
    // Checked with the --shards flags they stand for (src/cli/shards/shardRequest.ts), one message for both.
    STUDYQUIZ_SHARDS: optional(z.string()),
    STUDYQUIZ_SHARD_COUNT: optional(z.string()),
    STUDYQUIZ_SHARD_IDS: optional(z.string()),
  })
  .refine((config) => config.STORE !== 'postgres' || config.DATABASE_URL !== undefined, {
    path: ['DATABASE_URL'],
    error: `is missing: STORE=postgres needs the database's URL, such as ${DATABASE_URL_EXAMPLE}`,
    // Checked even when other variables are wrong, so every problem is named at once.
    when: (payload) => (payload.value as { STORE?: unknown } | undefined)?.STORE === 'postgres',
  });

export type Config = z.infer<typeof configSchema>;

/** The validated config, or a UserError naming every bad variable and pointing at .env.example. */
export function parseConfig(env: NodeJS.ProcessEnv): Config {
  const result = configSchema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const name = String(issue.path[0] ?? 'environment');
    const missing = env[name] === undefined || env[name]?.trim() === '';
    const message =
      missing && issue.code === 'invalid_type' ? 'is missing' : issue.message.replace(/^Invalid input: /, '');
    return `  ${name} ${message}`;
  });
  throw new UserError(
    `The configuration is not valid:\n${problems.join('\n')}\nSet these in the environment or in .env (see .env.example for every key).`,
  );
}
