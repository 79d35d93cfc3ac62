import { z } from 'zod';

/*
 * The score file, format version 2 (version 1 had no "recorded": see migrateScoreFile.ts). Each
 * guild is stored by columns: member i is the i-th entry of every `members` column, and tally
 * tables name members by that index. Long flat arrays keep a 100,000-member file quick to parse,
 * check and write.
 *
 * {
 *   "format": "studyquiz-scores",
 *   "version": 2,
 *   "guilds": {
 *     "<guildId>": {
 *       "members": {
 *         "id": ["<userId>", …], "name": ["Ada", …],        name: latest display name
 *         "points": [120, …], "answered": [10, …], "correct": [7, …], "bestStreak": [4, …],
 *         "reachedAt": [1764000000000, …]                   epoch ms; breaks ties, see rankOrder
 *       },
 *       "topics":   { "<topic>":   { "member": [0, …], "answered": [3, …], "correct": [2, …] } },
 *       "concepts": { "<concept>": { "member": [0, …], "answered": [3, …], "correct": [2, …] } },
 *       "weeks": {                                          ISO weeks (UTC), the most recent few
 *         "2026-W48": { "member": [0, …], "points": [40, …], "answered": [3, …], "correct": [2, …],
 *                       "reachedAt": [1764000000000, …] }
 *       },
 *       "recorded": ["<roundId>:<questionId>", …]          the latest questions recorded, so a
 *                                                         retried record counts once
 *     }
 *   }
 * }
 */
export const SCORE_FILE_FORMAT = 'studyquiz-scores';
export const SCORE_FILE_VERSION = 2;

/**
 * A column of values, checked by `firstBad` in one loop rather than one schema per value: a
 * 100,000-member file holds millions of them.
 */
function column<T>(expected: string, firstBad: (values: readonly unknown[]) => number) {
  return z.custom<unknown[]>(Array.isArray, 'expected a list').transform((values, ctx) => {
    const i = firstBad(values);
    if (i < 0) return values as T[];
    ctx.addIssue({
      code: 'custom',
      path: [i],
      message: `expected ${expected}, got ${JSON.stringify(values[i])}`,
    });
    return z.NEVER;
  });
}

// One loop per kind of value, so each stays small enough for V8 to optimise on its own.
function firstNotCount(values: readonly unknown[]): number {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) return i;
  }
  return -1;
}

function firstNotNumber(values: readonly unknown[]): number {
  for (let i = 0; i < values.length; i++) if (typeof values[i] !== 'number') return i;
  return -1;
}

function firstNotString(values: readonly unknown[]): number {
  for (let i = 0; i < values.length; i++) if (typeof values[i] !== 'string') return i;
  return -1;
}

const counts = column<number>('a whole number ≥ 0', firstNotCount);
const numbers = column<number>('a number', firstNotNumber);
const strings = column<string>('a string', firstNotString);

const tallyTable = z.object({ member: counts, answered: counts, correct: counts });
const weekTable = z.object({
  member: counts,
  points: numbers,
  answered: counts,
  correct: counts,
  reachedAt: numbers,
});

const guildSchema = z
  .object({
    members: z.object({
      id: strings,
      name: strings,
      points: numbers,
      answered: counts,
      correct: counts,
      bestStreak: counts,
      reachedAt: numbers,
    }),
    topics: z.record(z.string(), tallyTable),
    concepts: z.record(z.string(), tallyTable),
    weeks: z.record(z.string().regex(/^\d{4}-W\d{2}$/, 'expected an ISO week such as "2026-W48"'), weekTable),
    recorded: z.array(z.string()),
  })
  .transform((guild, ctx) => {
    const report = (path: PropertyKey[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    const memberCount = guild.members.id.length;
    checkColumns(guild.members, ['members'], report);
    // The member lookup the store needs anyway, built here to find repeated ids.
    const slots = new Map<string, number>();
    for (let slot = 0; slot < memberCount; slot++) {
      const id = guild.members.id[slot] as string;
      if (slots.has(id)) {
        report(['members', 'id', slot], `member id ${JSON.stringify(id)} appears twice`);
        break;
      }
      slots.set(id, slot);
    }
    for (const kind of ['topics', 'concepts', 'weeks'] as const) {
      for (const [key, table] of Object.entries(guild[kind])) {
        checkColumns(table, [kind, key], report);
        const seen = new Uint8Array(memberCount);
        for (let i = 0; i < table.member.length; i++) {
          const member = table.member[i] as number;
          if (member >= memberCount) {
            report([kind, key, 'member', i], `no member has index ${member} (there are ${memberCount})`);
            break;
          }
          if (seen[member]) {
            report([kind, key, 'member', i], `member ${member} appears twice`);
            break;
          }
          seen[member] = 1;
        }
      }
    }
    return { ...guild, slots };
  });

function checkColumns(
  table: Record<string, readonly unknown[]>,
  path: PropertyKey[],
  report: (path: PropertyKey[], message: string) => void,
): void {
  const [first, ...rest] = Object.entries(table);
  if (!first) return;
  for (const [name, column] of rest) {
    if (column.length !== first[1].length) {
      report([...path, name], `has ${column.length} entries but "${first[0]}" has ${first[1].length}`);
    }
  }
}

export const scoreFileSchema = z.object({
  format: z.literal(SCORE_FILE_FORMAT),
  version: z.literal(SCORE_FILE_VERSION),
  guilds: z.record(z.string(), guildSchema),
});

export type ScoreFileData = z.infer<typeof scoreFileSchema>;
export type GuildData = z.infer<typeof guildSchema>;
