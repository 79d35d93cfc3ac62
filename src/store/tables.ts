import { ColumnTable } from './ColumnTable.ts';
import { SlotIndex } from './SlotIndex.ts';
import type { GuildData } from './scoreFileSchema.ts';

export type MemberColumns = GuildData['members'];
export type TallyColumns = GuildData['topics'][string];
export type WeekColumns = GuildData['weeks'][string];

/** A guild's members by slot (the order they first answered). */
export class MemberTable extends ColumnTable<MemberColumns> {
  constructor(
    columns: MemberColumns = {
      id: [],
      name: [],
      points: [],
      answered: [],
      correct: [],
      bestStreak: [],
      reachedAt: [],
    },
  ) {
    super(columns);
  }
}

/**
 * Rows of one table, each naming a member by slot, with a slot → row index beside the columns,
 * built on first lookup: a load never pays for tables nobody touches.
 */
abstract class SlotRows<C extends { member: number[] } & TallyColumns> extends ColumnTable<C> {
  private index: SlotIndex | undefined;

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
    const row = this.rowOf(slot);
    const c = this.write();
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
    const c = this.write();
    c.member.push(slot);
    c.points.push(0);
    c.answered.push(0);
    c.correct.push(0);
    c.reachedAt.push(at);
    return this.added(slot);
  }
}
