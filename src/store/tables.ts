import { SlotIndex } from './SlotIndex.ts';
import type { GuildData } from './scoreFileSchema.ts';

export type MemberColumns = GuildData['members'];
export type TallyColumns = GuildData['topics'][string];
export type WeekColumns = GuildData['weeks'][string];

/**
 * Rows of one table, each naming a member by slot, kept as the score file's columns (plain
 * arrays, which V8 keeps packed) with a slot → row index beside them, built on first lookup: a
 * load never pays for tables nobody touches. The column arrays are never replaced, so rank
 * comparators may hold on to them.
 */
abstract class SlotRows<C extends { member: number[] }> {
  private index: SlotIndex | undefined;

  constructor(readonly columns: C) {}

  get size(): number {
    return this.columns.member.length;
  }

  /** The row of member `slot`, or -1. */
  rowOf(slot: number): number {
    this.index ??= SlotIndex.of(this.columns.member);
    return this.index.get(slot);
  }

  /** Call after pushing a row for `slot` (which rowOf did not find). */
  protected added(slot: number): number {
    const row = this.columns.member.length - 1;
    this.index?.set(slot, row);
    return row;
  }
}

/** Answers per member for one topic or concept. */
export class TallyTable extends SlotRows<TallyColumns> {
  constructor(columns: TallyColumns = { member: [], answered: [], correct: [] }) {
    super(columns);
  }

  add(slot: number, correct: boolean): void {
    const c = this.columns;
    const row = this.rowOf(slot);
    if (row < 0) {
      c.member.push(slot);
      c.answered.push(1);
      c.correct.push(correct ? 1 : 0);
      this.added(slot);
      return;
    }
    c.answered[row] = (c.answered[row] as number) + 1;
    if (correct) c.correct[row] = (c.correct[row] as number) + 1;
  }
}

/** One ISO week's standing per member who answered in it. */
export class WeekTable extends SlotRows<WeekColumns> {
  constructor(columns: WeekColumns = { member: [], points: [], answered: [], correct: [], reachedAt: [] }) {
    super(columns);
  }

  /** The row of member `slot`, added with nothing scored at `at` if the member has none yet. */
  rowFor(slot: number, at: number): number {
    const row = this.rowOf(slot);
    if (row >= 0) return row;
    const c = this.columns;
    c.member.push(slot);
    c.points.push(0);
    c.answered.push(0);
    c.correct.push(0);
    c.reachedAt.push(at);
    return this.added(slot);
  }
}
