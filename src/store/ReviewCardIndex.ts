import type { CardUpdate, DueCounts, DueQuery, ReviewCard } from './ReviewStore.ts';

/** Cards in memory by guild, member and question: the reads of the memory and JSON stores. */
export class ReviewCardIndex {
  readonly #guilds = new Map<string, Map<string, Map<string, ReviewCard>>>();

  apply(update: CardUpdate): void {
    this.set(update.guildId, update.userId, update.card);
  }

  set(guildId: string, userId: string, card: ReviewCard): void {
    let members = this.#guilds.get(guildId);
    if (!members) {
      members = new Map();
      this.#guilds.set(guildId, members);
    }
    let cards = members.get(userId);
    if (!cards) {
      cards = new Map();
      members.set(userId, cards);
    }
    cards.set(card.questionId, { ...card });
  }

  cards(guildId: string, userId: string, questionIds: readonly string[]): Map<string, ReviewCard> {
    const cards = this.#member(guildId, userId);
    const found = new Map<string, ReviewCard>();
    for (const id of questionIds) {
      const card = cards?.get(id);
      if (card) found.set(id, { ...card });
    }
    return found;
  }

  cardsOf(guildId: string, questionId: string, userIds: readonly string[]): Map<string, ReviewCard> {
    const members = this.#guilds.get(guildId);
    const found = new Map<string, ReviewCard>();
    for (const userId of userIds) {
      const card = members?.get(userId)?.get(questionId);
      if (card) found.set(userId, { ...card });
    }
    return found;
  }

  dueCards(guildId: string, userId: string, query: DueQuery): ReviewCard[] {
    const due: ReviewCard[] = [];
    for (const card of this.#member(guildId, userId)?.values() ?? []) {
      if (card.due <= query.dueBy && (query.topic === undefined || card.topic === query.topic))
        due.push(card);
    }
    due.sort(byDue);
    return due.slice(0, Math.max(0, query.limit)).map((card) => ({ ...card }));
  }

  dueCounts(guildId: string, userId: string, bounds: DueCounts): DueCounts {
    const counts = { today: 0, week: 0 };
    for (const card of this.#member(guildId, userId)?.values() ?? []) {
      if (card.due <= bounds.today) counts.today++;
      if (card.due <= bounds.week) counts.week++;
    }
    return counts;
  }

  topics(guildId: string, userId: string): string[] {
    const topics = new Set<string>();
    for (const card of this.#member(guildId, userId)?.values() ?? []) topics.add(card.topic);
    return [...topics].sort();
  }

  /** Every card, guild by guild and member by member (for the file). */
  *entries(): Generator<[guildId: string, userId: string, cards: Iterable<ReviewCard>]> {
    for (const [guildId, members] of this.#guilds)
      for (const [userId, cards] of members) yield [guildId, userId, cards.values()];
  }

  #member(guildId: string, userId: string): Map<string, ReviewCard> | undefined {
    return this.#guilds.get(guildId)?.get(userId);
  }
}

function byDue(a: ReviewCard, b: ReviewCard): number {
  return a.due - b.due || (a.questionId < b.questionId ? -1 : a.questionId > b.questionId ? 1 : 0);
}
