import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createScoreStore, type ScoreStoreConfig } from '../../src/store/createScoreStore.ts';
import type { ScoreStore } from '../../src/store/ScoreStore.ts';
import { startPostgres, type TestPostgres } from '../support/startPostgres.ts';
import { MONDAY_EARLY, result, right, SUNDAY_LATE, wrong } from './results.ts';

let postgres: TestPostgres;
beforeAll(async () => {
  postgres = await startPostgres();
}, 60_000);
afterAll(() => postgres.remove());

// One specification, run against every store: they must behave the same.
describe.each(['memory', 'json', 'postgres'] as const)('GIVEN a %s score store', (kind) => {
  let dir: string;
  let store: ScoreStore;

  /** Each test starts empty: a fresh file, or a fresh database. */
  const freshStore = async (): Promise<ScoreStoreConfig> => {
    switch (kind) {
      case 'memory':
        return { kind };
      case 'json':
        return { kind, file: join(dir, 'scores.json') };
      case 'postgres':
        return { kind, connectionString: await postgres.createDatabase() };
    }
  };

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'studyquiz-store-'));
    store = createScoreStore(await freshStore());
    await store.load();
  });

  afterEach(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  const top = (
    guildId: string,
    period: 'all-time' | 'week' = 'all-time',
    now = SUNDAY_LATE,
    limit = 10,
    offset = 0,
  ) => store.leaderboard(guildId, { period, limit, offset, now });

  it('GIVEN nothing recorded THEN leaderboards are empty and members unknown', async () => {
    expect(await top('guild-a')).toEqual({ entries: [], total: 0 });
    expect(await store.rankOf('guild-a', 'ada', 'all-time', SUNDAY_LATE)).toBeUndefined();
    expect(await store.memberStats('guild-a', 'ada')).toBeUndefined();
  });

  it('GIVEN answers THEN the leaderboard ranks by points with totals', async () => {
    await store.record(result({ answers: [right('ada', 300), right('bob', 500), wrong('cy')] }));
    await store.record(result({ answers: [right('ada', 400), wrong('bob')] }));

    expect(await top('guild-a')).toEqual({
      total: 3,
      entries: [
        { rank: 1, userId: 'ada', displayName: 'Name ada', points: 700, answered: 2, correct: 2 },
        { rank: 2, userId: 'bob', displayName: 'Name bob', points: 500, answered: 2, correct: 1 },
        { rank: 3, userId: 'cy', displayName: 'Name cy', points: 0, answered: 1, correct: 0 },
      ],
    });
  });

  it('GIVEN the same member in two guilds THEN points never show in the other guild', async () => {
    await store.record(result({ guildId: 'guild-a', answers: [right('ada', 300)] }));
    await store.record(result({ guildId: 'guild-b', answers: [right('ada', 50), right('bob', 70)] }));

    expect((await top('guild-a')).entries.map((e) => [e.userId, e.points])).toEqual([['ada', 300]]);
    expect((await top('guild-b')).entries.map((e) => [e.userId, e.points])).toEqual([
      ['bob', 70],
      ['ada', 50],
    ]);
    expect((await store.memberStats('guild-b', 'ada'))?.points).toBe(50);
    expect(await store.rankOf('guild-a', 'bob', 'all-time', SUNDAY_LATE)).toBeUndefined();
  });

  it('GIVEN a result on Sunday 23:59 UTC and one on Monday 00:00 UTC THEN they fall in different weeks', async () => {
    await store.record(result({ at: SUNDAY_LATE, answers: [right('ada', 300)] }));
    await store.record(result({ at: MONDAY_EARLY, answers: [right('bob', 100)] }));

    const points = async (period: 'all-time' | 'week', now: number) =>
      (await top('guild-a', period, now)).entries.map((e) => [e.userId, e.points]);
    expect(await points('week', SUNDAY_LATE)).toEqual([['ada', 300]]);
    expect(await points('week', MONDAY_EARLY)).toEqual([['bob', 100]]);
    expect(await points('week', MONDAY_EARLY + 6 * 86_400_000)).toEqual([['bob', 100]]);
    expect(await points('week', MONDAY_EARLY + 7 * 86_400_000)).toEqual([]);
    expect(await points('all-time', MONDAY_EARLY)).toEqual([
      ['ada', 300],
      ['bob', 100],
    ]);
    expect(await store.rankOf('guild-a', 'ada', 'week', MONDAY_EARLY)).toBeUndefined();
    expect((await store.rankOf('guild-a', 'ada', 'all-time', MONDAY_EARLY))?.rank).toBe(1);
  });

  it('GIVEN results around New Year 2027 THEN 2026-12-31 and 2027-01-03 share ISO week 2026-W53', async () => {
    const dec31 = Date.UTC(2026, 11, 31, 12);
    const jan3 = Date.UTC(2027, 0, 3, 23, 59);
    const jan4 = Date.UTC(2027, 0, 4, 0, 0);
    await store.record(result({ at: dec31, answers: [right('ada', 10)] }));
    await store.record(result({ at: jan3, answers: [right('bob', 20)] }));
    await store.record(result({ at: jan4, answers: [right('cy', 30)] }));

    expect((await top('guild-a', 'week', Date.UTC(2027, 0, 1))).entries.map((e) => e.userId)).toEqual([
      'bob',
      'ada',
    ]);
    expect((await top('guild-a', 'week', jan4)).entries.map((e) => e.userId)).toEqual(['cy']);
  });

  it('GIVEN weekly and all-time totals THEN the weekly page counts only that week', async () => {
    await store.record(result({ at: SUNDAY_LATE, answers: [right('ada', 300), right('bob', 100)] }));
    await store.record(result({ at: MONDAY_EARLY, answers: [wrong('ada'), right('bob', 50)] }));

    expect((await top('guild-a', 'week', MONDAY_EARLY)).entries).toEqual([
      { rank: 1, userId: 'bob', displayName: 'Name bob', points: 50, answered: 1, correct: 1 },
      { rank: 2, userId: 'ada', displayName: 'Name ada', points: 0, answered: 1, correct: 0 },
    ]);
    expect((await store.rankOf('guild-a', 'bob', 'week', MONDAY_EARLY))?.points).toBe(50);
    expect((await store.rankOf('guild-a', 'bob', 'all-time', MONDAY_EARLY))?.points).toBe(150);
  });

  it('GIVEN equal points THEN more correct answers rank first, then whoever got there first, then user id', async () => {
    const t = SUNDAY_LATE - 3_600_000;
    // Equal points, but dan needed fewer correct answers: more correct answers win.
    await store.record(result({ at: t, answers: [right('dan', 200), right('eve', 100)] }));
    await store.record(result({ at: t + 1000, answers: [right('eve', 100)] }));
    // zed and amy reach 200 together, after eve: user id decides between them.
    await store.record(result({ at: t + 2000, answers: [right('zed', 100), right('amy', 100)] }));
    await store.record(result({ at: t + 3000, answers: [right('zed', 100), right('amy', 100)] }));
    // bea reaches 200 first of all.
    await store.record(result({ at: t - 1000, answers: [right('bea', 100)] }));
    await store.record(result({ at: t - 500, answers: [right('bea', 100)] }));

    expect((await top('guild-a')).entries.map((e) => e.userId)).toEqual(['bea', 'eve', 'amy', 'zed', 'dan']);
    expect((await top('guild-a')).entries.map((e) => e.rank)).toEqual([1, 2, 3, 4, 5]);
  });

  it('GIVEN a wrong answer after a score THEN it does not count as reaching the score later', async () => {
    await store.record(result({ at: 1000, answers: [right('ada', 100)] }));
    await store.record(result({ at: 2000, answers: [right('bob', 100)] }));
    await store.record(result({ at: 3000, answers: [wrong('ada')] }));

    expect((await top('guild-a', 'all-time', 3000)).entries.map((e) => e.userId)).toEqual(['ada', 'bob']);
  });

  it('GIVEN 25 members THEN pages follow each other without gaps and rankOf agrees beyond the first page', async () => {
    const answers = Array.from({ length: 25 }, (_, i) =>
      right(`m${String(i).padStart(2, '0')}`, 1000 - i * 10),
    );
    await store.record(result({ answers }));

    const pages = await Promise.all(
      [0, 10, 20].map((offset) => top('guild-a', 'all-time', SUNDAY_LATE, 10, offset)),
    );
    expect(pages.map((p) => p.entries.length)).toEqual([10, 10, 5]);
    expect(pages.every((p) => p.total === 25)).toBe(true);
    const all = pages.flatMap((p) => p.entries);
    expect(all.map((e) => e.rank)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    expect(all.map((e) => e.userId)).toEqual(answers.map((a) => a.userId));
    expect((await top('guild-a', 'all-time', SUNDAY_LATE, 10, 30)).entries).toEqual([]);

    expect(await store.rankOf('guild-a', 'm17', 'all-time', SUNDAY_LATE)).toEqual({
      rank: 18,
      userId: 'm17',
      displayName: 'Name m17',
      points: 830,
      answered: 1,
      correct: 1,
    });
    expect((await store.rankOf('guild-a', 'm24', 'week', SUNDAY_LATE))?.rank).toBe(25);
  });

  it('GIVEN a member overtakes others THEN ranks move with the new points', async () => {
    await store.record(result({ answers: [right('ada', 300), right('bob', 200), right('cy', 100)] }));
    expect((await store.rankOf('guild-a', 'cy', 'all-time', SUNDAY_LATE))?.rank).toBe(3);
    await store.record(result({ answers: [right('cy', 500)] }));
    expect((await store.rankOf('guild-a', 'cy', 'all-time', SUNDAY_LATE))?.rank).toBe(1);
    expect((await store.rankOf('guild-a', 'ada', 'week', SUNDAY_LATE))?.rank).toBe(2);
    expect((await top('guild-a')).entries.map((e) => e.userId)).toEqual(['cy', 'ada', 'bob']);
  });

  it('GIVEN streaks and topics THEN member stats keep the best streak and per-topic and per-concept tallies', async () => {
    await store.record(
      result({
        topic: 'ir-theory',
        concepts: ['anarchy', 'security-dilemma'],
        answers: [right('ada', 100, 1)],
      }),
    );
    await store.record(
      result({ topic: 'ir-theory', concepts: ['anarchy'], answers: [right('ada', 100, 2)] }),
    );
    await store.record(
      result({ topic: 'ir-theory', concepts: ['anarchy'], answers: [right('ada', 100, 3)] }),
    );
    await store.record(result({ topic: 'history', concepts: ['security-dilemma'], answers: [wrong('ada')] }));
    await store.record(
      result({
        topic: 'history',
        concepts: ['hegemony'],
        answers: [{ ...right('ada', 100, 1), displayName: 'Ada L.' }],
      }),
    );

    expect(await store.memberStats('guild-a', 'ada')).toEqual({
      userId: 'ada',
      displayName: 'Ada L.',
      points: 400,
      answered: 5,
      correct: 4,
      bestStreak: 3,
      topics: { 'ir-theory': { answered: 3, correct: 3 }, history: { answered: 2, correct: 1 } },
      concepts: {
        anarchy: { answered: 3, correct: 3 },
        'security-dilemma': { answered: 2, correct: 1 },
        hegemony: { answered: 1, correct: 1 },
      },
    });
    expect((await top('guild-a')).entries[0]?.displayName).toBe('Ada L.');
  });

  it('GIVEN a question naming a concept twice THEN the concept is counted once', async () => {
    await store.record(result({ concepts: ['anarchy', 'anarchy'], answers: [right('ada')] }));
    expect((await store.memberStats('guild-a', 'ada'))?.concepts).toEqual({
      anarchy: { answered: 1, correct: 1 },
    });
  });

  it('GIVEN a closed store THEN recording is refused', async () => {
    await store.record(result({ answers: [right('ada')] }));
    await store.close();
    await expect(store.record(result({ answers: [right('bob')] }))).rejects.toThrow(/closed/);
    expect((await store.memberStats('guild-a', 'ada'))?.points).toBe(100);
  });

  it('GIVEN the same round and question recorded twice (a retry) THEN it counts once', async () => {
    const once = result({ answers: [right('ada', 300), wrong('bob')] });
    await store.record(once);
    await store.record({ ...once });
    await store.record(
      result({ roundId: 'round-2', questionId: once.questionId, answers: [right('ada', 1)] }),
    );

    expect((await top('guild-a')).entries.map((e) => [e.userId, e.points, e.answered])).toEqual([
      ['ada', 301, 2],
      ['bob', 0, 1],
    ]);
  });
  it('GIVEN answers over several weeks THEN weeklyPoints gives the member’s points per ISO week, oldest first, 0 for a quiet week', async () => {
    const WEEK = 7 * 86_400_000;
    await store.record(result({ at: MONDAY_EARLY, answers: [right('ada', 100), right('bob', 40)] }));
    await store.record(result({ at: MONDAY_EARLY + 3_600_000, answers: [right('ada', 50)] }));
    await store.record(result({ at: SUNDAY_LATE, answers: [right('ada', 30), wrong('bob')] }));
    await store.record(result({ at: SUNDAY_LATE - 2 * WEEK, answers: [right('ada', 7)] }));
    await store.record(result({ at: SUNDAY_LATE - 9 * WEEK, answers: [right('ada', 900)] }));
    await store.record(result({ guildId: 'guild-b', at: MONDAY_EARLY, answers: [right('ada', 1000)] }));

    expect(await store.weeklyPoints('guild-a', 'ada', 4, MONDAY_EARLY + WEEK - 60_000)).toEqual([
      { week: '2026-W46', points: 7 },
      { week: '2026-W47', points: 0 },
      { week: '2026-W48', points: 30 },
      { week: '2026-W49', points: 150 },
    ]);
    expect((await store.weeklyPoints('guild-a', 'bob', 2, MONDAY_EARLY)).map((w) => w.points)).toEqual([
      0, 40,
    ]);
    const asked20 = await store.weeklyPoints('guild-a', 'ada', 20, MONDAY_EARLY);
    expect(asked20).toHaveLength(8);
    expect(asked20[0]?.week).toBe('2026-W42');
    expect(asked20.reduce((sum, w) => sum + w.points, 0)).toBe(187);
    expect(await store.weeklyPoints('guild-a', 'nobody', 2, MONDAY_EARLY)).toEqual([
      { week: '2026-W48', points: 0 },
      { week: '2026-W49', points: 0 },
    ]);
  });
});
