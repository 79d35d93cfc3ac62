import { describe, expect, it } from 'vitest';
import { ManualScheduler } from '../../src/core/manualScheduler.ts';
import type { Question, Submission } from '../../src/core/question.ts';
import { QuizRound } from '../../src/core/quizRound.ts';
import { roundReport } from '../../src/core/roundReport.ts';
import { multipleChoice, openQuestion, shortAnswer, trueFalse } from '../support/makeQuestions.ts';
import { RecordingListener } from '../support/recordingListener.ts';

const A = { kind: 'choice', index: 0 } as const;
const B = { kind: 'choice', index: 1 } as const;
const C = { kind: 'choice', index: 2 } as const;
const TRUE = { kind: 'boolean', value: true } as const;
const FALSE = { kind: 'boolean', value: false } as const;

/** Plays a round where each question gets the answers given, one member per answer. */
function play(questions: Question[], answers: readonly (readonly Submission[])[]) {
  const scheduler = new ManualScheduler();
  const listener = new RecordingListener();
  const round = new QuizRound({
    place: { roundId: 'r1', guildId: 'g', channelId: 'c', starterId: 's' },
    questions,
    settings: { secondsPerQuestion: 20, revealSeconds: 5, scoring: 'accuracy' },
    scheduler,
    listener,
  });
  round.start();
  questions.forEach((_, index) => {
    answers[index]?.forEach((submission, member) => {
      round.submit(`u${member}`, `Member ${member}`, index, submission);
    });
    scheduler.advance(25_000);
  });
  return roundReport(listener.outcomes());
}

describe('the round report', () => {
  it('GIVEN three questions THEN the hardest is the one with the lowest share right, with the wrong choice most picked', () => {
    const report = play(
      [multipleChoice('q1'), multipleChoice('q2', { concepts: ['security-dilemma'] }), trueFalse('q3')],
      [
        [A, A, B],
        [A, C, C, B],
        [TRUE, FALSE],
      ],
    );
    expect(report.hardest).toEqual({
      number: 2,
      prompt: 'Question q2?',
      right: 1,
      answered: 4,
      commonWrong: { choice: 2, text: 'Also wrong', picks: 2 },
    });
  });

  it('GIVEN two questions with the same share right THEN the earlier one is the hardest', () => {
    const report = play(
      [trueFalse('q1'), multipleChoice('q2')],
      [
        [TRUE, FALSE],
        [A, B],
      ],
    );
    expect(report.hardest?.number).toBe(1);
    expect(report.hardest?.commonWrong).toBeUndefined();
  });

  it('GIVEN two wrong choices picked as often THEN the earlier choice is named', () => {
    const report = play([multipleChoice('q1')], [[C, B]]);
    expect(report.hardest?.commonWrong).toEqual({ choice: 1, text: 'Wrong', picks: 1 });
  });

  it('GIVEN every answer right, open questions and unanswered ones THEN there is no hardest question and nothing goes to reviews', () => {
    const report = play([multipleChoice('q1'), openQuestion('q2'), trueFalse('q3')], [[A, A], [], []]);
    expect(report).toEqual({ hardest: undefined, missedConcepts: [], addedToReviews: 0 });
  });

  it('GIVEN wrong answers THEN the concepts missed most come first, ties in the order met, at most three', () => {
    const report = play(
      [
        multipleChoice('q1', { concepts: ['anarchy', 'balance-of-power'] }),
        trueFalse('q2', true, { concepts: ['security-dilemma'] }),
        shortAnswer('q3', ['waltz'], { concepts: ['polarity', 'security-dilemma'] }),
        trueFalse('q4', true, { concepts: ['offensive-realism'] }),
      ],
      [[B, A], [FALSE, FALSE], [{ kind: 'text', text: 'morgenthau' }], [FALSE]],
    );
    expect(report.missedConcepts).toEqual([
      { conceptId: 'security-dilemma', missed: 3 },
      { conceptId: 'anarchy', missed: 1 },
      { conceptId: 'balance-of-power', missed: 1 },
    ]);
  });

  it('GIVEN the same question missed twice in a round and one got right THEN each missed question counts once for reviews', () => {
    const same = trueFalse('q1');
    const report = play(
      [same, same, trueFalse('q2'), trueFalse('q3')],
      [[FALSE], [FALSE, FALSE], [TRUE, FALSE], [TRUE]],
    );
    expect(report.addedToReviews).toBe(2);
  });
});
