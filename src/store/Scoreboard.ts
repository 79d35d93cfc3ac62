import { isoWeek } from './isoWeek.ts';
import { RankIndex } from './RankIndex.ts';
import { rankOrder, Standing } from './rankOrder.ts';
import type {
  LeaderboardEntry,
  LeaderboardPage,
  MemberStats,
  Period,
  QuestionResult,
  TallyStat,
} from './ScoreStore.ts';
import {
  type GuildData,
  SCORE_FILE_FORMAT,
  SCORE_FILE_VERSION,
  type ScoreFileData,
} from './scoreFileSchema.ts';

/** Weeks of history kept per guild; only the current week is ranked, the rest is headroom. */
const WEEKS_KEPT = 8;
/** Weekly indexes kept per guild: this week and the last, around the turn of a week. */
const WEEK_INDEXES_KEPT = 2;

class Member {
  bestStreak = 0;

  constructor(
    public displayName: string,
    readonly total: Standing,
  ) {}
}

/** Tallies of one topic or concept, by member slot. */
type TallyTable = Map<number, TallyStat>;

interface Guild {
  /** Members in the order they first answered; a member's slot is its index here. */
  members: Member[];
  bySlot: Map<string, number>;
  allTime: RankIndex<Standing>;
  topics: Map<string, TallyTable>;
  concepts: Map<string, TallyTable>;
  /** ISO week → member slot → that week's standing. */
  weeks: Map<string, Map<number, Standing>>;
  /** Built on first use from `weeks`, then kept up to date. */
  weekly: Map<string, RankIndex<Standing>>;
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
      board.guilds.set(guildId, guildFromFile(guildData));
    }
    return board;
  }

  record(result: QuestionResult): void {
    const guild = this.guild(result.guildId);
    const weekKey = isoWeek(result.at);
    const week = this.week(guild, weekKey);
    const weekIndex = guild.weekly.get(weekKey);
    const topic = tallyTable(guild.topics, result.topic);
    const concepts = [...new Set(result.concepts)].map((concept) => tallyTable(guild.concepts, concept));
    for (const answer of result.answers) {
      let slot = guild.bySlot.get(answer.userId);
      let member = slot === undefined ? undefined : guild.members[slot];
      if (slot === undefined || !member) {
        slot = guild.members.length;
        member = new Member(answer.displayName, new Standing(answer.userId, slot, result.at));
        guild.members.push(member);
        guild.bySlot.set(answer.userId, slot);
      } else {
        guild.allTime.remove(member.total);
      }
      member.displayName = answer.displayName;
      member.bestStreak = Math.max(member.bestStreak, answer.streak);
      addAnswer(member.total, answer.correct, answer.points, result.at);
      guild.allTime.insert(member.total);

      addTally(topic, slot, answer.correct);
      for (const concept of concepts) addTally(concept, slot, answer.correct);

      let standing = week.get(slot);
      if (standing) {
        weekIndex?.remove(standing);
      } else {
        standing = new Standing(answer.userId, slot, result.at);
        week.set(slot, standing);
      }
      addAnswer(standing, answer.correct, answer.points, result.at);
      weekIndex?.insert(standing);
    }
  }

  leaderboard(guildId: string, period: Period, now: number, offset: number, limit: number): LeaderboardPage {
    const guild = this.guilds.get(guildId);
    if (!guild) return { entries: [], total: 0 };
    const index = this.indexFor(guild, period, now);
    const from = Math.max(0, Math.floor(offset));
    const entries = index
      .slice(from, Math.max(0, Math.floor(limit)))
      .map((standing, i) => toEntry(guild, standing, from + i + 1));
    return { entries, total: index.size };
  }

  rankOf(guildId: string, userId: string, period: Period, now: number): LeaderboardEntry | undefined {
    const guild = this.guilds.get(guildId);
    const slot = guild?.bySlot.get(userId);
    if (!guild || slot === undefined) return undefined;
    const standing =
      period === 'all-time' ? guild.members[slot]?.total : guild.weeks.get(isoWeek(now))?.get(slot);
    if (!standing) return undefined;
    const position = this.indexFor(guild, period, now).indexOf(standing);
    return position < 0 ? undefined : toEntry(guild, standing, position + 1);
  }

  memberStats(guildId: string, userId: string): MemberStats | undefined {
    const guild = this.guilds.get(guildId);
    const slot = guild?.bySlot.get(userId);
    const member = slot === undefined ? undefined : guild?.members[slot];
    if (!guild || slot === undefined || !member) return undefined;
    return {
      userId,
      displayName: member.displayName,
      points: member.total.points,
      answered: member.total.answered,
      correct: member.total.correct,
      bestStreak: member.bestStreak,
      topics: talliesOf(guild.topics, slot),
      concepts: talliesOf(guild.concepts, slot),
    };
  }

  /** The whole score file (see scoreFileSchema.ts). */
  toJson(): string {
    const guilds: Record<string, GuildData> = {};
    for (const [guildId, guild] of this.guilds) defineKey(guilds, guildId, guildToFile(guild));
    return `${JSON.stringify({ format: SCORE_FILE_FORMAT, version: SCORE_FILE_VERSION, guilds })}\n`;
  }

  private guild(guildId: string): Guild {
    let guild = this.guilds.get(guildId);
    if (!guild) {
      guild = {
        members: [],
        bySlot: new Map(),
        allTime: new RankIndex(rankOrder),
        topics: new Map(),
        concepts: new Map(),
        weeks: new Map(),
        weekly: new Map(),
      };
      this.guilds.set(guildId, guild);
    }
    return guild;
  }

  private week(guild: Guild, weekKey: string): Map<number, Standing> {
    let week = guild.weeks.get(weekKey);
    if (!week) {
      week = new Map();
      guild.weeks.set(weekKey, week);
      for (const old of oldest(guild.weeks, WEEKS_KEPT)) {
        guild.weeks.delete(old);
        guild.weekly.delete(old);
      }
    }
    return week;
  }

  private indexFor(guild: Guild, period: Period, now: number): RankIndex<Standing> {
    if (period === 'all-time') return guild.allTime;
    const weekKey = isoWeek(now);
    let index = guild.weekly.get(weekKey);
    if (!index) {
      index = RankIndex.from([...(guild.weeks.get(weekKey)?.values() ?? [])], rankOrder);
      guild.weekly.set(weekKey, index);
      for (const old of oldest(guild.weekly, WEEK_INDEXES_KEPT)) guild.weekly.delete(old);
    }
    return index;
  }
}

/** Keys beyond the `keep` latest, for maps keyed by ISO week (which sort as text). */
function oldest(map: Map<string, unknown>, keep: number): string[] {
  if (map.size <= keep) return [];
  return [...map.keys()].sort().slice(0, map.size - keep);
}

/** Only call while `standing` is out of its rank indexes: it changes its sort key. */
function addAnswer(standing: Standing, correct: boolean, points: number, at: number): void {
  standing.answered++;
  if (correct) standing.correct++;
  if (points !== 0 || correct) {
    standing.points += points;
    standing.reachedAt = Math.max(standing.reachedAt, at);
  }
}

function tallyTable(tables: Map<string, TallyTable>, key: string): TallyTable {
  let table = tables.get(key);
  if (!table) {
    table = new Map();
    tables.set(key, table);
  }
  return table;
}

function addTally(table: TallyTable, slot: number, correct: boolean): void {
  let tally = table.get(slot);
  if (!tally) {
    tally = { answered: 0, correct: 0 };
    table.set(slot, tally);
  }
  tally.answered++;
  if (correct) tally.correct++;
}

function talliesOf(tables: Map<string, TallyTable>, slot: number): Record<string, TallyStat> {
  const tallies: Record<string, TallyStat> = {};
  for (const [key, table] of tables) {
    const tally = table.get(slot);
    if (tally) defineKey(tallies, key, { answered: tally.answered, correct: tally.correct });
  }
  return tallies;
}

/** Sets an own property even for a key such as `__proto__`. */
function defineKey<T>(record: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
}

function toEntry(guild: Guild, standing: Standing, rank: number): LeaderboardEntry {
  return {
    rank,
    userId: standing.userId,
    displayName: guild.members[standing.slot]?.displayName ?? '',
    points: standing.points,
    answered: standing.answered,
    correct: standing.correct,
  };
}

function guildToFile(guild: Guild): GuildData {
  const members: GuildData['members'] = {
    id: [],
    name: [],
    points: [],
    answered: [],
    correct: [],
    bestStreak: [],
    reachedAt: [],
  };
  for (const { displayName, bestStreak, total } of guild.members) {
    members.id.push(total.userId);
    members.name.push(displayName);
    members.points.push(total.points);
    members.answered.push(total.answered);
    members.correct.push(total.correct);
    members.bestStreak.push(bestStreak);
    members.reachedAt.push(total.reachedAt);
  }
  const tallies = (tables: Map<string, TallyTable>) => {
    const out: GuildData['topics'] = {};
    for (const [key, table] of tables) {
      const columns: GuildData['topics'][string] = { member: [], answered: [], correct: [] };
      for (const [slot, tally] of table) {
        columns.member.push(slot);
        columns.answered.push(tally.answered);
        columns.correct.push(tally.correct);
      }
      defineKey(out, key, columns);
    }
    return out;
  };
  const weeks: GuildData['weeks'] = {};
  for (const [key, week] of guild.weeks) {
    const columns: GuildData['weeks'][string] = {
      member: [],
      points: [],
      answered: [],
      correct: [],
      reachedAt: [],
    };
    for (const [slot, standing] of week) {
      columns.member.push(slot);
      columns.points.push(standing.points);
      columns.answered.push(standing.answered);
      columns.correct.push(standing.correct);
      columns.reachedAt.push(standing.reachedAt);
    }
    defineKey(weeks, key, columns);
  }
  return { members, topics: tallies(guild.topics), concepts: tallies(guild.concepts), weeks };
}

/** Expects data checked by scoreFileSchema: columns of equal length, member slots in range. */
function guildFromFile(data: GuildData): Guild {
  const columns = data.members;
  const members = columns.id.map((userId, slot) => {
    const total = new Standing(userId, slot, columns.reachedAt[slot] ?? 0);
    total.points = columns.points[slot] ?? 0;
    total.answered = columns.answered[slot] ?? 0;
    total.correct = columns.correct[slot] ?? 0;
    const member = new Member(columns.name[slot] ?? '', total);
    member.bestStreak = columns.bestStreak[slot] ?? 0;
    return member;
  });
  const tallies = (tables: GuildData['topics']) => {
    const out = new Map<string, TallyTable>();
    for (const [key, table] of Object.entries(tables)) {
      const bySlot: TallyTable = new Map();
      for (const [i, slot] of table.member.entries()) {
        bySlot.set(slot, { answered: table.answered[i] ?? 0, correct: table.correct[i] ?? 0 });
      }
      out.set(key, bySlot);
    }
    return out;
  };
  const weeks = new Map<string, Map<number, Standing>>();
  for (const [key, table] of Object.entries(data.weeks)) {
    const bySlot = new Map<number, Standing>();
    for (const [i, slot] of table.member.entries()) {
      const standing = new Standing(columns.id[slot] ?? '', slot, table.reachedAt[i] ?? 0);
      standing.points = table.points[i] ?? 0;
      standing.answered = table.answered[i] ?? 0;
      standing.correct = table.correct[i] ?? 0;
      bySlot.set(slot, standing);
    }
    weeks.set(key, bySlot);
  }
  return {
    members,
    bySlot: new Map(columns.id.map((userId, slot) => [userId, slot])),
    allTime: RankIndex.from(
      members.map((member) => member.total),
      rankOrder,
    ),
    topics: tallies(data.topics),
    concepts: tallies(data.concepts),
    weeks,
    weekly: new Map(),
  };
}
