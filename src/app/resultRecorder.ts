import { isScored } from '../core/question.ts';
import type { QuestionOutcome, QuizRound } from '../core/quizRound.ts';
import type { Logger } from '../logger.ts';
import type { QuestionResult, ScoreStore } from '../store/ScoreStore.ts';
import type { Saved } from './roundObserver.ts';

/**
 * Records each closed question's results through the storage port. Saves run as the store
 * allows (the click path never waits for them); a round's summary waits for all of its saves.
 */
export class ResultRecorder {
  readonly #store: ScoreStore;
  readonly #logger: Logger;
  readonly #pending = new Map<string, Set<Saved>>();

  constructor(store: ScoreStore, logger: Logger) {
    this.#store = store;
    this.#logger = logger;
  }

  save(round: QuizRound, outcome: QuestionOutcome): Saved {
    const result = questionResult(round, outcome);
    if (!result) return Promise.resolve(true);
    const saved: Saved = this.#store.record(result).then(
      () => true,
      (error: unknown) => {
        this.#logger.error(
          { guildId: round.place.guildId, roundId: round.id, questionId: result.questionId, err: error },
          'scores could not be saved',
        );
        return false;
      },
    );
    let pending = this.#pending.get(round.id);
    if (!pending) {
      pending = new Set();
      this.#pending.set(round.id, pending);
    }
    pending.add(saved);
    void saved.then(() => {
      pending.delete(saved);
      if (pending.size === 0 && this.#pending.get(round.id) === pending) this.#pending.delete(round.id);
    });
    return saved;
  }

  /** True once every save of the round has succeeded; false if any failed. */
  settled(roundId: string): Saved {
    const pending = [...(this.#pending.get(roundId) ?? [])];
    return Promise.all(pending).then((results) => results.every(Boolean));
  }

  /** Resolves when no save is in flight. */
  async idle(): Promise<void> {
    while (this.#pending.size > 0) await Promise.all([...this.#pending.values()].flatMap((set) => [...set]));
  }
}

export function questionResult(round: QuizRound, outcome: QuestionOutcome): QuestionResult | undefined {
  if (!isScored(outcome.question) || outcome.answers.length === 0) return undefined;
  return {
    guildId: round.place.guildId,
    roundId: round.id,
    questionId: outcome.question.id,
    topic: outcome.question.topic,
    concepts: outcome.question.concepts,
    at: outcome.closedAt,
    answers: outcome.answers.map(({ userId, displayName, correct, points, streak }) => ({
      userId,
      displayName,
      correct,
      points,
      streak,
    })),
  };
}
