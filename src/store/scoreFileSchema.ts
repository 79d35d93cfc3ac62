import { z } from 'zod';

/*
 * The score file, format version 1. Each guild is stored by columns: member i is the i-th entry
 * of every `members` column, and tally tables name members by that index. Long flat arrays keep
 * a 100,000-member file quick to parse, check and write.
 *
 * {
 *   "format": "studyquiz-scores",
 *   "version": 1,
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
 *       }
 *     }
 *   }
 * }
 */
export const SCORE_FILE_FORMAT = 'studyquiz-scores';
export const SCORE_FILE_VERSION = 1;

/**
 * A column of values. Checked in one loop rather than one schema per value: a 100,000-member
 * file holds millions of them.
 */
function column<T>(expected: string, isValid: (value: unknown) => value is T) {
  return z.custom<unknown[]>(Array.isArray, 'expected a list').transform((values, ctx) => {
    for (let i = 0; i < values.length; i++) {
      const value = values[i];
      if (!isValid(value)) {
        ctx.addIssue({
          code: 'custom',
          path: [i],
          message: `expected ${expected}, got ${JSON.stringify(value)}`,
        });
        return z.NEVER;
      }
    }
    return values as T[];
  });
}

const counts = column('a whole number ≥ 0', (v): v is number => Number.isInteger(v) && (v as number) >= 0);
const numbers = column('a number', (v): v is number => typeof v === 'number');
const strings = column('a string', (v): v is string => typeof v === 'string');

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
  })
  .superRefine((guild, ctx) => {
    const report = (path: PropertyKey[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    const memberCount = guild.members.id.length;
    checkColumns(guild.members, ['members'], report);
    if (new Set(guild.members.id).size !== memberCount)
      report(['members', 'id'], 'a member id appears twice');
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
