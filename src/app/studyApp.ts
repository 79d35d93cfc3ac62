import type { Bank } from '../bank/loadBank.ts';
import { topicTitle } from '../bank/topicTitle.ts';
import type { Random } from '../core/random.ts';
import type { Scheduler } from '../core/scheduler.ts';
import type { Logger } from '../logger.ts';
import type { ScoreStore } from '../store/ScoreStore.ts';
import { GlossaryQueries } from './glossaryQueries.ts';
import { QuizRounds } from './quizRounds.ts';
import type { RoundDefaults, RoundLimits } from './roundLimits.ts';
import type { RoundObserver } from './roundObserver.ts';
import { ScoreQueries } from './scoreQueries.ts';
import { searchTopics, type TopicOption } from './topicChoice.ts';

export interface StudyAppOptions {
  bank: () => Bank;
  store: ScoreStore;
  scheduler: Scheduler;
  random: Random;
  logger: Logger;
  defaults: RoundDefaults;
  observers: readonly RoundObserver[];
  limits?: RoundLimits | undefined;
}

/** Every use case a command, the terminal, the demo or the bench calls: one object, Discord-free. */
export interface StudyApp {
  /** The bank served now. */
  bank(): Bank;
  rounds: QuizRounds;
  scores: ScoreQueries;
  glossary: GlossaryQueries;
  topics(typed: string): TopicOption[];
  topicTitle(topicId: string): string;
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
