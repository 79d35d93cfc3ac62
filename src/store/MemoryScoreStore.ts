import { Scoreboard } from './Scoreboard.ts';
import type {
  LeaderboardEntry,
  LeaderboardPage,
  LeaderboardQuery,
  MemberStats,
  Period,
  QuestionResult,
  ScoreStore,
} from './ScoreStore.ts';

/** Scores that live as long as the process: for tests, demos and trying the bot out. */
export class MemoryScoreStore implements ScoreStore {
  protected board = new Scoreboard();
  protected closed = false;

  async load(): Promise<void> {}

  record(result: QuestionResult): void {
    if (this.closed) throw new Error('The score store is closed; nothing more can be recorded.');
    this.board.record(result);
  }

  async flush(): Promise<void> {}

  leaderboard(guildId: string, query: LeaderboardQuery): LeaderboardPage {
    return this.board.leaderboard(guildId, query.period, query.now, query.offset, query.limit);
  }

  rankOf(guildId: string, userId: string, period: Period, now: number): LeaderboardEntry | undefined {
    return this.board.rankOf(guildId, userId, period, now);
  }

  memberStats(guildId: string, userId: string): MemberStats | undefined {
    return this.board.memberStats(guildId, userId);
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}
