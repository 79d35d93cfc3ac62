import type { Bank } from '../bank/loadBank.ts';
import { topicTitle } from '../bank/topicTitle.ts';
import { MemoryReviewStore } from '../store/MemoryReviewStore.ts';
import type { ReviewStore } from '../store/ReviewStore.ts';
import { GlossaryQueries } from './glossaryQueries.ts';
import { QuizRounds, type QuizRoundsOptions } from './quizRounds.ts';
import { ReviewRecorder } from './reviewRecorder.ts';
import { ReviewSessions } from './reviewSessions.ts';
import { ScoreQueries } from './scoreQueries.ts';
import type { ReviewsDue } from './statsChartModel.ts';
import { searchTopics, type TopicOption } from './topicChoice.ts';

/** What the use cases are built from: what the round use cases need, and where review cards live. */
export type StudyAppOptions = QuizRoundsOptions & {
  /** Review cards (default: in memory, for the terminal, the demo and tests). */
  reviewStore?: ReviewStore | undefined;
};

/** Every use case a command, the terminal, the demo or the bench calls: one object, Discord-free. */
export interface StudyApp {
  /** The bank served now. */
  bank(): Bank;
  rounds: QuizRounds;
  scores: ScoreQueries;
  glossary: GlossaryQueries;
  /** `/review` sessions, members' ratings of open questions, and due counts for /stats. */
  reviews: ReviewSessions;
  /** Updates review cards from rounds; `idle()` resolves when no update is in flight. */
  reviewRecorder: ReviewRecorder;
  topics(typed: string): TopicOption[];
  topicTitle(topicId: string): string;
  /** A member's review cards due today and this week, now, for the /stats chart. */
  reviewsDue(guildId: string, userId: string): Promise<ReviewsDue>;
}

export function createStudyApp(options: StudyAppOptions): StudyApp {
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
    bank: options.bank,
    rounds,
    reviews,
    reviewsDue: (guildId, userId) => reviews.dueCounts(guildId, userId, options.scheduler.now()),
    reviewRecorder,
    scores: new ScoreQueries(options),
    glossary: new GlossaryQueries(options.bank),
    topics: (typed) => searchTopics(options.bank(), typed),
    topicTitle: (topicId) => topicTitle(options.bank(), topicId),
  };
}
