/**
 * The row of each member slot in one table (a topic, a concept, a week): an open-addressing hash
 * of integers in two typed arrays, so a 100,000-row table costs no objects and builds in one loop.
 */
export class SlotIndex {
  /** slot + 1 per cell; 0 marks an empty cell. */
  private keys: Int32Array;
  private rows: Int32Array;
  private shift: number;
  private count = 0;

  constructor(expected = 8) {
    let bits = 4;
    while (1 << bits < expected * 2) bits++;
    this.keys = new Int32Array(1 << bits);
    this.rows = new Int32Array(1 << bits);
    this.shift = 32 - bits;
  }

  /** Row i holds member slot `slots[i]`; the slots are distinct. */
  static of(slots: readonly number[]): SlotIndex {
    const index = new SlotIndex(slots.length);
    for (let row = 0; row < slots.length; row++) index.set(slots[row] as number, row);
    return index;
  }

  /** The row of `slot`, or -1. */
  get(slot: number): number {
    const keys = this.keys;
    const mask = keys.length - 1;
    const key = slot + 1;
    for (let cell = Math.imul(key, 0x9e3779b1) >>> this.shift; ; cell = (cell + 1) & mask) {
      const found = keys[cell];
      if (found === key) return this.rows[cell] as number;
      if (found === 0) return -1;
    }
  }

  set(slot: number, row: number): void {
    if ((this.count + 1) * 2 > this.keys.length) this.grow();
    const keys = this.keys;
    const mask = keys.length - 1;
    const key = slot + 1;
    let cell = Math.imul(key, 0x9e3779b1) >>> this.shift;
    while (keys[cell] !== 0 && keys[cell] !== key) cell = (cell + 1) & mask;
    if (keys[cell] === 0) this.count++;
    keys[cell] = key;
    this.rows[cell] = row;
  }

  private grow(): void {
    const { keys, rows } = this;
    this.keys = new Int32Array(keys.length * 2);
    this.rows = new Int32Array(keys.length * 2);
    this.shift--;
    this.count = 0;
    for (let cell = 0; cell < keys.length; cell++) {
      const key = keys[cell] as number;
      if (key !== 0) this.set(key - 1, rows[cell] as number);
    }
  }
}
