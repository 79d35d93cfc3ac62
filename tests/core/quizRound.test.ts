import { describe, expect, it } from 'vitest';
import { ManualScheduler } from '../../src/core/manualScheduler.ts';
import type { Question } from '../../src/core/question.ts';
import { QuizRound, type RoundSettings } from '../../src/core/quizRound.ts';
import { multipleChoice, openQuestion, shortAnswer, trueFalse } from '../support/makeQuestions.ts';
import { RecordingListener } from '../support/recordingListener.ts';

const SETTINGS: RoundSettings = { secondsPerQuestion: 20, revealSeconds: 5, scoring: 'accuracy' };

function setup(questions: Question[], settings: Partial<RoundSettings> = {}) {
  const scheduler = new ManualScheduler();
  const listener = new RecordingListener();
  const round = new QuizRound({
    place: { roundId: 'r1', guildId: 'g1', channelId: 'c1', starterId: 'starter' },
    questions,
    settings: { ...SETTINGS, ...settings },
    scheduler,
    listener,
  });
  round.start();
  return { scheduler, listener, round };
}

const A = { kind: 'choice', index: 0 } as const;
const B = { kind: 'choice', index: 1 } as const;

describe('a round of questions', () => {
  it('GIVEN a started round THEN the first question is open with a deadline seconds ahead', () => {
    const { round, scheduler, listener } = setup([multipleChoice('q1')]);
    expect(round.phase).toBe('asking');
    expect(listener.events[0]).toEqual({ type: 'opened', index: 0, deadline: scheduler.now() + 20_000 });
  });

  it('GIVEN the deadline passes THEN the question closes, the answers are scored and the next question opens after the reveal', () => {
    const { round, scheduler, listener } = setup([multipleChoice('q1'), trueFalse('q2')]);
    round.submit('ann', 'Ann', 0, A);
    round.submit('bob', 'Bob', 0, B);
    scheduler.advance(20_000);
    expect(round.phase).toBe('revealing');
    const [outcome] = listener.outcomes();
    expect(outcome?.answers.map((a) => [a.userId, a.correct, a.points])).toEqual([
      ['ann', true, 100],
      ['bob', false, 0],
    ]);
    scheduler.advance(4_999);
    expect(round.questionIndex).toBe(0);
    scheduler.advance(1);
    expect(round.phase).toBe('asking');
    expect(round.questionIndex).toBe(1);
  });

  it('GIVEN the last question closes THEN the round finishes with standings and no timer is left', () => {
    const { round, scheduler, listener } = setup([multipleChoice('q1'), trueFalse('q2', false)]);
    round.submit('ann', 'Ann', 0, A);
    scheduler.advance(25_000);
    round.submit('ann', 'Ann', 1, { kind: 'boolean', value: false });
    round.submit('bob', 'Bob', 1, { kind: 'boolean', value: false });
    scheduler.advance(20_000);
    expect(round.phase).toBe('finished');
    expect(listener.types).toEqual([
      'opened',
      'locked',
      'closed',
      'opened',
      'locked',
      'locked',
      'closed',
      'ended',
    ]);
    expect(
      listener.ended()?.standings.map((s) => [s.rank, s.userId, s.points, s.correct, s.answered]),
    ).toEqual([
      [1, 'ann', 200, 2, 2],
      [2, 'bob', 100, 1, 1],
    ]);
    expect(scheduler.pendingTimers).toBe(0);
  });
});

describe('answers', () => {
  it('GIVEN a member already answered THEN a second answer is refused and the first stands', () => {
    const { round, scheduler, listener } = setup([multipleChoice('q1')]);
    expect(round.submit('ann', 'Ann', 0, B)).toEqual({ ok: true, answerText: 'Wrong', answeredCount: 1 });
    expect(round.submit('ann', 'Ann', 0, A)).toEqual({ ok: false, reason: 'already-answered' });
    scheduler.advance(20_000);
    expect(listener.outcomes()[0]?.answers).toHaveLength(1);
    expect(listener.outcomes()[0]?.answers[0]?.correct).toBe(false);
  });

  it('GIVEN an answer for a question that has closed THEN it is refused', () => {
    const { round, scheduler } = setup([multipleChoice('q1'), multipleChoice('q2')]);
    scheduler.advance(20_000);
    expect(round.submit('ann', 'Ann', 0, A)).toEqual({ ok: false, reason: 'question-closed' });
    scheduler.advance(5_000);
    expect(round.submit('ann', 'Ann', 0, A)).toEqual({ ok: false, reason: 'question-closed' });
    expect(round.submit('ann', 'Ann', 1, A).ok).toBe(true);
  });

  it('GIVEN the round has ended THEN answers are refused as round over', () => {
    const { round, scheduler } = setup([multipleChoice('q1')]);
    scheduler.advance(20_000);
    expect(round.submit('ann', 'Ann', 0, A)).toEqual({ ok: false, reason: 'round-over' });
  });

  it('GIVEN an answer that does not fit the question THEN it is refused as invalid', () => {
    const { round } = setup([multipleChoice('q1')]);
    expect(round.submit('ann', 'Ann', 0, { kind: 'choice', index: 7 })).toEqual({
      ok: false,
      reason: 'invalid-answer',
    });
    expect(round.submit('ann', 'Ann', 0, { kind: 'boolean', value: true })).toEqual({
      ok: false,
      reason: 'invalid-answer',
    });
    expect(round.answeredCount).toBe(0);
  });

  it('GIVEN a short-answer question THEN typed answers are judged leniently but not loosely', () => {
    const { round, scheduler, listener } = setup([shortAnswer('q1', ['Kenneth Waltz', 'Waltz'])]);
    round.submit('ann', 'Ann', 0, { kind: 'text', text: 'kenneth waltz' });
    round.submit('bob', 'Bob', 0, { kind: 'text', text: 'Waltzing Matilda' });
    round.submit('cy', 'Cy', 0, { kind: 'text', text: 'Kenneth Walts' });
    scheduler.advance(20_000);
    expect(listener.outcomes()[0]?.answers.map((a) => a.correct)).toEqual([true, false, true]);
  });

  it('GIVEN a typed answer THEN the result keeps it as typed and says which accepted answer it counted as', () => {
    const { round } = setup([shortAnswer('q1', ['Kenneth Waltz', 'Waltz'], { reject: ['Walt'] })]);
    expect(round.submit('ann', 'Ann', 0, { kind: 'text', text: 'kenneth waltzz' })).toEqual({
      ok: true,
      answerText: 'kenneth waltzz',
      acceptedAs: 'Kenneth Waltz',
      answeredCount: 1,
    });
    expect(round.submit('bob', 'Bob', 0, { kind: 'text', text: 'Walt' })).toStrictEqual({
      ok: true,
      answerText: 'Walt',
      answeredCount: 2,
    });
  });

  it('GIVEN an open question THEN nothing can be locked in and nobody scores', () => {
    const { round, scheduler, listener } = setup([openQuestion('q1')]);
    expect(round.submit('ann', 'Ann', 0, { kind: 'text', text: 'my view' })).toEqual({
      ok: false,
      reason: 'not-scored',
    });
    scheduler.advance(20_000);
    expect(listener.outcomes()[0]?.answers).toEqual([]);
    expect(listener.ended()?.standings).toEqual([]);
  });

  it('GIVEN each lock-in THEN listeners hear the running count', () => {
    const { round, listener } = setup([multipleChoice('q1')]);
    for (const user of ['a', 'b', 'c']) round.submit(user, user, 0, A);
    expect(
      listener.events.filter((e) => e.type === 'locked').map((e) => (e.type === 'locked' ? e.count : 0)),
    ).toEqual([1, 2, 3]);
  });
});

describe('speed scoring and streaks', () => {
  it('GIVEN speed scoring THEN faster correct answers earn more and streaks add a bonus', () => {
    const { round, scheduler, listener } = setup([multipleChoice('q1'), multipleChoice('q2')], {
      scoring: 'speed',
    });
    round.submit('fast', 'Fast', 0, A);
    scheduler.advance(10_000);
    round.submit('slow', 'Slow', 0, A);
    scheduler.advance(15_000);
    round.submit('fast', 'Fast', 1, A);
    scheduler.advance(20_000);
    const [first, second] = listener.outcomes();
    expect(first?.answers.map((a) => a.points)).toEqual([1000, 750]);
    expect(second?.answers.map((a) => [a.userId, a.points, a.streak])).toEqual([['fast', 1100, 2]]);
  });

  it('GIVEN a member skips a question THEN their streak starts again', () => {
    const { round, scheduler } = setup([multipleChoice('q1'), multipleChoice('q2'), multipleChoice('q3')]);
    round.submit('ann', 'Ann', 0, A);
    scheduler.advance(25_000);
    scheduler.advance(25_000);
    round.submit('ann', 'Ann', 2, A);
    scheduler.advance(20_000);
    expect(round.outcomes[2]?.answers[0]?.streak).toBe(1);
    expect(round.standings()[0]?.bestStreak).toBe(1);
  });
});

describe('skip and stop', () => {
  it('GIVEN skip during a question THEN it closes now with the answers so far, and the timer is cancelled', () => {
    const { round, scheduler, listener } = setup([multipleChoice('q1'), multipleChoice('q2')]);
    round.submit('ann', 'Ann', 0, A);
    expect(round.skip()).toBe(true);
    expect(listener.outcomes()[0]?.answers).toHaveLength(1);
    expect(round.skip()).toBe(true);
    expect(round.questionIndex).toBe(1);
    scheduler.advance(19_999);
    expect(listener.outcomes()).toHaveLength(1);
  });

  it('GIVEN stop mid-question THEN the open question is dropped unscored and no timer fires later', () => {
    const { round, scheduler, listener } = setup([multipleChoice('q1'), multipleChoice('q2')]);
    round.submit('ann', 'Ann', 0, A);
    scheduler.advance(25_000);
    round.submit('ann', 'Ann', 1, A);
    expect(round.stop('stopped-by-member')).toBe(true);
    expect(round.phase).toBe('stopped');
    expect(listener.ended()).toMatchObject({ reason: 'stopped-by-member' });
    expect(round.endReason).toBe('stopped-by-member');
    expect(round.droppedQuestion).toBe(1);
    expect(listener.ended()?.standings[0]).toMatchObject({ userId: 'ann', points: 100, answered: 1 });
    expect(scheduler.pendingTimers).toBe(0);
    scheduler.advance(60_000);
    expect(listener.types.filter((t) => t === 'ended')).toHaveLength(1);
    expect(round.stop('stopped-by-member')).toBe(false);
    expect(round.skip()).toBe(false);
  });
});

describe('why a round ended', () => {
  it('GIVEN a stop during a reveal THEN no question is dropped and the reason is kept', () => {
    const { round, scheduler } = setup([multipleChoice('q1'), multipleChoice('q2')]);
    scheduler.advance(20_000);
    expect(round.phase).toBe('revealing');
    round.stop('shutdown');
    expect(round.endReason).toBe('shutdown');
    expect(round.droppedQuestion).toBeUndefined();
  });

  it('GIVEN a round that runs its course THEN it ended as completed', () => {
    const { round, scheduler } = setup([multipleChoice('q1')]);
    scheduler.advance(20_000);
    expect(round.endReason).toBe('completed');
    expect(round.stop('stopped-by-member')).toBe(false);
    expect(round.endReason).toBe('completed');
  });
});

describe('a round stopped before it started', () => {
  it('GIVEN stop before start THEN start opens nothing and no timer is left', () => {
    const scheduler = new ManualScheduler();
    const listener = new RecordingListener();
    const round = new QuizRound({
      place: { roundId: 'r1', guildId: 'g1', channelId: 'c1', starterId: 'starter' },
      questions: [multipleChoice('q1')],
      settings: SETTINGS,
      scheduler,
      listener,
    });
    expect(round.stop('stopped-by-member')).toBe(true);
    round.start();
    expect(round.phase).toBe('stopped');
    expect(listener.types).toEqual(['ended']);
    expect(scheduler.pendingTimers).toBe(0);
  });
});

describe('standings', () => {
  it('GIVEN equal points and correct answers THEN the faster player comes first and both share the rank', () => {
    const { round, scheduler } = setup([multipleChoice('q1')]);
    scheduler.advance(3_000);
    round.submit('zed', 'Zed', 0, A);
    scheduler.advance(1_000);
    round.submit('amy', 'Amy', 0, A);
    scheduler.advance(20_000);
    expect(round.standings().map((s) => [s.rank, s.userId])).toEqual([
      [1, 'zed'],
      [1, 'amy'],
    ]);
  });

  it('GIVEN a complete tie THEN user id decides the order, the same every time', () => {
    const orders = [0, 1].map(() => {
      const { round, scheduler } = setup([multipleChoice('q1')]);
      round.submit('bea', 'Bea', 0, A);
      round.submit('abe', 'Abe', 0, A);
      scheduler.advance(20_000);
      return round.standings().map((s) => s.userId);
    });
    expect(orders).toEqual([
      ['abe', 'bea'],
      ['abe', 'bea'],
    ]);
  });
});
