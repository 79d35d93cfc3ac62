import { describe, expect, it } from 'vitest';
import { renderStats } from '../../src/discord/render/statsEmbed.ts';
import type { MemberStats } from '../../src/store/ScoreStore.ts';

function field(stats: MemberStats, name: string): string | undefined {
  return renderStats(stats, { topic: (id) => id, concept: (id) => id }, 1).embeds[0]?.fields?.find(
    (f) => f.name === name,
  )?.value;
}

const base: MemberStats = {
  userId: 'u',
  displayName: 'Ann',
  points: 300,
  answered: 9,
  correct: 5,
  bestStreak: 2,
  topics: {},
  concepts: {},
};

describe('/stats strongest and weakest', () => {
  it('GIVEN one topic with enough answers THEN it is strongest and never also the one to work on', () => {
    const stats = { ...base, topics: { realism: { answered: 4, correct: 2 } } };
    expect(field(stats, 'Strongest')).toBe('realism — 50% of 4');
    expect(field(stats, 'To work on')).toMatch(/Answer at least 3 questions/);
  });

  it('GIVEN several topics THEN the best lead one list and the worst the other', () => {
    const stats = {
      ...base,
      topics: {
        a: { answered: 4, correct: 4 },
        b: { answered: 4, correct: 3 },
        c: { answered: 4, correct: 1 },
        d: { answered: 4, correct: 0 },
        tiny: { answered: 1, correct: 0 },
      },
    };
    expect(field(stats, 'Strongest')).toBe('a — 100% of 4\nb — 75% of 4');
    expect(field(stats, 'To work on')).toBe('d — 0% of 4\nc — 25% of 4');
  });
});
