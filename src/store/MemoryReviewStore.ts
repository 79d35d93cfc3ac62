import { ReviewCardIndex } from './ReviewCardIndex.ts';
import type {
  CardUpdate,
  DueCounts,
  DueQuery,
  ReviewCard,
  ReviewLogEntry,
  ReviewStore,
} from './ReviewStore.ts';

/** Review cards that live as long as the process: for tests, demos and the terminal. */
export class MemoryReviewStore implements ReviewStore {
  readonly #index = new ReviewCardIndex();
  readonly #log: (ReviewLogEntry & { guildId: string; userId: string; questionId: string })[] = [];
  #closed = false;

  async load(): Promise<void> {}

  async save(updates: readonly CardUpdate[]): Promise<void> {
    if (this.#closed) throw new Error('The review store is closed; nothing more can be saved.');
    for (const update of updates) {
      this.#index.apply(update);
      this.#log.push({
        guildId: update.guildId,
        userId: update.userId,
        questionId: update.card.questionId,
        ...update.log,
      });
    }
  }

  async cards(
    guildId: string,
    userId: string,
    questionIds: readonly string[],
  ): Promise<Map<string, ReviewCard>> {
    return this.#index.cards(guildId, userId, questionIds);
  }

  async cardsOf(
    guildId: string,
    questionId: string,
    userIds: readonly string[],
  ): Promise<Map<string, ReviewCard>> {
    return this.#index.cardsOf(guildId, questionId, userIds);
  }

  async dueCards(guildId: string, userId: string, query: DueQuery): Promise<ReviewCard[]> {
    return this.#index.dueCards(guildId, userId, query);
  }

  async dueCounts(guildId: string, userId: string, bounds: DueCounts): Promise<DueCounts> {
    return this.#index.dueCounts(guildId, userId, bounds);
  }

  async topics(guildId: string, userId: string): Promise<string[]> {
    return this.#index.topics(guildId, userId);
  }

  /** The review log so far, oldest first. */
  get log(): readonly (ReviewLogEntry & { guildId: string; userId: string; questionId: string })[] {
    return this.#log;
  }

  async close(): Promise<void> {
    this.#closed = true;
  }
}
