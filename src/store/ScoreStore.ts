export { createScoreStore, type ScoreStoreConfig } from './createScoreStore.ts';
export { ScoreFileError } from './ScoreFileError.ts';

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

export interface LeaderboardQuery {
  period: Period;
  limit: number;
  offset: number;
  now: number;
}

/** Scores per guild (server): a member's points in one guild never show in another. */
export interface ScoreStore {
  /** Reads the file (a missing file is an empty store); throws ScoreFileError when it cannot be used. */
  load(): Promise<void>;
  /** Updates memory at once and schedules a coalesced write. */
  record(result: QuestionResult): void;
  /** Resolves once everything recorded before the call is durable on disk. */
  flush(): Promise<void>;
  leaderboard(guildId: string, query: LeaderboardQuery): LeaderboardPage;
  rankOf(guildId: string, userId: string, period: Period, now: number): LeaderboardEntry | undefined;
  memberStats(guildId: string, userId: string): MemberStats | undefined;
  /** Flushes, then refuses further records. */
  close(): Promise<void>;
}
