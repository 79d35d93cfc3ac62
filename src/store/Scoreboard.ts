import { Guild } from './Guild.ts';
import { isoWeek, lastIsoWeeks } from './isoWeek.ts';
import type { RankIndex } from './RankIndex.ts';
import { ScoreFileSnapshot } from './ScoreFileSnapshot.ts';
import type {
  LeaderboardEntry,
  LeaderboardPage,
  MemberStats,
  Period,
  QuestionResult,
  TallyStat,
  WeekPoints,
} from './ScoreStore.ts';
import type { ScoreFileData } from './scoreFileSchema.ts';
import type { TallyTable } from './tables.ts';
import { weeksAsked } from './weeksAsked.ts';

/** A ranked row: the columns it sits in, its row there and the member's slot. */
interface Ranked {
  columns: { points: readonly number[]; answered: readonly number[]; correct: readonly number[] };
  row: number;
  slot: number;
}

/**
 * All scores in memory, with a ranked index per guild so that leaderboard pages and ranks
 * never sort the whole guild. Shared by the memory and JSON-file stores.
 */
export class Scoreboard {
  private readonly guilds = new Map<string, Guild>();

  static fromFile(data: ScoreFileData): Scoreboard {
    const board = new Scoreboard();
    for (const [guildId, guildData] of Object.entries(data.guilds)) {
      board.guilds.set(guildId, Guild.fromFile(guildData));
    }
    return board;
  }

  /** False (and nothing changes) when this round's question was recorded already. */
  record(result: QuestionResult): boolean {
    const guild = this.guild(result.guildId);
    if (!guild.markRecorded(`${result.roundId}:${result.questionId}`)) return false;
    const { at } = result;
    const weekKey = isoWeek(at);
    const week = guild.week(weekKey);
    const weekIndex = guild.builtWeekIndex(weekKey);
    const topic = guild.tally('topics', result.topic);
    const concepts = [...new Set(result.concepts)].map((concept) => guild.tally('concepts', concept));
    // Taken before the loop: nothing else runs until it ends, so no snapshot can come between.
    const m = guild.members.write();
    for (const answer of result.answers) {
      const { slot, added } = guild.slotFor(answer.userId, answer.displayName, at);
      // Out of the index while its sort key changes.
      if (!added) guild.allTime.remove(slot);
      m.name[slot] = answer.displayName;
      m.bestStreak[slot] = Math.max(m.bestStreak[slot] as number, answer.streak);
      addAnswer(m, slot, answer.correct, answer.points, at);
      guild.allTime.insert(slot);

      topic.add(slot, answer.correct);
      for (const concept of concepts) concept.add(slot, answer.correct);

      const known = week.rowOf(slot);
      const row = known >= 0 ? known : week.rowFor(slot, at);
      if (known >= 0) weekIndex?.remove(row);
      addAnswer(week.write(), row, answer.correct, answer.points, at);
      weekIndex?.insert(row);
    }
    return true;
  }

  leaderboard(guildId: string, period: Period, now: number, offset: number, limit: number): LeaderboardPage {
    const guild = this.guilds.get(guildId);
    const index = guild && this.indexFor(guild, period, now);
    if (!guild || !index) return { entries: [], total: 0 };
    const from = Math.max(0, Math.floor(offset));
    const entries = index
      .slice(from, Math.max(0, Math.floor(limit)))
      .map((row, i) => toEntry(guild, this.ranked(guild, period, now, row), from + i + 1));
    return { entries, total: index.size };
  }

  rankOf(guildId: string, userId: string, period: Period, now: number): LeaderboardEntry | undefined {
    const guild = this.guilds.get(guildId);
    const slot = guild?.bySlot.get(userId);
    if (!guild || slot === undefined) return undefined;
    const row = period === 'all-time' ? slot : (guild.weeks.get(isoWeek(now))?.rowOf(slot) ?? -1);
    if (row < 0) return undefined;
    const position = this.indexFor(guild, period, now)?.indexOf(row) ?? -1;
    return position < 0 ? undefined : toEntry(guild, this.ranked(guild, period, now, row), position + 1);
  }

  memberStats(guildId: string, userId: string): MemberStats | undefined {
    const guild = this.guilds.get(guildId);
    const slot = guild?.bySlot.get(userId);
    if (!guild || slot === undefined) return undefined;
    const m = guild.members.columns;
    return {
      userId,
      displayName: m.name[slot] as string,
      points: m.points[slot] as number,
      answered: m.answered[slot] as number,
      correct: m.correct[slot] as number,
      bestStreak: m.bestStreak[slot] as number,
      topics: talliesOf(guild.topics, slot),
      concepts: talliesOf(guild.concepts, slot),
    };
  }

  weeklyPoints(guildId: string, userId: string, weeks: number, now: number): WeekPoints[] {
    const guild = this.guilds.get(guildId);
    const slot = guild?.bySlot.get(userId);
    return lastIsoWeeks(now, weeksAsked(weeks)).map((week) => {
      const table = slot === undefined ? undefined : guild?.weeks.get(week);
      const row = table && slot !== undefined ? table.rowOf(slot) : -1;
      return { week, points: table && row >= 0 ? (table.columns.points[row] as number) : 0 };
    });
  }

  /** Everything as it is now, for the score file (see ScoreFileSnapshot). */
  snapshot(): ScoreFileSnapshot {
    return ScoreFileSnapshot.of(this.guilds);
  }

  private guild(guildId: string): Guild {
    let guild = this.guilds.get(guildId);
    if (!guild) {
      guild = new Guild();
      this.guilds.set(guildId, guild);
    }
    return guild;
  }

  private indexFor(guild: Guild, period: Period, now: number): RankIndex<number> | undefined {
    return period === 'all-time' ? guild.allTime : guild.weekIndex(isoWeek(now));
  }

  /** The row's columns: the members' (all time) or the week's. */
  private ranked(guild: Guild, period: Period, now: number, row: number): Ranked {
    if (period === 'all-time') return { columns: guild.members.columns, row, slot: row };
    const week = guild.weeks.get(isoWeek(now));
    if (!week) throw new Error(`No week table for ${isoWeek(now)}`);
    return { columns: week.columns, row, slot: week.columns.member[row] as number };
  }
}

/** Only call while the row is out of its rank index: it changes its sort key. */
function addAnswer(
  c: { points: number[]; answered: number[]; correct: number[]; reachedAt: number[] },
  row: number,
  correct: boolean,
  points: number,
  at: number,
): void {
  c.answered[row] = (c.answered[row] as number) + 1;
  if (correct) c.correct[row] = (c.correct[row] as number) + 1;
  if (points !== 0 || correct) {
    c.points[row] = (c.points[row] as number) + points;
    c.reachedAt[row] = Math.max(c.reachedAt[row] as number, at);
  }
}

function talliesOf(tables: Map<string, TallyTable>, slot: number): Record<string, TallyStat> {
  const tallies: Record<string, TallyStat> = {};
  for (const [key, table] of tables) {
    const row = table.rowOf(slot);
    if (row < 0) continue;
    const { answered, correct } = table.columns;
    defineKey(tallies, key, { answered: answered[row] as number, correct: correct[row] as number });
  }
  return tallies;
}

/** Sets an own property even for a key such as `__proto__`. */
function defineKey<T>(record: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
}

function toEntry(guild: Guild, { columns, row, slot }: Ranked, rank: number): LeaderboardEntry {
  return {
    rank,
    userId: guild.members.columns.id[slot] as string,
    displayName: guild.members.columns.name[slot] as string,
    points: columns.points[row] as number,
    answered: columns.answered[row] as number,
    correct: columns.correct[row] as number,
  };
}
