import type { QuestionOutcome, QuizRound, RoundEndReason, RoundListener } from '../../src/core/quizRound.ts';
import type { Standing } from '../../src/core/standings.ts';

export type RecordedEvent =
  | { type: 'opened'; index: number; deadline: number }
  | { type: 'locked'; index: number; count: number }
  | { type: 'closed'; outcome: QuestionOutcome }
  | { type: 'ended'; reason: RoundEndReason; standings: readonly Standing[] };

/** A listener that remembers what the round told it, in order. */
export class RecordingListener implements RoundListener {
  readonly events: RecordedEvent[] = [];

  questionOpened(_round: QuizRound, index: number, deadline: number): void {
    this.events.push({ type: 'opened', index, deadline });
  }

  answerLocked(_round: QuizRound, index: number, count: number): void {
    this.events.push({ type: 'locked', index, count });
  }

  questionClosed(_round: QuizRound, outcome: QuestionOutcome): void {
    this.events.push({ type: 'closed', outcome });
  }

  roundEnded(_round: QuizRound, reason: RoundEndReason, standings: readonly Standing[]): void {
    this.events.push({ type: 'ended', reason, standings });
  }

  get types(): string[] {
    return this.events.map((event) => event.type);
  }

  outcomes(): QuestionOutcome[] {
    return this.events.flatMap((event) => (event.type === 'closed' ? [event.outcome] : []));
  }

  ended(): Extract<RecordedEvent, { type: 'ended' }> | undefined {
    return this.events.find(
      (event): event is Extract<RecordedEvent, { type: 'ended' }> => event.type === 'ended',
    );
  }
}
