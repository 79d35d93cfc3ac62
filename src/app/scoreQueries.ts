import type { Bank } from '../bank/loadBank.ts';
import { topicTitle } from '../bank/topicTitle.ts';
import type { Scheduler } from '../core/scheduler.ts';
import { UserError } from '../core/userError.ts';
import type {
  LeaderboardEntry,
  LeaderboardPage,
  MemberStats,
  Period,
  ScoreStore,
  WeekPoints,
} from '../store/ScoreStore.ts';

export const PERIODS = ['all-time', 'week'] as const satisfies readonly Period[];
export const LEADERBOARD_PAGE_SIZE = 10;
/** ISO weeks of points the /stats chart shows, the current one last. */
export const CHART_WEEKS = 8;

export interface LeaderboardView {
  period: Period;
  offset: number;
  page: LeaderboardPage;
  /** The viewer's own entry, also when it is not on this page. */
  viewer: LeaderboardEntry | undefined;
}

export interface StatsView {
  stats: MemberStats;
  /** All-time rank in the server. */
  rank: number | undefined;
  /** Points in each of the last CHART_WEEKS ISO weeks, oldest first. */
  weeks: WeekPoints[];
  titles: { topic: (id: string) => string; concept: (id: string) => string };
}

export function checkPeriod(value: string | null | undefined): Period {
  const period = value ?? 'all-time';
  if (!(PERIODS as readonly string[]).includes(period))
    throw new UserError('period must be all-time or week.');
  return period as Period;
}

/** Leaderboards and stats of one server, read through the storage port. */
export class ScoreQueries {
  readonly #store: ScoreStore;
  readonly #bank: (guildId?: string | null) => Bank;
  readonly #scheduler: Scheduler;

  constructor(options: { store: ScoreStore; bank: (guildId?: string | null) => Bank; scheduler: Scheduler }) {
    this.#store = options.store;
    this.#bank = options.bank;
    this.#scheduler = options.scheduler;
  }

  async leaderboard(
    guildId: string,
    period: Period,
    offset: number,
    viewerId: string,
  ): Promise<LeaderboardView> {
    const now = this.#scheduler.now();
    const from = Math.max(0, Math.floor(offset));
    const [page, viewer] = await Promise.all([
      this.#store.leaderboard(guildId, { period, limit: LEADERBOARD_PAGE_SIZE, offset: from, now }),
      this.#store.rankOf(guildId, viewerId, period, now),
    ]);
    return { period, offset: from, page, viewer };
  }

  /** Undefined when the member has not answered in this server. */
  async memberStats(guildId: string, userId: string): Promise<StatsView | undefined> {
    const now = this.#scheduler.now();
    const [stats, entry, weeks] = await Promise.all([
      this.#store.memberStats(guildId, userId),
      this.#store.rankOf(guildId, userId, 'all-time', now),
      this.#store.weeklyPoints(guildId, userId, CHART_WEEKS, now),
    ]);
    if (!stats) return undefined;
    const bank = this.#bank(guildId);
    return {
      stats,
      rank: entry?.rank,
      weeks,
      titles: {
        topic: (id) => topicTitle(bank, id),
        concept: (id) => bank.glossary.get(id)?.title ?? id,
      },
    };
  }
}
