import type { Bank } from '../bank/loadBank.ts';
import { topicTitle } from '../bank/topicTitle.ts';
import { GlossaryQueries } from './glossaryQueries.ts';
import { QuizRounds, type QuizRoundsOptions } from './quizRounds.ts';
import { ScoreQueries } from './scoreQueries.ts';
import type { ServerBanks } from './serverBanks.ts';
import { searchTopics, type TopicOption } from './topicChoice.ts';

/** What the use cases are built from: the round use cases' options, and servers' banks when stored. */
export type StudyAppOptions = QuizRoundsOptions & {
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
  topics(typed: string, guildId?: string | null): TopicOption[];
  topicTitle(topicId: string, guildId?: string | null): string;
  serverBanks: ServerBanks | undefined;
}

export function createStudyApp(options: StudyAppOptions): StudyApp {
  const rounds = new QuizRounds(options);
  const bank = (guildId?: string | null) => options.bank(guildId);
  return {
    bank,
    rounds,
    scores: new ScoreQueries(options),
    glossary: new GlossaryQueries(() => bank()),
    glossaryOf: (guildId) => new GlossaryQueries(() => bank(guildId)),
    topics: (typed, guildId) => searchTopics(bank(guildId), typed),
    topicTitle: (topicId, guildId) => topicTitle(bank(guildId), topicId),
    serverBanks: options.serverBanks,
  };
}
