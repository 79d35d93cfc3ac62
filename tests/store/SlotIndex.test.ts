import { expect, it } from 'vitest';
import { SlotIndex } from '../../src/store/SlotIndex.ts';

it('GIVEN slots set in any order, past several growths THEN every row is found and absent slots are -1', () => {
  let seed = 7;
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed;
  };
  const index = new SlotIndex(1);
  const reference = new Map<number, number>();
  for (let step = 0; step < 20_000; step++) {
    const slot = next() % 50_000;
    index.set(slot, step);
    reference.set(slot, step);
  }
  for (let slot = 0; slot < 50_000; slot++) expect(index.get(slot)).toBe(reference.get(slot) ?? -1);
  const built = SlotIndex.of([5, 0, 9, 1]);
  expect([0, 1, 5, 9, 2].map((slot) => built.get(slot))).toEqual([1, 3, 0, 2, -1]);
});
