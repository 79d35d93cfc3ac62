import type { QuestionOutcome, QuizRound } from '../core/quizRound.ts';
import type { Logger } from '../logger.ts';
import type { ReviewStore } from '../store/ReviewStore.ts';
import { ratingOf, reviewCard } from './reviewScheduling.ts';
import type { RoundObserver } from './roundObserver.ts';

/**
 * A round listener: each recorded question's answers update the members' review cards. It runs
 * after the question has closed, off the click path; a failure is logged and the round goes on.
 */
export class ReviewRecorder implements RoundObserver {
  readonly #store: ReviewStore;
  readonly #logger: Logger;
  readonly #pending = new Set<Promise<void>>();
  /** The last update queued: updates run one after another, one per turn of the event loop. */
  #last: Promise<void> = Promise.resolve();

  constructor(store: ReviewStore, logger: Logger) {
    this.#store = store;
    this.#logger = logger;
  }

  questionOpened(): void {}

  answerLocked(): void {}

  roundEnded(): void {}

  questionClosed(round: QuizRound, outcome: QuestionOutcome): void {
    if (outcome.answers.length === 0) return;
    // Not urgent, and costly when many rounds close at once (FSRS for every answer): one
    // question's cards per turn of the event loop, so timers and clicks are served in between
    // and no deadline is made late by card updates.
    const saving = this.#last
      .then(nextTurn)
      .then(() => this.#update(round, outcome))
      .catch((error: unknown) => {
        this.#logger.error(
          { guildId: round.place.guildId, roundId: round.id, questionId: outcome.question.id, err: error },
          'review cards could not be saved',
        );
      });
    this.#last = saving;
    this.#pending.add(saving);
    void saving.finally(() => this.#pending.delete(saving));
  }

  /** Resolves when no update is in flight. */
  async idle(): Promise<void> {
    while (this.#pending.size > 0) await Promise.all([...this.#pending]);
  }

  async #update(round: QuizRound, outcome: QuestionOutcome): Promise<void> {
    const { guildId } = round.place;
    const { question } = outcome;
    const limitMs = round.settings.secondsPerQuestion * 1000;
    const previous = await this.#store.cardsOf(
      guildId,
      question.id,
      outcome.answers.map((answer) => answer.userId),
    );
    const updates = outcome.answers.map((answer) => ({
      guildId,
      userId: answer.userId,
      ...reviewCard(
        previous.get(answer.userId),
        question,
        ratingOf(answer.correct, answer.elapsedMs, limitMs),
        outcome.closedAt,
        'round',
      ),
    }));
    await this.#store.save(updates);
  }
}

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
