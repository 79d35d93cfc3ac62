import { describe, expect, it } from 'vitest';
import { buildCustomId, type CustomId, parseCustomId } from '../../src/discord/customIds.ts';

const EXAMPLES: CustomId[] = [
  { kind: 'answer-choice', roundId: 'abc123', question: 4, choice: 2 },
  { kind: 'answer-boolean', roundId: 'abc123', question: 0, value: false },
  { kind: 'answer-open-modal', roundId: 'abc123', question: 9 },
  { kind: 'answer-text', roundId: 'abc123', question: 9 },
  { kind: 'model-answer', roundId: 'abc123', question: 1 },
  { kind: 'explain', conceptId: 'security-dilemma' },
  { kind: 'leaderboard-page', period: 'week', offset: 20, ownerId: '123456789012345678' },
  { kind: 'review-choice', sessionId: 'k3j9x0a1bq', step: 3, choice: 1 },
  { kind: 'review-boolean', sessionId: 'k3j9x0a1bq', step: 0, value: true },
  { kind: 'review-open-modal', sessionId: 'k3j9x0a1bq', step: 2 },
  { kind: 'review-text', sessionId: 'k3j9x0a1bq', step: 2 },
  { kind: 'review-model', sessionId: 'k3j9x0a1bq', step: 4 },
  { kind: 'review-rate', sessionId: 'k3j9x0a1bq', step: 4, rating: 2 },
  { kind: 'review-next', sessionId: 'k3j9x0a1bq', step: 49 },
  { kind: 'review-grade', questionId: 'sd-spiral-001', rating: 4 },
  { kind: 'bank-save', token: 'a1b2c3d4e5f6a1b2c3d4e5f6' },
  { kind: 'bank-replace', token: 'a1b2c3d4e5f6a1b2c3d4e5f6' },
  { kind: 'bank-cancel', token: 'a1b2c3d4e5f6a1b2c3d4e5f6' },
  { kind: 'bank-remove', token: 'a1b2c3d4e5f6a1b2c3d4e5f6' },
];

describe('custom ids', () => {
  it('GIVEN every kind THEN building and parsing give the same id back, within 100 characters', () => {
    for (const id of EXAMPLES) {
      const raw = buildCustomId(id);
      expect(raw.length).toBeLessThanOrEqual(100);
      expect(parseCustomId(raw)).toEqual(id);
    }
  });

  it('GIVEN the documented answer shape THEN it reads quiz:answer:<roundId>:<question>:<choice>', () => {
    expect(buildCustomId({ kind: 'answer-choice', roundId: 'r1', question: 0, choice: 3 })).toBe(
      'quiz:answer:r1:0:3',
    );
  });

  it('GIVEN ids the bot never built THEN they are rejected, not trusted', () => {
    for (const raw of [
      '',
      'quiz',
      'quiz:answer:r1:0',
      'quiz:answer:r1:0:9',
      'quiz:answer:r1:-1:0',
      'quiz:answer:r1:1.5:0',
      'quiz:answer:R1!:0:0',
      'quiz:answer:../../etc:0:0',
      'quiz:answer:r1:0:0:extra',
      'explain:Security Dilemma',
      'explain:',
      'leaderboard:forever:0:123',
      'leaderboard:week:-10:123',
      'leaderboard:week:0:<@everyone>',
      'bank:save',
      'bank:save:',
      'bank:toString:abc',
      'bank:save:ABC!',
      'bank:save:abc:extra',
      'something:else',
      'review:answer:s1:0:7',
      'review:rate:s1:0:5',
      'review:rate:s1:0',
      'review:next:s1:100',
      'review:grade:Not An Id:3',
      'review:grade:sd-spiral-001:0',
      'review:skip:s1:0',
    ]) {
      expect(parseCustomId(raw), raw).toBeUndefined();
    }
  });
});
