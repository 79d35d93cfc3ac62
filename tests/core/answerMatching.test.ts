import { describe, expect, it } from 'vitest';
import { matchesAcceptedAnswer, normalizeAnswer, typoTolerance } from '../../src/core/answerMatching.ts';

describe('normalizeAnswer', () => {
  it('GIVEN case, accents, punctuation and articles THEN they are ignored', () => {
    expect(normalizeAnswer('  The Balance-of-Power!  ')).toBe('balance of power');
    expect(normalizeAnswer('Écrasé, à la Française')).toBe('ecrase la francaise');
    expect(normalizeAnswer('An   offshore   balancer')).toBe('offshore balancer');
  });
});

describe('matchesAcceptedAnswer', () => {
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

  it('GIVEN answers of growing length THEN the tolerance grows with them', () => {
    expect([3, 5, 12, 20].map(typoTolerance)).toEqual([0, 1, 2, 3]);
  });
});
