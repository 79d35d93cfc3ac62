import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createReviewStore, type ReviewStoreConfig } from '../../src/store/createReviewStore.ts';
import { JsonReviewStore } from '../../src/store/JsonReviewStore.ts';
import type { CardUpdate, ReviewCard, ReviewStore } from '../../src/store/ReviewStore.ts';
import { startPostgres, type TestPostgres } from '../support/startPostgres.ts';

let postgres: TestPostgres;
beforeAll(async () => {
  postgres = await startPostgres();
}, 60_000);
afterAll(() => postgres.remove());

const NOW = Date.UTC(2026, 10, 25, 12, 0, 0);
const MINUTE = 60_000;
const DAY = 86_400_000;

function card(questionId: string, due: number, topic = 'realism'): ReviewCard {
  return {
    questionId,
    topic,
    due,
    stability: 2.5,
    difficulty: 5.25,
    elapsedDays: 0,
    scheduledDays: 1,
    learningSteps: 0,
    reps: 1,
    lapses: 0,
    state: 2,
    lastReview: NOW - DAY,
  };
}

function update(guildId: string, userId: string, c: ReviewCard): CardUpdate {
  return {
    guildId,
    userId,
    card: c,
    log: {
      rating: 3,
      state: 0,
      due: NOW,
      stability: 0,
      difficulty: 0,
      elapsedDays: 0,
      lastElapsedDays: 0,
      scheduledDays: 0,
      learningSteps: 0,
      review: NOW,
      source: 'round',
    },
  };
}

describe.each(['memory', 'json', 'postgres'] as const)('GIVEN a %s review store', (kind) => {
  let dir: string;
  let config: ReviewStoreConfig;
  let store: ReviewStore;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'studyquiz-reviews-'));
    config =
      kind === 'memory'
        ? { kind }
        : kind === 'json'
          ? { kind, file: join(dir, 'reviews.json') }
          : { kind, connectionString: await postgres.createDatabase() };
    store = createReviewStore(config);
    await store.load();
  });

  afterEach(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('GIVEN no cards THEN nothing is due, nothing is known and no topic was played', async () => {
    expect(await store.dueCards('g1', 'ann', { dueBy: NOW, limit: 10 })).toEqual([]);
    expect(await store.cards('g1', 'ann', ['q1'])).toEqual(new Map());
    expect(await store.dueCounts('g1', 'ann', { today: NOW, week: NOW + 7 * DAY })).toEqual({
      today: 0,
      week: 0,
    });
    expect(await store.topics('g1', 'ann')).toEqual([]);
  });

  it('GIVEN cards THEN the due ones come most overdue first, up to the limit, optionally by topic', async () => {
    await store.save([
      update('g1', 'ann', card('late', NOW - 2 * DAY)),
      update('g1', 'ann', card('soon', NOW + 5 * MINUTE, 'liberalism')),
      update('g1', 'ann', card('later', NOW + 3 * DAY)),
      update('g1', 'ann', card('now', NOW)),
    ]);
    const due = await store.dueCards('g1', 'ann', { dueBy: NOW + 10 * MINUTE, limit: 10 });
    expect(due.map((c) => c.questionId)).toEqual(['late', 'now', 'soon']);
    expect(due[0]).toEqual(card('late', NOW - 2 * DAY));
    expect((await store.dueCards('g1', 'ann', { dueBy: NOW, limit: 1 })).map((c) => c.questionId)).toEqual([
      'late',
    ]);
    expect(
      (await store.dueCards('g1', 'ann', { dueBy: NOW + DAY, limit: 10, topic: 'liberalism' })).map(
        (c) => c.questionId,
      ),
    ).toEqual(['soon']);
    expect(await store.topics('g1', 'ann')).toEqual(['liberalism', 'realism']);
  });

  it('GIVEN a card saved again THEN it is replaced, not doubled', async () => {
    await store.save([update('g1', 'ann', card('q1', NOW))]);
    await store.save([update('g1', 'ann', { ...card('q1', NOW + 4 * DAY), reps: 2, lastReview: undefined })]);
    const found = await store.cards('g1', 'ann', ['q1', 'q2']);
    expect([...found.keys()]).toEqual(['q1']);
    expect(found.get('q1')).toEqual({ ...card('q1', NOW + 4 * DAY), reps: 2, lastReview: undefined });
    expect(await store.dueCards('g1', 'ann', { dueBy: NOW + DAY, limit: 10 })).toEqual([]);
  });

  it('GIVEN two members and two servers THEN their cards never mix', async () => {
    await store.save([
      update('g1', 'ann', card('ann-g1', NOW)),
      update('g1', 'bob', card('bob-g1', NOW)),
      update('g2', 'ann', card('ann-g2', NOW, 'liberalism')),
    ]);
    const ids = async (guildId: string, userId: string) =>
      (await store.dueCards(guildId, userId, { dueBy: NOW, limit: 10 })).map((c) => c.questionId);
    expect(await ids('g1', 'ann')).toEqual(['ann-g1']);
    expect(await ids('g1', 'bob')).toEqual(['bob-g1']);
    expect(await ids('g2', 'ann')).toEqual(['ann-g2']);
    expect([...(await store.cards('g2', 'ann', ['ann-g1', 'ann-g2'])).keys()]).toEqual(['ann-g2']);
    await store.save([update('g1', 'bob', card('ann-g1', NOW + DAY))]);
    const ofQuestion = await store.cardsOf('g1', 'ann-g1', ['ann', 'bob', 'cy']);
    expect([...ofQuestion.keys()].sort()).toEqual(['ann', 'bob']);
    expect(ofQuestion.get('bob')?.due).toBe(NOW + DAY);
    expect((await store.cardsOf('g2', 'ann-g1', ['ann', 'bob'])).size).toBe(0);
    expect(await store.topics('g2', 'ann')).toEqual(['liberalism']);
  });

  it('GIVEN cards due at different times THEN the due counts split today from the week', async () => {
    await store.save([
      update('g1', 'ann', card('overdue', NOW - DAY)),
      update('g1', 'ann', card('tonight', NOW + 6 * 3_600_000)),
      update('g1', 'ann', card('in-3-days', NOW + 3 * DAY)),
      update('g1', 'ann', card('in-9-days', NOW + 9 * DAY)),
    ]);
    expect(await store.dueCounts('g1', 'ann', { today: NOW + 12 * 3_600_000, week: NOW + 7 * DAY })).toEqual({
      today: 2,
      week: 3,
    });
  });

  it('GIVEN saved cards THEN a new store on the same file or database has them', async () => {
    if (kind === 'memory') return;
    await store.save([update('g1', 'ann', card('q1', NOW))]);
    await store.close();
    store = createReviewStore(config);
    await store.load();
    expect((await store.dueCards('g1', 'ann', { dueBy: NOW, limit: 10 })).map((c) => c.questionId)).toEqual([
      'q1',
    ]);
  });
});

describe('GIVEN the JSON review file', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'studyquiz-reviews-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('GIVEN saves THEN each review is appended to the log beside it, one JSON line each', async () => {
    const store = new JsonReviewStore(join(dir, 'reviews.json'));
    await store.load();
    await store.save([update('g1', 'ann', card('q1', NOW))]);
    await store.save([update('g1', 'bob', card('q1', NOW))]);
    await store.close();
    const lines = (await readFile(join(dir, 'reviews-log.jsonl'), 'utf8')).trim().split('\n');
    expect(lines.map((line) => JSON.parse(line).userId)).toEqual(['ann', 'bob']);
    expect(JSON.parse(lines[0] as string)).toMatchObject({
      guildId: 'g1',
      questionId: 'q1',
      rating: 3,
      source: 'round',
    });
  });

  it('GIVEN a burst of saves in one tick THEN the file is written once', async () => {
    let writes = 0;
    const store = new JsonReviewStore(join(dir, 'reviews.json'), async () => {
      writes++;
    });
    await store.load();
    await Promise.all([1, 2, 3, 4, 5].map((n) => store.save([update('g1', 'ann', card(`q${n}`, NOW))])));
    expect(writes).toBe(1);
  });

  it.each([
    ['not JSON', '{"format": "studyquiz-reviews", ', /is not valid JSON/],
    ['another format', '{"format": "studyquiz-scores", "version": 2}', /not a studyquiz review file/],
    ['a newer version', '{"format": "studyquiz-reviews", "version": 9, "guilds": {}}', /version 9 is not 1/],
    [
      'a broken card',
      '{"format": "studyquiz-reviews", "version": 1, "guilds": {"g1": {"ann": [["q1", "t", "soon"]]}}}',
      /guilds\.g1\.ann\[0\] is not a card/,
    ],
  ])(
    'GIVEN %s THEN load fails naming the file and what to do, and leaves it untouched',
    async (_, text, problem) => {
      const file = join(dir, 'reviews.json');
      await writeFile(file, text);
      const store = new JsonReviewStore(file);
      const failure = await store.load().then(
        () => undefined,
        (error: unknown) => error as Error,
      );
      expect(failure?.message).toMatch(problem);
      expect(failure?.message).toContain(file);
      expect(failure?.message).toMatch(/move it aside/);
      await expect(store.save([update('g1', 'ann', card('q1', NOW))])).rejects.toThrow(
        /Load the review file/,
      );
      expect(await readFile(file, 'utf8')).toBe(text);
    },
  );
});
