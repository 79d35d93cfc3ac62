import type { Bank } from '../bank/loadBank.ts';
import { topicTitle } from '../bank/topicTitle.ts';
import { GlossaryQueries } from './glossaryQueries.ts';
import { QuizRounds, type QuizRoundsOptions } from './quizRounds.ts';
import { ScoreQueries } from './scoreQueries.ts';
import type { ReviewsDue } from './statsChartModel.ts';
import { searchTopics, type TopicOption } from './topicChoice.ts';

/** What the use cases are built from: the same as the round use cases need. */
export type StudyAppOptions = QuizRoundsOptions;

/** Every use case a command, the terminal, the demo or the bench calls: one object, Discord-free. */
export interface StudyApp {
  /** The bank served now. */
  bank(): Bank;
  rounds: QuizRounds;
  scores: ScoreQueries;
  glossary: GlossaryQueries;
  topics(typed: string): TopicOption[];
  topicTitle(topicId: string): string;
  /**
   * A member's review due counts, for the /stats chart. Not wired yet: until the review feature
   * provides it, the chart says reviews are not available.
   */
  reviewsDue?: ((guildId: string, userId: string) => Promise<ReviewsDue>) | undefined;
}

export function createStudyApp(options: StudyAppOptions): StudyApp {
  const rounds = new QuizRounds(options);
  return {
    bank: options.bank,
    rounds,
    scores: new ScoreQueries(options),
    glossary: new GlossaryQueries(options.bank),
    topics: (typed) => searchTopics(options.bank(), typed),
    topicTitle: (topicId) => topicTitle(options.bank(), topicId),
  };
}
