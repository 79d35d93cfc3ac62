/**
 * A sorted list of items, kept as a list of short sorted blocks (the layout of Python's
 * sortedcontainers). Insert, remove and position cost a binary search plus a splice inside
 * one block, so a change to one member never re-sorts a 100,000-member leaderboard, and a page
 * is read by walking blocks. `compare` must be a total order (two distinct items never compare
 * equal), so that an item can be found again by its key.
 */
export class RankIndex<T> {
  private blocks: T[][] = [];
  private count = 0;

  constructor(
    private readonly compare: (a: T, b: T) => number,
    private readonly blockSize = 512,
  ) {}

  static from<T>(items: T[], compare: (a: T, b: T) => number): RankIndex<T> {
    const index = new RankIndex(compare);
    const sorted = [...items].sort(compare);
    for (let i = 0; i < sorted.length; i += index.blockSize) {
      index.blocks.push(sorted.slice(i, i + index.blockSize));
    }
    index.count = sorted.length;
    return index;
  }

  get size(): number {
    return this.count;
  }

  insert(item: T): void {
    if (this.blocks.length === 0) {
      this.blocks.push([item]);
      this.count = 1;
      return;
    }
    const b = Math.min(this.blockFor(item), this.blocks.length - 1);
    const block = this.blocks[b] as T[];
    block.splice(this.lowerBound(block, item), 0, item);
    this.count++;
    if (block.length > 2 * this.blockSize) {
      this.blocks.splice(b + 1, 0, block.splice(this.blockSize));
    }
  }

  /** Removes an item equal to `item`; returns whether one was there. */
  remove(item: T): boolean {
    const b = this.blockFor(item);
    const block = this.blocks[b];
    if (!block) return false;
    const i = this.lowerBound(block, item);
    if (i >= block.length || this.compare(block[i] as T, item) !== 0) return false;
    block.splice(i, 1);
    this.count--;
    if (block.length === 0) this.blocks.splice(b, 1);
    return true;
  }

  /** 0-based position of an item equal to `item`, or -1. */
  indexOf(item: T): number {
    const b = this.blockFor(item);
    const block = this.blocks[b];
    if (!block) return -1;
    const i = this.lowerBound(block, item);
    if (i >= block.length || this.compare(block[i] as T, item) !== 0) return -1;
    let before = 0;
    for (let k = 0; k < b; k++) before += (this.blocks[k] as T[]).length;
    return before + i;
  }

  /** Up to `limit` items starting at position `offset`. */
  slice(offset: number, limit: number): T[] {
    const out: T[] = [];
    let skip = offset;
    for (const block of this.blocks) {
      if (out.length >= limit) break;
      if (skip >= block.length) {
        skip -= block.length;
        continue;
      }
      const take = block.slice(skip, skip + (limit - out.length));
      skip = 0;
      for (const item of take) out.push(item);
    }
    return out;
  }

  /** First block whose last item is not before `item` (blocks.length when there is none). */
  private blockFor(item: T): number {
    let lo = 0;
    let hi = this.blocks.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const block = this.blocks[mid] as T[];
      if (this.compare(block[block.length - 1] as T, item) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private lowerBound(block: T[], item: T): number {
    let lo = 0;
    let hi = block.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.compare(block[mid] as T, item) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
