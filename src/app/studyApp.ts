import type { Bank } from '../bank/loadBank.ts';
import { topicTitle } from '../bank/topicTitle.ts';
import { MemoryReviewStore } from '../store/MemoryReviewStore.ts';
import type { ReviewStore } from '../store/ReviewStore.ts';
import { GlossaryQueries } from './glossaryQueries.ts';
import { QuizRounds, type QuizRoundsOptions } from './quizRounds.ts';
import { ReviewRecorder } from './reviewRecorder.ts';
import { ReviewSessions } from './reviewSessions.ts';
import { ScoreQueries } from './scoreQueries.ts';
import type { ServerBanks } from './serverBanks.ts';
import type { ReviewsDue } from './statsChartModel.ts';
import { searchTopics, type TopicOption } from './topicChoice.ts';

/**
 * What the use cases are built from: the round use cases' options, where review cards live, and
 * servers' banks when they are stored.
 */
export type StudyAppOptions = QuizRoundsOptions & {
  /** Review cards (default: in memory, for the terminal, the demo and tests). */
  reviewStore?: ReviewStore | undefined;
  /** `/bank`: absent where servers cannot have banks of their own (the terminal, the bench). */
  serverBanks?: ServerBanks | undefined;
};

/** Every use case a command, the terminal, the demo or the bench calls: one object, Discord-free. */
export interface StudyApp {
  /** The bank served now in a server (the shipped one without a server). */
  bank(guildId?: string | null): Bank;
  rounds: QuizRounds;
  scores: ScoreQueries;
  /** The shipped bank's glossary. */
  glossary: GlossaryQueries;
  /** A server's glossary: the shipped one and the server's own concepts. */
  glossaryOf(guildId: string | null | undefined): GlossaryQueries;
  /** `/review` sessions, members' ratings of open questions, and due counts for /stats. */
  reviews: ReviewSessions;
  /** Updates review cards from rounds; `idle()` resolves when no update is in flight. */
  reviewRecorder: ReviewRecorder;
  topics(typed: string, guildId?: string | null): TopicOption[];
  topicTitle(topicId: string, guildId?: string | null): string;
  /** A member's review cards due today and this week, now, for the /stats chart. */
  reviewsDue(guildId: string, userId: string): Promise<ReviewsDue>;
  serverBanks: ServerBanks | undefined;
}

export function createStudyApp(options: StudyAppOptions): StudyApp {
  const bank = (guildId?: string | null) => options.bank(guildId);
  const reviewStore = options.reviewStore ?? new MemoryReviewStore();
  const reviewRecorder = new ReviewRecorder(reviewStore, options.logger);
  const rounds = new QuizRounds({ ...options, observers: [...options.observers, reviewRecorder] });
  const reviews = new ReviewSessions({
    ...options,
    store: reviewStore,
    inLiveRounds: (guildId) =>
      new Set(
        rounds
          .live()
          .filter((round) => round.place.guildId === guildId)
          .flatMap((round) => round.questions.map((q) => q.id)),
      ),
  });
  return {
    bank,
    rounds,
    reviews,
    reviewsDue: (guildId, userId) => reviews.dueCounts(guildId, userId, options.scheduler.now()),
    reviewRecorder,
    scores: new ScoreQueries(options),
    glossary: new GlossaryQueries(() => bank()),
    glossaryOf: (guildId) => new GlossaryQueries(() => bank(guildId)),
    topics: (typed, guildId) => searchTopics(bank(guildId), typed),
    topicTitle: (topicId, guildId) => topicTitle(bank(guildId), topicId),
    serverBanks: options.serverBanks,
  };
}
