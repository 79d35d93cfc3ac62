import { RankIndex } from './RankIndex.ts';
import { rankOrder } from './rankOrder.ts';
import type { GuildTables } from './ScoreFileSnapshot.ts';
import type { GuildData } from './scoreFileSchema.ts';
import { type MemberColumns, MemberTable, TallyTable, WeekTable } from './tables.ts';

/** Weeks of history kept per guild; only the current week is ranked, the rest is headroom. */
const WEEKS_KEPT = 8;
/** Weekly indexes kept per guild: this week and the last, around the turn of a week. */
const WEEK_INDEXES_KEPT = 2;
/** Questions remembered per guild so that a retried record counts once; retries come within minutes. */
export const RECORDED_KEPT = 1_000;

/**
 * One guild's scores as columns indexed by member slot (the order members first answered), the
 * same columns the score file holds, so a load adopts the parsed arrays and a save reads them
 * (see ColumnTable). Rank indexes hold slots (all time) or week rows, never objects per member.
 */
export class Guild implements GuildTables {
  readonly members: MemberTable;
  /** Member id → slot. */
  readonly bySlot: Map<string, number>;
  readonly allTime: RankIndex<number>;
  readonly topics = new Map<string, TallyTable>();
  readonly concepts = new Map<string, TallyTable>();
  readonly weeks = new Map<string, WeekTable>();
  /** The latest recorded questions as `roundId:questionId`, oldest first. */
  readonly recorded: string[] = [];
  private readonly recordedSet = new Set<string>();
  /** Built on first use from `weeks`, then kept up to date. */
  private readonly weekly = new Map<string, RankIndex<number>>();

  /**
   * Expects columns checked by scoreFileSchema (of equal length, member ids distinct) and, when
   * given, `bySlot` built from them.
   */
  constructor(members?: MemberColumns, bySlot?: Map<string, number>) {
    this.members = new MemberTable(members);
    const { columns } = this.members;
    const ids = columns.id;
    this.bySlot = bySlot ?? new Map(ids.map((id, slot) => [id, slot]));
    const slots = Array.from({ length: ids.length }, (_, slot) => slot);
    this.allTime = RankIndex.from(
      slots,
      rankOrder(columns, (slot) => ids[slot] as string),
    );
  }

  /** Expects data checked by scoreFileSchema: member slots in range and distinct per table. */
  static fromFile(data: GuildData): Guild {
    const guild = new Guild(data.members, data.slots);
    for (const [key, columns] of Object.entries(data.topics)) guild.topics.set(key, new TallyTable(columns));
    for (const [key, columns] of Object.entries(data.concepts))
      guild.concepts.set(key, new TallyTable(columns));
    for (const [key, columns] of Object.entries(data.weeks)) guild.weeks.set(key, new WeekTable(columns));
    for (const key of data.recorded) guild.markRecorded(key);
    return guild;
  }

  /** False when this question was recorded already; else remembers it (forgetting the oldest). */
  markRecorded(key: string): boolean {
    if (this.recordedSet.has(key)) return false;
    this.recorded.push(key);
    this.recordedSet.add(key);
    if (this.recorded.length > RECORDED_KEPT) {
      const oldest = this.recorded.shift();
      if (oldest !== undefined) this.recordedSet.delete(oldest);
    }
    return true;
  }

  /** The member's slot, adding the member (nothing scored, first seen at `at`) if new. */
  slotFor(userId: string, displayName: string, at: number): { slot: number; added: boolean } {
    const known = this.bySlot.get(userId);
    if (known !== undefined) return { slot: known, added: false };
    const m = this.members.write();
    const slot = m.id.length;
    m.id.push(userId);
    m.name.push(displayName);
    m.points.push(0);
    m.answered.push(0);
    m.correct.push(0);
    m.bestStreak.push(0);
    m.reachedAt.push(at);
    this.bySlot.set(userId, slot);
    return { slot, added: true };
  }

  tally(kind: 'topics' | 'concepts', key: string): TallyTable {
    let table = this[kind].get(key);
    if (!table) {
      table = new TallyTable();
      this[kind].set(key, table);
    }
    return table;
  }

  week(weekKey: string): WeekTable {
    let week = this.weeks.get(weekKey);
    if (!week) {
      week = new WeekTable();
      this.weeks.set(weekKey, week);
      for (const old of oldest(this.weeks, WEEKS_KEPT)) {
        this.weeks.delete(old);
        this.weekly.delete(old);
      }
    }
    return week;
  }

  /** The week's rank index if it has been built; record keeps built ones up to date. */
  builtWeekIndex(weekKey: string): RankIndex<number> | undefined {
    return this.weekly.get(weekKey);
  }

  /** The rank index of a week's rows, built on first use (undefined for a week with no table). */
  weekIndex(weekKey: string): RankIndex<number> | undefined {
    const week = this.weeks.get(weekKey);
    if (!week) return undefined;
    let index = this.weekly.get(weekKey);
    if (!index) {
      const { member } = week.columns;
      const ids = this.members.columns.id;
      const rows = Array.from({ length: week.size }, (_, row) => row);
      index = RankIndex.from(
        rows,
        rankOrder(week.columns, (row) => ids[member[row] as number] as string),
      );
      this.weekly.set(weekKey, index);
      for (const old of oldest(this.weekly, WEEK_INDEXES_KEPT)) this.weekly.delete(old);
    }
    return index;
  }
}

/** Keys beyond the `keep` latest, for maps keyed by ISO week (which sort as text). */
function oldest(map: Map<string, unknown>, keep: number): string[] {
  if (map.size <= keep) return [];
  return [...map.keys()].sort().slice(0, map.size - keep);
}
