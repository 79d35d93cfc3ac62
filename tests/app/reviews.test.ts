import { describe, expect, it } from 'vitest';
import { comesBackIn, ratingOf, reviewCard } from '../../src/app/reviewScheduling.ts';
import { createStudyApp } from '../../src/app/studyApp.ts';
import { Glossary } from '../../src/bank/glossary.ts';
import type { Bank } from '../../src/bank/loadBank.ts';
import { ManualScheduler } from '../../src/core/manualScheduler.ts';
import type { Question } from '../../src/core/question.ts';
import { seededRandom } from '../../src/core/random.ts';
import { createLogger } from '../../src/logger.ts';
import { MemoryReviewStore } from '../../src/store/MemoryReviewStore.ts';
import { MemoryScoreStore } from '../../src/store/MemoryScoreStore.ts';
import type { ReviewStore } from '../../src/store/ReviewStore.ts';
import { multipleChoice, openQuestion } from '../support/makeQuestions.ts';

const MINUTE = 60_000;
const DAY = 86_400_000;
const START = Date.UTC(2026, 11, 1, 9, 0, 0);
const QUESTION = { id: 'q1', topic: 'sample' };

describe('GIVEN the review scheduler', () => {
  it('THEN wrong is Again, right is Good, and right in the last quarter of the time is Hard', () => {
    expect(ratingOf(false, 1_000, 20_000)).toBe(1);
    expect(ratingOf(true, 14_999, 20_000)).toBe(3);
    expect(ratingOf(true, 15_000, 20_000)).toBe(2);
    expect(ratingOf(true)).toBe(3);
  });

  it('GIVEN a card answered wrong THEN it is due again within minutes', () => {
    const { card, log } = reviewCard(undefined, QUESTION, 1, START, 'round');
    expect(card.due - START).toBeGreaterThan(0);
    expect(card.due - START).toBeLessThanOrEqual(10 * MINUTE);
    expect(log).toMatchObject({ rating: 1, review: START, source: 'round' });
    expect(comesBackIn(card.due, START)).toBe('again in 10 minutes');
  });

  it('GIVEN a card answered right several days apart THEN its interval grows each time', () => {
    let now = START;
    let { card } = reviewCard(undefined, QUESTION, 3, now, 'round');
    const intervals: number[] = [];
    for (let i = 0; i < 4; i++) {
      intervals.push(card.due - now);
      now = card.due;
      card = reviewCard(card, QUESTION, 3, now, 'review').card;
    }
    expect(intervals[0]).toBeGreaterThanOrEqual(DAY);
    for (let i = 1; i < intervals.length; i++)
      expect(intervals[i]).toBeGreaterThan(intervals[i - 1] as number);
  });

  it('THEN when a card comes back reads like a person would say it', () => {
    expect(comesBackIn(START + 10 * MINUTE, START)).toBe('again in 10 minutes');
    expect(comesBackIn(START + 3 * 3_600_000, START)).toBe('again in 3 hours');
    expect(comesBackIn(START + 4 * DAY, START)).toBe('in 4 days');
    expect(comesBackIn(START + DAY, START)).toBe('in 1 day');
  });
});

function bankOf(questions: Question[]): Bank {
  return {
    files: [],
    topics: [
      { id: 'sample', title: 'Sample topic', description: undefined, file: 'sample.yaml' },
      { id: 'other', title: 'Other topic', description: undefined, file: 'other.yaml' },
    ],
    questions,
    glossary: new Glossary([]),
  };
}

function setup(reviewStore: ReviewStore = new MemoryReviewStore()) {
  const scheduler = new ManualScheduler(START);
  const questions = [
    multipleChoice('q1'),
    multipleChoice('q2'),
    multipleChoice('q3'),
    openQuestion('o1'),
    multipleChoice('x1', { topic: 'other' }),
  ];
  const app = createStudyApp({
    bank: () => bankOf(questions),
    store: new MemoryScoreStore(),
    reviewStore,
    scheduler,
    random: seededRandom(1),
    logger: createLogger({ level: 'silent', secrets: [] }),
    defaults: { count: 3, seconds: 20, scoring: 'accuracy', revealSeconds: 5 },
    observers: [],
  });
  return { app, scheduler, reviewStore };
}

/** Plays a round of q1..q3 on topic sample where the member answers right only `rightOn`. */
async function playRound(
  { app, scheduler }: ReturnType<typeof setup>,
  userId: string,
  answers: Record<string, { correct: boolean; afterMs?: number }>,
  guildId = 'g1',
) {
  const started = app.rounds.start({
    guildId,
    channelId: `c-${guildId}`,
    starter: { userId, canModerate: false },
    topic: 'sample',
    count: 4,
    seconds: 20,
  });
  if (!started.ok) throw new Error('round running');
  const round = started.round;
  app.rounds.begin(round);
  while (round.isLive) {
    const question = round.currentQuestion as Question;
    const answer = answers[question.id];
    if (answer && question.type === 'multiple-choice') {
      scheduler.advance(answer.afterMs ?? 1_000);
      app.rounds.answer(
        {
          roundId: round.id,
          questionIndex: round.questionIndex,
          guildId,
          channelId: `c-${guildId}`,
          postId: undefined,
          userId,
        },
        userId,
        { kind: 'choice', index: answer.correct ? 0 : 1 },
      );
    }
    round.skip();
    round.skip();
  }
  await app.reviewRecorder.idle();
}

describe('GIVEN review sessions', () => {
  it('GIVEN a round with misses THEN /review brings back exactly the missed ones first, then new questions', async () => {
    const world = setup();
    await playRound(world, 'ann', { q1: { correct: false }, q2: { correct: true }, q3: { correct: false } });
    const { app } = world;
    expect(await app.reviews.dueCounts('g1', 'ann', world.scheduler.now())).toEqual({ today: 2, week: 3 });
    // What the /stats chart is given: the same counts, at the app's own clock.
    expect(await app.reviewsDue('g1', 'ann')).toEqual({ today: 2, week: 3 });
    expect(await app.reviewsDue('g2', 'ann')).toEqual({ today: 0, week: 0 });
    const first = await app.reviews.start({ guildId: 'g1', userId: 'ann', count: 2 });
    if (first.kind !== 'question') throw new Error('nothing to review');
    expect(first.total).toBe(2);
    const ids = [first.question.id];
    const reveal = await app.reviews.answer(
      { sessionId: first.sessionId, step: 0, userId: 'ann' },
      { kind: 'choice', index: 0 },
    );
    expect(reveal).toMatchObject({ correct: true, rating: 3, saved: true, last: false });
    expect(reveal.due - world.scheduler.now()).toBeGreaterThanOrEqual(DAY);
    const second = await app.reviews.next({ sessionId: first.sessionId, step: 0, userId: 'ann' });
    if (second.kind !== 'question') throw new Error('expected a second question');
    ids.push(second.question.id);
    expect(ids.sort()).toEqual(['q1', 'q3']);
    await app.reviews.answer(
      { sessionId: first.sessionId, step: 1, userId: 'ann' },
      { kind: 'choice', index: 1 },
    );
    const summary = await app.reviews.next({ sessionId: first.sessionId, step: 1, userId: 'ann' });
    expect(summary).toMatchObject({ kind: 'summary', reviewed: 2, right: 1, wrong: 1 });

    const again = await app.reviews.start({ guildId: 'g1', userId: 'ann', count: 5 });
    if (again.kind !== 'question') throw new Error('nothing to review');
    // The missed card again, then the open question never seen (o1); q2 was right and is days away.
    expect(again.total).toBe(2);
  });

  it('GIVEN the answer in the last quarter of the time THEN the card is rated Hard', async () => {
    const world = setup();
    await playRound(world, 'ann', { q1: { correct: true, afterMs: 16_000 } });
    const store = world.reviewStore as MemoryReviewStore;
    expect(store.log.map((entry) => [entry.questionId, entry.rating])).toEqual([['q1', 2]]);
  });

  it('GIVEN two members and two servers THEN sessions see only their own cards', async () => {
    const world = setup();
    await playRound(world, 'ann', { q1: { correct: false } });
    await playRound(world, 'bob', { q2: { correct: false } });
    await playRound(world, 'ann', { q3: { correct: false } }, 'g2');
    const firstOf = async (guildId: string, userId: string) => {
      const step = await world.app.reviews.start({ guildId, userId, count: 1 });
      return step.kind === 'question' ? step.question.id : undefined;
    };
    expect(await firstOf('g1', 'ann')).toBe('q1');
    expect(await firstOf('g1', 'bob')).toBe('q2');
    expect(await firstOf('g2', 'ann')).toBe('q3');
  });

  it('GIVEN a stale or forged click THEN it is refused politely', async () => {
    const world = setup();
    await playRound(world, 'ann', { q1: { correct: false } });
    const step = await world.app.reviews.start({ guildId: 'g1', userId: 'ann' });
    if (step.kind !== 'question') throw new Error('nothing to review');
    await expect(
      world.app.reviews.answer(
        { sessionId: step.sessionId, step: 0, userId: 'bob' },
        { kind: 'choice', index: 0 },
      ),
    ).rejects.toThrow(/belongs to someone else/);
    await expect(
      world.app.reviews.answer({ sessionId: 'nope', step: 0, userId: 'ann' }, { kind: 'choice', index: 0 }),
    ).rejects.toThrow(/has ended/);
    await world.app.reviews.answer(
      { sessionId: step.sessionId, step: 0, userId: 'ann' },
      { kind: 'choice', index: 0 },
    );
    await expect(
      world.app.reviews.answer(
        { sessionId: step.sessionId, step: 0, userId: 'ann' },
        { kind: 'choice', index: 1 },
      ),
    ).rejects.toThrow(/answered this one already/);
  });

  it("GIVEN a round running in the server THEN a review leaves out that round's questions, so no answer leaks", async () => {
    const world = setup();
    await playRound(world, 'ann', { q1: { correct: false } });
    const started = world.app.rounds.start({
      guildId: 'g1',
      channelId: 'c2',
      starter: { userId: 'bob', canModerate: false },
      topic: 'sample',
      count: 4,
    });
    if (!started.ok) throw new Error('round running');
    world.app.rounds.begin(started.round);
    expect(await world.app.reviews.start({ guildId: 'g1', userId: 'ann' })).toMatchObject({
      kind: 'nothing',
    });
    const other = await world.app.reviews.start({ guildId: 'g1', userId: 'ann', topic: 'other' });
    expect(other.kind === 'question' && other.question.id).toBe('x1');
    started.round.stop('stopped-by-member');
    const after = await world.app.reviews.start({ guildId: 'g1', userId: 'ann', count: 1 });
    expect(after.kind === 'question' && after.question.id).toBe('q1');
  });

  it('GIVEN no topic played and none named THEN there is nothing to review, and it says why', async () => {
    const world = setup();
    expect(await world.app.reviews.start({ guildId: 'g1', userId: 'ann' })).toEqual({
      kind: 'nothing',
      noTopics: true,
      nextDue: undefined,
    });
    const step = await world.app.reviews.start({ guildId: 'g1', userId: 'ann', topic: 'other' });
    expect(step.kind === 'question' && step.question.id).toBe('x1');
  });

  it('GIVEN an open question rated by the member THEN the rating schedules its card', async () => {
    const world = setup();
    const easy = await world.app.reviews.rateOpen('g1', 'ann', 'o1', 4);
    expect(easy.due - START).toBeGreaterThan(DAY);
    const again = await world.app.reviews.rateOpen('g1', 'bob', 'o1', 1);
    expect(again.comesBack).toBe('again in 10 minutes');
    await expect(world.app.reviews.rateOpen('g1', 'ann', 'q1', 3)).rejects.toThrow(/no longer in the bank/);
  });
});

describe('GIVEN a review store that cannot save', () => {
  class FailingStore extends MemoryReviewStore {
    failing = false;
    override async save(...args: Parameters<MemoryReviewStore['save']>): Promise<void> {
      if (this.failing) throw new Error('disk full');
      return super.save(...args);
    }
  }

  it('THEN the round goes on, the failure is logged, and a review reveal says the card keeps its date', async () => {
    const store = new FailingStore();
    const lines: string[] = [];
    const scheduler = new ManualScheduler(START);
    const app = createStudyApp({
      bank: () => bankOf([multipleChoice('q1'), multipleChoice('q2')]),
      store: new MemoryScoreStore(),
      reviewStore: store,
      scheduler,
      random: seededRandom(1),
      logger: createLogger({
        level: 'error',
        secrets: [],
        destination: { write: (line: string) => void lines.push(line) },
      }),
      defaults: { count: 2, seconds: 20, scoring: 'accuracy', revealSeconds: 5 },
      observers: [],
    });
    const world = { app, scheduler, reviewStore: store as ReviewStore };
    await playRound(world, 'ann', { q1: { correct: false } });
    store.failing = true;
    await playRound(world, 'ann', { q2: { correct: false } });
    expect(lines.join('')).toMatch(/review cards could not be saved/);

    const step = await app.reviews.start({ guildId: 'g1', userId: 'ann', count: 1 });
    if (step.kind !== 'question') throw new Error('nothing to review');
    const reveal = await app.reviews.answer(
      { sessionId: step.sessionId, step: 0, userId: 'ann' },
      { kind: 'choice', index: 0 },
    );
    expect(reveal).toMatchObject({ correct: true, saved: false });
    expect(lines.join('')).toMatch(/review card could not be saved/);
  });
});
