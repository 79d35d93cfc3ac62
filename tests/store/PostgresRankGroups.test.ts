import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MemoryScoreStore } from '../../src/store/MemoryScoreStore.ts';
import { MIGRATIONS_DIR } from '../../src/store/postgres/migrate.ts';
import { PostgresScoreStore } from '../../src/store/postgres/PostgresScoreStore.ts';
import type { AnswerOutcome, Period, QuestionResult, ScoreStore } from '../../src/store/ScoreStore.ts';
import { startPostgres, type TestPostgres } from '../support/startPostgres.ts';
import { recordAt001 } from './recordAt001.ts';
import { MONDAY_EARLY, SUNDAY_LATE } from './results.ts';

/*
 * Migration 002 keeps tallies on the member's row and ranks through rank_groups. The memory
 * store is the reference: whatever the PostgreSQL store answers must be what it answers (the
 * contract suite held the store at 001 to the same).
 */

let postgres: TestPostgres;
beforeAll(async () => {
  postgres = await startPostgres();
}, 60_000);
afterAll(() => postgres.remove());

const stores: ScoreStore[] = [];
afterEach(async () => {
  await Promise.allSettled(stores.splice(0).map((store) => store.close()));
});

function storeAt(connectionString: string, migrationsDir?: string): PostgresScoreStore {
  const store = new PostgresScoreStore({ connectionString, ...(migrationsDir ? { migrationsDir } : {}) });
  stores.push(store);
  return store;
}

const query = <R extends pg.QueryResultRow>(url: string, sql: string) =>
  postgres.withClient(url, async (client) => (await client.query<R>(sql)).rows);

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

const GUILDS = ['guild-a', 'guild-b'];
/** Ids of several lengths, so their byte order is not their numeric order. */
const MEMBERS = Array.from({ length: 40 }, (_, i) => String((i * 7919) % 10_007));

/**
 * Questions over two ISO weeks in two guilds: speed-like and fixed points, wrong answers, a topic
 * named `__proto__`, a repeated concept, and results recorded out of order (a retry of an older
 * question after newer ones, which must keep the newer names).
 */
function history(): QuestionResult[] {
  const next = random(7);
  const results: QuestionResult[] = [];
  for (let q = 0; q < 30; q++) {
    const at = (q < 15 ? SUNDAY_LATE : MONDAY_EARLY) - 3_600_000 + q * 60_000;
    const answers: AnswerOutcome[] = MEMBERS.filter(() => next() < 0.6).map((userId) => {
      const correct = next() < 0.6;
      const points = correct ? (q % 2 === 0 ? 100 : 500 + Math.floor(next() * 500)) : 0;
      return { userId, displayName: `${userId} @${q}`, correct, points, streak: correct ? 1 + (q % 4) : 0 };
    });
    results.push({
      guildId: GUILDS[q % 3 === 0 ? 1 : 0] as string,
      roundId: `round-${Math.floor(q / 5)}`,
      questionId: `q${q}`,
      topic: q % 7 === 0 ? '__proto__' : `topic-${q % 3}`,
      concepts: q % 5 === 0 ? ['anarchy', 'anarchy', 'balance'] : [`concept-${q % 4}`],
      at,
      answers,
    });
  }
  // Retried late: older than everything after it. Its names are the members' newest, since
  // the memory store takes the last recorded name where the database keeps the newest question's.
  const [retried] = results.splice(3, 1);
  if (retried) {
    const newest = new Map<string, string>();
    for (const r of results)
      if (r.guildId === retried.guildId) for (const a of r.answers) newest.set(a.userId, a.displayName);
    results.push({
      ...retried,
      answers: retried.answers.map((a) => ({ ...a, displayName: newest.get(a.userId) ?? a.displayName })),
    });
  }
  return results;
}

/** Everything a store tells about every member, in every period, at both times. */
async function everything(store: ScoreStore) {
  const seen: unknown[] = [];
  for (const guildId of GUILDS) {
    for (const now of [SUNDAY_LATE, MONDAY_EARLY]) {
      for (const period of ['all-time', 'week'] as Period[]) {
        seen.push(await store.leaderboard(guildId, { period, now, limit: 1_000, offset: 0 }));
        seen.push(await store.leaderboard(guildId, { period, now, limit: 7, offset: 5 }));
        for (const userId of MEMBERS) seen.push(await store.rankOf(guildId, userId, period, now));
      }
    }
    for (const userId of MEMBERS) seen.push(await store.memberStats(guildId, userId));
  }
  return seen;
}

async function recordAll(stores: readonly ScoreStore[], results: readonly QuestionResult[]) {
  for (const result of results) for (const store of stores) await store.record(result);
}

/** rank_groups must add up to the members ranked in each period, and keep no empty group. */
async function checkGroups(url: string): Promise<void> {
  const groups = await query<{ guild_id: string; period: string; members: number; empty: number }>(
    url,
    `SELECT guild_id, period, sum(members)::integer AS members,
            (count(*) FILTER (WHERE members <= 0))::integer AS empty
     FROM rank_groups GROUP BY guild_id, period ORDER BY guild_id, period`,
  );
  const totals = await query<{ guild_id: string; period: string; members: number }>(
    url,
    'SELECT guild_id, period, members FROM ranked_totals ORDER BY guild_id, period',
  );
  expect(groups.map(({ empty, ...rest }) => rest)).toEqual(totals);
  expect(groups.every((g) => g.empty === 0)).toBe(true);
}

describe('GIVEN a database with scores, migrated at 001', () => {
  it('WHEN migration 002 runs THEN leaderboards, ranks and stats are as before, and later records keep them right', async () => {
    const url = await postgres.createDatabase();
    const onlyFirst = await mkdtemp(path.join(tmpdir(), 'studyquiz-migrations-'));
    try {
      await copyFile(path.join(MIGRATIONS_DIR, '001_scores.sql'), path.join(onlyFirst, '001_scores.sql'));
      const [early, late] = [history().slice(0, 20), history().slice(20)];
      const memory = new MemoryScoreStore();
      await storeAt(url, onlyFirst).load();
      await recordAll([memory], early);
      await postgres.withClient(url, async (client) => {
        for (const result of early) await recordAt001(client, result);
      });

      const migrated = storeAt(url);
      await migrated.load();
      expect(
        await query(url, "SELECT to_regclass('topic_tallies') AS t, to_regclass('concept_tallies') AS c"),
      ).toEqual([{ t: null, c: null }]);
      expect(await everything(migrated)).toEqual(await everything(memory));
      await checkGroups(url);

      await recordAll([memory, migrated], late);
      expect(await everything(migrated)).toEqual(await everything(memory));
      await checkGroups(url);
    } finally {
      await rm(onlyFirst, { recursive: true, force: true });
    }
  });
});

describe('GIVEN a large tie group', () => {
  it('THEN each rank counts the groups ahead and the members of its own group with a smaller id, as the memory store ranks them', async () => {
    const url = await postgres.createDatabase();
    const store = storeAt(url);
    await store.load();
    const memory = new MemoryScoreStore();
    // 1,500 members with the same points and correct answers, reached at three moments.
    const ids = Array.from({ length: 1_500 }, (_, i) => String((i * 7919) % 100_003));
    const batches = [0, 1, 2].map((b) => ({
      guildId: 'guild-a',
      roundId: `big-${b}`,
      questionId: 'q',
      topic: 'ties',
      concepts: [],
      at: SUNDAY_LATE - 1_000 + b,
      answers: ids
        .filter((_, i) => i % 3 === b)
        .map((userId) => ({
          userId,
          displayName: `Member ${userId}`,
          correct: true,
          points: 100,
          streak: 1,
        })),
    }));
    await recordAll([memory, store], batches);
    expect(
      await query(url, "SELECT count(*)::integer AS n FROM rank_groups WHERE period = 'all-time'"),
    ).toEqual([{ n: 3 }]);
    const ranksOf = (s: ScoreStore, some: readonly string[]) =>
      Promise.all(
        some.flatMap((id) =>
          (['all-time', 'week'] as Period[]).map((p) => s.rankOf('guild-a', id, p, SUNDAY_LATE)),
        ),
      );
    const sample = ids.filter((_, i) => i % 37 === 0);
    expect(await ranksOf(store, sample)).toEqual(await ranksOf(memory, sample));

    // Some leave the group (one answer more, right or wrong), one joins another's moment.
    const moved: QuestionResult = {
      ...(batches[0] as QuestionResult),
      roundId: 'later',
      at: SUNDAY_LATE,
      answers: ids.slice(0, 200).map((userId, i) => ({
        userId,
        displayName: `Later ${userId}`,
        correct: i % 2 === 0,
        points: i % 2 === 0 ? 100 : 0,
        streak: 1,
      })),
    };
    await recordAll([memory, store], [moved]);
    expect(await ranksOf(store, sample)).toEqual(await ranksOf(memory, sample));
    const page = { period: 'all-time' as Period, now: SUNDAY_LATE, limit: 25, offset: 1_000 };
    expect(await store.leaderboard('guild-a', page)).toEqual(await memory.leaderboard('guild-a', page));
    await checkGroups(url);
  });
});

describe('GIVEN questions recorded again', () => {
  it('THEN nothing changes, whether replayed after it or by two processes at once', async () => {
    const url = await postgres.createDatabase();
    const [first, second] = [storeAt(url), storeAt(url)];
    await Promise.all([first.load(), second.load()]);
    const results = history();
    await recordAll([first], results);
    const groups = () =>
      query(url, 'SELECT * FROM rank_groups ORDER BY guild_id, period, points, correct, reached_at');
    const [seen, grouped] = [await everything(first), await groups()];

    await recordAll([first], results.slice(0, 5));
    await Promise.all(
      results.slice(5, 15).flatMap((result) => [first.record(result), second.record(result)]),
    );
    expect(await everything(first)).toEqual(seen);
    expect(await groups()).toEqual(grouped);

    const memory = new MemoryScoreStore();
    await recordAll([memory], results);
    expect(seen).toEqual(await everything(memory));
  });
});

describe('GIVEN a retried older result', () => {
  it('THEN its points count, and the member keeps the newer name and the place the newer score reached', async () => {
    const url = await postgres.createDatabase();
    const store = storeAt(url);
    await store.load();
    const answer = (userId: string, displayName: string): AnswerOutcome => ({
      userId,
      displayName,
      correct: true,
      points: 100,
      streak: 1,
    });
    const base = { guildId: 'guild-a', roundId: 'r', topic: 't', concepts: [] };
    await store.record({ ...base, questionId: 'q1', at: SUNDAY_LATE - 10, answers: [answer('bob', 'Bob')] });
    await store.record({ ...base, questionId: 'q2', at: SUNDAY_LATE, answers: [answer('ada', 'Ada new')] });
    await store.record({ ...base, questionId: 'q3', at: SUNDAY_LATE - 5, answers: [answer('bob', 'Bob')] });
    // Retried after q2: older, with the name ada had then.
    await store.record({
      ...base,
      questionId: 'q0',
      at: SUNDAY_LATE - 20,
      answers: [answer('ada', 'Ada old')],
    });
    const page = await store.leaderboard('guild-a', {
      period: 'all-time',
      now: SUNDAY_LATE,
      limit: 5,
      offset: 0,
    });
    // Both have 200 points and 2 right; bob reached his at -5, ada hers at 0: bob first.
    expect(page.entries.map((e) => [e.rank, e.userId, e.displayName, e.points])).toEqual([
      [1, 'bob', 'Bob', 200],
      [2, 'ada', 'Ada new', 200],
    ]);
    expect(await store.rankOf('guild-a', 'ada', 'week', SUNDAY_LATE)).toMatchObject({
      rank: 2,
      displayName: 'Ada new',
    });
    await checkGroups(url);
  });
});
