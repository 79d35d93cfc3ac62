import { expect, it } from 'vitest';
import { RankIndex } from '../../src/store/RankIndex.ts';

it('GIVEN thousands of random inserts and removes THEN the index matches a sorted list', () => {
  let seed = 42;
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const compare = (a: number, b: number) => a - b;
  const index = new RankIndex(compare, 8); // small blocks, so splits and empty blocks happen
  const reference: number[] = [];
  for (let step = 0; step < 5000; step++) {
    if (reference.length > 0 && next() < 0.4) {
      const value = reference[Math.floor(next() * reference.length)] as number;
      expect(index.remove(value)).toBe(true);
      reference.splice(reference.indexOf(value), 1);
    } else {
      const value = Math.floor(next() * 1_000_000) + step / 10_000; // distinct values
      index.insert(value);
      reference.push(value);
      reference.sort(compare);
    }
  }
  expect(index.size).toBe(reference.length);
  expect(index.slice(0, reference.length)).toEqual(reference);
  expect(index.slice(37, 20)).toEqual(reference.slice(37, 57));
  for (const i of [0, 5, reference.length - 1]) expect(index.indexOf(reference[i] as number)).toBe(i);
  expect(index.indexOf(-1)).toBe(-1);
  expect(index.remove(-1)).toBe(false);
  expect(RankIndex.from([...reference].reverse(), compare).slice(0, reference.length)).toEqual(reference);
});
