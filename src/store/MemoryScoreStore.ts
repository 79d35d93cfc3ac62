import { Scoreboard } from './Scoreboard.ts';
import type {
  LeaderboardEntry,
  LeaderboardPage,
  LeaderboardQuery,
  MemberStats,
  Period,
  QuestionResult,
  ScoreStore,
  WeekPoints,
} from './ScoreStore.ts';

/** Scores that live as long as the process: for tests, demos and trying the bot out. */
export class MemoryScoreStore implements ScoreStore {
  readonly #board = new Scoreboard();
  #closed = false;

  async load(): Promise<void> {}

  async record(result: QuestionResult): Promise<void> {
    if (this.#closed) throw new Error('The score store is closed; nothing more can be recorded.');
    this.#board.record(result);
  }

  async leaderboard(guildId: string, query: LeaderboardQuery): Promise<LeaderboardPage> {
    return this.#board.leaderboard(guildId, query.period, query.now, query.offset, query.limit);
  }

  async rankOf(
    guildId: string,
    userId: string,
    period: Period,
    now: number,
  ): Promise<LeaderboardEntry | undefined> {
    return this.#board.rankOf(guildId, userId, period, now);
  }

  async memberStats(guildId: string, userId: string): Promise<MemberStats | undefined> {
    return this.#board.memberStats(guildId, userId);
  }

  async weeklyPoints(guildId: string, userId: string, weeks: number, now: number): Promise<WeekPoints[]> {
    return this.#board.weeklyPoints(guildId, userId, weeks, now);
  }

  async close(): Promise<void> {
    this.#closed = true;
  }
}
