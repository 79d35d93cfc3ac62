/** `week` is the current ISO week (Monday to Sunday, UTC). */
export type Period = 'all-time' | 'week';

export interface AnswerOutcome {
  userId: string;
  displayName: string;
  correct: boolean;
  points: number;
  /** The member's streak after this question. */
  streak: number;
}

export interface QuestionResult {
  guildId: string;
  roundId: string;
  questionId: string;
  topic: string;
  concepts: readonly string[];
  /** Epoch ms when the question closed. */
  at: number;
  /** Only members who answered; unscored (open) questions are not recorded. */
  answers: readonly AnswerOutcome[];
}

export interface LeaderboardEntry {
  /** 1-based; see rankOrder for how ties are broken. */
  rank: number;
  userId: string;
  displayName: string;
  points: number;
  answered: number;
  correct: number;
}

export interface LeaderboardPage {
  entries: LeaderboardEntry[];
  /** Members ranked in this period. */
  total: number;
}

export interface TallyStat {
  answered: number;
  correct: number;
}

export interface MemberStats {
  userId: string;
  displayName: string;
  points: number;
  answered: number;
  correct: number;
  bestStreak: number;
  topics: Record<string, TallyStat>;
  concepts: Record<string, TallyStat>;
}

/** Points a member scored in one ISO week (UTC), keyed like `2026-W48`. */
export interface WeekPoints {
  week: string;
  points: number;
}

/** The most weeks `weeklyPoints` reports: the weeks of history every store keeps. */
export const WEEKLY_HISTORY_WEEKS = 8;

export interface LeaderboardQuery {
  period: Period;
  limit: number;
  offset: number;
  now: number;
}

/**
 * The storage port: scores per guild (server), so a member's points in one guild never show in
 * another. Every call is asynchronous, so a networked database fits behind it as well as memory
 * or a file. Nothing here assumes where the scores live.
 */
export interface ScoreStore {
  /**
   * Opens the store (reads the file; connects and migrates the database); throws ScoreFileError or
   * ScoreDatabaseError when it cannot be used, with a message for the person running the bot.
   */
  load(): Promise<void>;
  /**
   * Records one question's results. Resolves once they are durable; rejects when they could not
   * be saved (a store that keeps them pending retries them with the next record). Recording the
   * same round and question again changes nothing.
   */
  record(result: QuestionResult): Promise<void>;
  leaderboard(guildId: string, query: LeaderboardQuery): Promise<LeaderboardPage>;
  rankOf(guildId: string, userId: string, period: Period, now: number): Promise<LeaderboardEntry | undefined>;
  memberStats(guildId: string, userId: string): Promise<MemberStats | undefined>;
  /**
   * The member's points in each of the last `weeks` ISO weeks up to the one holding `now`, oldest
   * first, 0 for a week without answers; `weeks` is clamped to 1…WEEKLY_HISTORY_WEEKS.
   */
  weeklyPoints(guildId: string, userId: string, weeks: number, now: number): Promise<WeekPoints[]>;
  /** Saves what is pending, then refuses further records. */
  close(): Promise<void>;
}
