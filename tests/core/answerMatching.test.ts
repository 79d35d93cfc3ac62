import { describe, expect, it } from 'vitest';
import {
  answerKey,
  matchTypedAnswer,
  normalizeAnswer,
  typoTolerance,
} from '../../src/core/answerMatching.ts';
import { judgeSubmission } from '../../src/core/judgeSubmission.ts';
import { shortAnswer } from '../support/makeQuestions.ts';

describe('normalizeAnswer', () => {
  it('GIVEN case, accents, punctuation and articles THEN they are ignored', () => {
    expect(normalizeAnswer('  The Balance-of-Power!  ')).toBe('balance of power');
    expect(normalizeAnswer('Écrasé, à la Française')).toBe('ecrase la francaise');
    expect(normalizeAnswer('An   offshore   balancer')).toBe('offshore balancer');
  });

  it('GIVEN a compound with or without its hyphen or space THEN its key is the same', () => {
    expect(answerKey('Self-help')).toBe(answerKey('self help'));
    expect(answerKey('selfhelp')).toBe(answerKey('The self-help'));
  });
});

/** Whether the typed answer counts as one of these, with nothing else known. */
function matchesAcceptedAnswer(typed: string, answers: readonly string[]): boolean {
  return matchTypedAnswer(typed, { answers }) !== undefined;
}

describe('matching accepted answers', () => {
  const accepted = ['balance of power', 'power balance'];

  it('GIVEN an exact accepted answer in another case THEN it matches', () => {
    expect(matchesAcceptedAnswer('BALANCE OF POWER', accepted)).toBe(true);
    expect(matchesAcceptedAnswer('the power balance.', accepted)).toBe(true);
  });

  it('GIVEN a small typo in a long answer THEN it matches', () => {
    expect(matchesAcceptedAnswer('balence of power', accepted)).toBe(true);
    expect(matchesAcceptedAnswer('Mearshiemer', ['Mearsheimer'])).toBe(true);
  });

  it('GIVEN a short answer one letter off THEN it does not match', () => {
    expect(matchesAcceptedAnswer('Walt', ['Walz'])).toBe(false);
    expect(matchesAcceptedAnswer('alloy', ['ally'])).toBe(false);
  });

  it('GIVEN a word that merely contains the answer THEN it does not match (no substring matching)', () => {
    expect(matchesAcceptedAnswer('chair', ['air'])).toBe(false);
    expect(matchesAcceptedAnswer('air', ['chair'])).toBe(false);
    expect(matchesAcceptedAnswer('balance of power politics in europe', accepted)).toBe(false);
  });

  it('GIVEN an empty or punctuation-only answer THEN it never matches', () => {
    expect(matchesAcceptedAnswer('', accepted)).toBe(false);
    expect(matchesAcceptedAnswer('?!', accepted)).toBe(false);
    expect(matchesAcceptedAnswer('the', ['the'])).toBe(false);
  });

  it('GIVEN words of growing length THEN the tolerance grows with them', () => {
    expect([3, 5, 12, 20].map(typoTolerance)).toEqual([0, 1, 2, 3]);
  });
});

describe('matchTypedAnswer: word by word', () => {
  const internal = { answers: ['internal balancing', 'internal'] };

  it('GIVEN "external balancing" for "internal balancing" THEN it is wrong: a changed word is no typo', () => {
    expect(matchTypedAnswer('external balancing', internal)).toBeUndefined();
    expect(matchTypedAnswer('External Balancing', { ...internal, knownTerms: ['External balancing'] })).toBe(
      undefined,
    );
  });

  it('GIVEN a typo within one word THEN it counts as the accepted answer, verbatim', () => {
    expect(matchTypedAnswer('internal balancng', internal)).toBe('internal balancing');
    expect(matchTypedAnswer('kenneth walts', { answers: ['Kenneth Waltz', 'Waltz'] })).toBe('Kenneth Waltz');
    expect(matchTypedAnswer('THE INTERNAL', internal)).toBe('internal');
  });

  it('GIVEN the words of the answer in another order or one word swapped THEN it is wrong', () => {
    const accepted = { answers: ['balance of power'] };
    expect(matchTypedAnswer('power of balance', accepted)).toBeUndefined();
    expect(matchTypedAnswer('balance of threat', accepted)).toBeUndefined();
    expect(matchTypedAnswer('balancing internal', internal)).toBeUndefined();
  });

  it('GIVEN a typo in a short word THEN it is not forgiven, even inside a longer answer', () => {
    expect(matchTypedAnswer('balance af power', { answers: ['balance of power'] })).toBeUndefined();
    expect(matchTypedAnswer('Stephen Wall', { answers: ['Stephen Walt'] })).toBeUndefined();
  });

  it('GIVEN a word added or dropped THEN it is wrong (only a/an/the are ignored)', () => {
    expect(matchTypedAnswer('balance power', { answers: ['balance of power'] })).toBeUndefined();
    expect(matchTypedAnswer('internal balancing only', internal)).toBeUndefined();
    expect(matchTypedAnswer('the balance of power', { answers: ['balance of power'] })).toBe(
      'balance of power',
    );
  });

  it('GIVEN a compound typed without its hyphen or space THEN it counts as the compound', () => {
    expect(matchTypedAnswer('selfhelp', { answers: ['self-help'] })).toBe('self-help');
    expect(matchTypedAnswer('buck passing', { answers: ['buck-passing'] })).toBe('buck-passing');
  });

  it('GIVEN several accepted answers THEN it counts as the nearest one', () => {
    const sheet = { answers: ['offense-defense balance', 'offence-defence balance'] };
    expect(matchTypedAnswer('offence-defence balanse', sheet)).toBe('offence-defence balance');
  });
});

describe('matchTypedAnswer: terms the bank knows', () => {
  const waltz = { answers: ['Kenneth Waltz', 'Waltz'], knownTerms: ['Walt', 'Stephen Walt', 'Waltz'] };

  it('GIVEN "Walt" for Waltz, and the bank knows Walt THEN it is wrong, though one letter away', () => {
    expect(matchTypedAnswer('Walt', waltz)).toBeUndefined();
    expect(matchTypedAnswer('Walt', { answers: ['Waltz'] })).toBe('Waltz');
  });

  it('GIVEN a known name as one word of the answer THEN it is not a typo of another name', () => {
    expect(matchTypedAnswer('Kenneth Walt', waltz)).toBeUndefined();
    expect(matchTypedAnswer('Kenneth Waltz', waltz)).toBe('Kenneth Waltz');
  });

  it('GIVEN a typed answer at least as near a known term as every accepted answer THEN it is wrong', () => {
    const sheet = { answers: ['offshore balancing'], knownTerms: ['offshore balancer'] };
    expect(matchTypedAnswer('offshore balancr', sheet)).toBeUndefined();
    expect(matchTypedAnswer('offshore balancin', sheet)).toBe('offshore balancing');
    expect(matchTypedAnswer('Walts', waltz)).toBeUndefined();
  });

  it('GIVEN a known term that is also an accepted answer here THEN it stays right', () => {
    expect(matchTypedAnswer('waltz', waltz)).toBe('Waltz');
  });
});

describe('matchTypedAnswer: reject lists', () => {
  const waltz = { answers: ['Kenneth Waltz', 'Waltz'], reject: ['Walt'] };

  it('GIVEN an answer on the reject list THEN it is wrong though a typo away from an accepted answer', () => {
    expect(matchTypedAnswer('walt', waltz)).toBeUndefined();
    expect(matchTypedAnswer('Kenneth Walt', waltz)).toBeUndefined();
  });

  it('GIVEN the accepted answers THEN the reject list leaves them right', () => {
    expect(matchTypedAnswer('Waltz', waltz)).toBe('Waltz');
    expect(matchTypedAnswer('Kenneth Watlz', waltz)).toBeUndefined();
    expect(matchTypedAnswer('Kenneth Waltzz', waltz)).toBe('Kenneth Waltz');
  });
});

describe('matchTypedAnswer: names', () => {
  it('GIVEN a surname alone THEN it is right only when the answers list it', () => {
    expect(matchTypedAnswer('Waltz', { answers: ['Kenneth Waltz'] })).toBeUndefined();
    expect(matchTypedAnswer('Waltz', { answers: ['Kenneth Waltz', 'Waltz'] })).toBe('Waltz');
  });

  it('GIVEN another known name with the same first name THEN it is wrong', () => {
    const herz = { answers: ['John Herz', 'Herz'], knownTerms: ['John Mearsheimer', 'Mearsheimer'] };
    expect(matchTypedAnswer('John Mearsheimer', herz)).toBeUndefined();
    expect(matchTypedAnswer('Hertz', herz)).toBeUndefined();
  });
});

describe('judgeSubmission of a typed answer', () => {
  it('GIVEN a right answer with a typo THEN the judgement keeps the text as typed and says what it counted as', () => {
    const question = shortAnswer('q1', ['Kenneth Waltz', 'Waltz'], { reject: ['Walt'] });
    expect(judgeSubmission(question, { kind: 'text', text: '  kenneth waltzz ' })).toEqual({
      correct: true,
      answerText: 'kenneth waltzz',
      acceptedAs: 'Kenneth Waltz',
    });
    expect(judgeSubmission(question, { kind: 'text', text: 'Walt' })).toStrictEqual({
      correct: false,
      answerText: 'Walt',
    });
  });
});
