import type { QuestionOutcome, QuizRound, RoundEndReason } from '../core/quizRound.ts';
import type { Standing } from '../core/standings.ts';

/** Resolves true once the results are durable, false when they could not be saved (never rejects). */
export type Saved = Promise<boolean>;

/**
 * What a presentation of rounds (Discord, the terminal) hears: the engine's events, plus when
 * the results behind a reveal or a summary are saved, so it never shows a point it could lose.
 */
export interface RoundObserver {
  questionOpened(round: QuizRound, index: number, deadline: number): void;
  answerLocked(round: QuizRound, index: number, answeredCount: number): void;
  questionClosed(round: QuizRound, outcome: QuestionOutcome, saved: Saved): void;
  roundEnded(round: QuizRound, reason: RoundEndReason, standings: readonly Standing[], saved: Saved): void;
}
