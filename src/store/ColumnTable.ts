/** Named columns of equal length, as in the score file. */
export type Columns = { [name: string]: (number | string)[] };

/** The same columns, for reading only. */
export type ReadonlyColumns<C extends Columns> = { readonly [K in keyof C]: Readonly<C[K]> };

/**
 * A table's columns as a snapshot sees them: the live arrays until the table next changes, then
 * a copy made just before that change.
 */
export class FrozenColumns<C extends Columns = Columns> {
  /** Snapshots still reading these columns. */
  holders = 0;

  constructor(public columns: ReadonlyColumns<C>) {}
}

/**
 * Columns that snapshots can hold without copying them (copy on write): a change made while a
 * snapshot holds the table first hands the snapshot a copy. Changes go through `write()`, the
 * only way to reach the columns as mutable arrays. The live arrays are never replaced, so rank
 * comparators may keep them.
 */
export class ColumnTable<C extends Columns> {
  private frozen: FrozenColumns<C> | undefined;

  constructor(private readonly live: C) {}

  get columns(): ReadonlyColumns<C> {
    return this.live;
  }

  /** The columns as they are now, kept so for the caller until it calls `release`. */
  hold(): FrozenColumns<C> {
    this.frozen ??= new FrozenColumns<C>(this.live);
    this.frozen.holders++;
    return this.frozen;
  }

  release(frozen: FrozenColumns<C>): void {
    frozen.holders--;
    if (frozen.holders === 0 && this.frozen === frozen) this.frozen = undefined;
  }

  /** The columns to change; call before changing them, in the same synchronous step. */
  write(): C {
    if (this.frozen) {
      const copy: Columns = {};
      for (const [name, values] of Object.entries(this.live)) copy[name] = values.slice();
      this.frozen.columns = copy as C;
      this.frozen = undefined;
    }
    return this.live;
  }
}
