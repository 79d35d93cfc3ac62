import { describe, expect, it } from 'vitest';
import type { RoundObserver } from '../../src/app/roundObserver.ts';
import { createStudyApp } from '../../src/app/studyApp.ts';
import { Glossary } from '../../src/bank/glossary.ts';
import type { Bank } from '../../src/bank/loadBank.ts';
import { ManualScheduler } from '../../src/core/manualScheduler.ts';
import type { Question } from '../../src/core/question.ts';
import { seededRandom } from '../../src/core/random.ts';
import { createLogger } from '../../src/logger.ts';
import { MemoryScoreStore } from '../../src/store/MemoryScoreStore.ts';
import type { QuestionResult, ScoreStore } from '../../src/store/ScoreStore.ts';
import { multipleChoice, openQuestion } from '../support/makeQuestions.ts';

const PLACE = { guildId: 'g1', channelId: 'c1' };
const STARTER = { userId: 'ann', canModerate: false };

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

function setup(options: { questions?: Question[]; store?: ScoreStore } = {}) {
  const scheduler = new ManualScheduler(Date.UTC(2026, 11, 1));
  const store = options.store ?? new MemoryScoreStore();
  const saves: boolean[] = [];
  const observer: RoundObserver = {
    questionOpened() {},
    answerLocked() {},
    questionClosed(_round, _outcome, saved) {
      void saved.then((ok) => saves.push(ok));
    },
    roundEnded() {},
  };
  const app = createStudyApp({
    bank: () => bankOf(options.questions ?? [multipleChoice('q1'), multipleChoice('q2')]),
    store,
    scheduler,
    random: seededRandom(1),
    logger: createLogger({ level: 'silent', secrets: [] }),
    defaults: { count: 10, seconds: 20, scoring: 'accuracy', revealSeconds: 5 },
    observers: [observer],
  });
  return { app, scheduler, store, saves };
}

function startedRound(app: ReturnType<typeof setup>['app'], request = {}) {
  const started = app.rounds.start({ ...PLACE, starter: STARTER, ...request });
  if (!started.ok) throw new Error('a round was already running');
  app.rounds.begin(started.round);
  return started;
}

const origin = (roundId: string, overrides = {}) => ({
  roundId,
  questionIndex: 0,
  ...PLACE,
  postId: undefined as string | undefined,
  userId: 'bob',
  ...overrides,
});

describe('starting a round', () => {
  it.each([
    [{ count: 0 }, /count must be a whole number from 1 to 50/],
    [{ count: 51 }, /count must be a whole number from 1 to 50/],
    [{ seconds: 4 }, /seconds must be a whole number from 5 to 120/],
    [{ seconds: 2.5 }, /seconds must be a whole number from 5 to 120/],
    [{ scoring: 'fastest' }, /scoring must be accuracy or speed/],
    [{ difficulty: 'brutal' }, /difficulty must be easy, medium, hard/],
    [{ topic: 'nope' }, /There is no topic "nope"\. Pick one from the list: `sample`, `other`/],
    [{ topic: 'other' }, /No questions match topic Other topic/],
  ])('GIVEN %o THEN it is refused with what would be valid', (request, message) => {
    const { app } = setup();
    expect(() => app.rounds.start({ ...PLACE, starter: STARTER, ...request })).toThrow(message);
    expect(app.rounds.liveCount).toBe(0);
  });

  it('GIVEN a topic named by its title in any case THEN the round draws from it', () => {
    const { app } = setup();
    const started = startedRound(app, { topic: 'SAMPLE TOPIC', count: 2 });
    expect(started).toMatchObject({ drawn: 2, asked: 2, topicTitle: 'Sample topic' });
  });

  it('GIVEN hostile text as the topic THEN the refusal quotes it inert', () => {
    const { app } = setup();
    expect(() =>
      app.rounds.start({ ...PLACE, starter: STARTER, topic: '[click](https://evil.example) @everyone' }),
    ).toThrow(/\\\[click\\\]\\\(https\\:\/\/evil\.example\\\) \\@everyone/);
  });

  it('GIVEN a round in the channel THEN a second start points at it', () => {
    const { app } = setup();
    const first = startedRound(app);
    expect(app.rounds.start({ ...PLACE, starter: { userId: 'bob', canModerate: true } })).toMatchObject({
      ok: false,
      reason: 'round-in-progress',
      round: first.round,
    });
  });

  it('GIVEN the round was stopped before it began THEN begin opens nothing', () => {
    const { app } = setup();
    const started = app.rounds.start({ ...PLACE, starter: STARTER });
    if (!started.ok) throw new Error('not started');
    app.rounds.end(started.round, 'channel-refused');
    expect(app.rounds.begin(started.round)).toBe(false);
    expect(started.round.questionIndex).toBe(-1);
  });
});

describe('who may stop or skip', () => {
  it('GIVEN a member who neither started nor moderates THEN stop and skip are refused and the round goes on', () => {
    const { app } = setup();
    const { round } = startedRound(app);
    const bob = { userId: 'bob', canModerate: false };
    expect(() => app.rounds.stop(PLACE.channelId, bob)).toThrow(/Only the member who started this round/);
    expect(() => app.rounds.skip(PLACE.channelId, bob)).toThrow(/can skip it/);
    expect(round.phase).toBe('asking');
  });

  it('GIVEN the starter or a moderator THEN they may, and the round says why it ended', () => {
    const { app } = setup();
    const { round } = startedRound(app);
    expect(app.rounds.skip(PLACE.channelId, STARTER)).toMatchObject({ closedQuestion: true });
    expect(app.rounds.skip(PLACE.channelId, { userId: 'mod', canModerate: true })).toMatchObject({
      closedQuestion: false,
    });
    app.rounds.stop(PLACE.channelId, { userId: 'mod', canModerate: true });
    expect(round.endReason).toBe('stopped-by-member');
    expect(() => app.rounds.stop(PLACE.channelId, STARTER)).toThrow(/No round is running in this channel/);
  });

  it('GIVEN shutdown THEN every round ends for that reason and nothing new starts', async () => {
    const { app } = setup();
    const { round } = startedRound(app);
    await app.rounds.shutdown();
    expect(round.endReason).toBe('shutdown');
    expect(() => app.rounds.start({ ...PLACE, starter: STARTER })).toThrow(/restarting/);
  });

  it('GIVEN the channel or its server is gone THEN its rounds end, others go on', () => {
    const { app } = setup();
    const here = startedRound(app).round;
    const there = startedRound(app, { channelId: 'c2' }).round;
    const abroad = startedRound(app, { guildId: 'g2', channelId: 'c3' }).round;
    app.rounds.channelGone('c1');
    app.rounds.guildGone('g2');
    expect([here.endReason, there.endReason, abroad.endReason]).toEqual([
      'channel-gone',
      undefined,
      'channel-gone',
    ]);
  });
});

describe('answers come from the round’s own place', () => {
  it('GIVEN a click from the round’s server, channel and question message THEN it is locked in', () => {
    const { app } = setup();
    const { round } = startedRound(app);
    round.markShown(0, 'message-1');
    const result = app.rounds.answer(origin(round.id, { postId: 'message-1' }), 'Bob', {
      kind: 'choice',
      index: 0,
    });
    expect(result).toMatchObject({ ok: true, answerText: 'Right', answeredCount: 1 });
  });

  it.each([
    ['another channel', { channelId: 'c2' }],
    ['another server', { guildId: 'g2' }],
    ['a direct message', { guildId: null, channelId: null }],
    ['another message', { postId: 'message-2' }],
  ])('GIVEN the round’s id from %s THEN it is refused and counts for nothing', (_where, place) => {
    const { app } = setup();
    const { round } = startedRound(app);
    round.markShown(0, 'message-1');
    expect(app.rounds.answer(origin(round.id, place), 'Bob', { kind: 'choice', index: 0 })).toEqual({
      ok: false,
      reason: 'not-this-round',
    });
    expect(app.rounds.answerBox(origin(round.id, place))).toEqual({ ok: false, reason: 'not-this-round' });
    expect(round.answeredCount).toBe(0);
  });

  it('GIVEN an id of no round, or of an ended one THEN the refusal says which', () => {
    const { app } = setup();
    const { round } = startedRound(app);
    expect(app.rounds.answer(origin('zzzz'), 'Bob', { kind: 'choice', index: 0 })).toMatchObject({
      reason: 'unknown-round',
    });
    app.rounds.stop(PLACE.channelId, STARTER);
    expect(app.rounds.answer(origin(round.id), 'Bob', { kind: 'choice', index: 0 })).toMatchObject({
      reason: 'round-over',
    });
  });

  it('GIVEN a discussion question THEN its model answer is shown only in its own place', () => {
    const { app } = setup({ questions: [openQuestion('q1')] });
    const { round } = startedRound(app);
    expect(app.rounds.modelAnswer(origin(round.id))).toEqual({
      ok: true,
      text: 'A model answer.',
      questionId: 'q1',
    });
    expect(app.rounds.modelAnswer(origin(round.id, { channelId: 'c2' }))).toMatchObject({ ok: false });
  });
});

describe('recording results', () => {
  it('GIVEN a closed question THEN its results are recorded through the port and the observers hear they were saved', async () => {
    const { app, scheduler, store, saves } = setup({ questions: [multipleChoice('q1')] });
    const { round } = startedRound(app);
    app.rounds.answer(origin(round.id), 'Bob', { kind: 'choice', index: 0 });
    scheduler.advance(20_000);
    await app.rounds.shutdown();
    expect(saves).toEqual([true]);
    expect(await store.rankOf('g1', 'bob', 'all-time', scheduler.now())).toMatchObject({
      rank: 1,
      points: 100,
    });
  });

  it('GIVEN a store that cannot save THEN the observers hear it and nothing throws', async () => {
    const failing: ScoreStore = Object.assign(new MemoryScoreStore(), {
      record: async (_result: QuestionResult) => {
        throw new Error('connection lost');
      },
    });
    const { app, scheduler, saves } = setup({ questions: [multipleChoice('q1')], store: failing });
    const { round } = startedRound(app);
    app.rounds.answer(origin(round.id), 'Bob', { kind: 'choice', index: 0 });
    scheduler.advance(20_000);
    await app.rounds.shutdown();
    expect(saves).toEqual([false]);
  });
});
