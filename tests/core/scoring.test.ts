import { describe, expect, it } from 'vitest';
import { ACCURACY_POINTS, pointsFor, SPEED_MAX_POINTS, STREAK_BONUS_CAP } from '../../src/core/scoring.ts';

const base = { correct: true, elapsedMs: 0, limitMs: 20_000, streak: 1 };

describe('accuracy scoring', () => {
  it('GIVEN a correct answer THEN it earns the fixed points whatever the time', () => {
    expect(pointsFor('accuracy', { ...base, elapsedMs: 19_999, streak: 9 })).toBe(ACCURACY_POINTS);
  });

  it('GIVEN a wrong answer THEN it earns nothing', () => {
    expect(pointsFor('accuracy', { ...base, correct: false })).toBe(0);
  });
});

describe('speed scoring', () => {
  it('GIVEN an instant correct answer THEN it earns the maximum', () => {
    expect(pointsFor('speed', base)).toBe(SPEED_MAX_POINTS);
  });

  it('GIVEN a correct answer at the deadline THEN it earns half', () => {
    expect(pointsFor('speed', { ...base, elapsedMs: 20_000 })).toBe(SPEED_MAX_POINTS / 2);
  });

  it('GIVEN a faster answer THEN it never earns less than a slower one', () => {
    const points = [0, 5_000, 10_000, 15_000].map((elapsedMs) => pointsFor('speed', { ...base, elapsedMs }));
    expect(points).toEqual([...points].sort((a, b) => b - a));
    expect(new Set(points).size).toBe(points.length);
  });

  it('GIVEN a streak THEN a bonus is added, up to the cap', () => {
    expect(pointsFor('speed', { ...base, streak: 3 })).toBe(SPEED_MAX_POINTS + 200);
    expect(pointsFor('speed', { ...base, streak: 50 })).toBe(SPEED_MAX_POINTS + STREAK_BONUS_CAP);
  });

  it('GIVEN a wrong answer THEN no streak bonus is paid', () => {
    expect(pointsFor('speed', { ...base, correct: false, streak: 5 })).toBe(0);
  });
});
