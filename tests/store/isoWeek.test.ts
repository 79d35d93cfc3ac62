import { expect, it } from 'vitest';
import { isoWeek } from '../../src/store/isoWeek.ts';

it.each([
  ['2026-11-29T23:59:59.999Z', '2026-W48'], // Sunday
  ['2026-11-30T00:00:00.000Z', '2026-W49'], // Monday
  ['2026-12-31T12:00:00.000Z', '2026-W53'], // 2026 has 53 ISO weeks
  ['2027-01-03T23:59:59.999Z', '2026-W53'],
  ['2027-01-04T00:00:00.000Z', '2027-W01'],
  ['2024-12-30T00:00:00.000Z', '2025-W01'], // a Monday in December already in next year's week 1
  ['1969-12-31T00:00:00.000Z', '1970-W01'], // before the epoch
])('GIVEN %s THEN the ISO week is %s', (instant, week) => {
  expect(isoWeek(Date.parse(instant))).toBe(week);
});
