/** What the review scheduler (FSRS) keeps about one member's memory of one question. */
export interface ReviewCard {
  questionId: string;
  /** The question's topic when last seen, so reviews can be picked by topic. */
  topic: string;
  /** Epoch ms when the card is next due. */
  due: number;
  stability: number;
  difficulty: number;
  elapsedDays: number;
  scheduledDays: number;
  learningSteps: number;
  reps: number;
  lapses: number;
  /** FSRS state: 0 new, 1 learning, 2 review, 3 relearning. */
  state: number;
  /** Epoch ms of the last review, absent before the first. */
  lastReview?: number | undefined;
}

/** How an answer was rated: 1 Again, 2 Hard, 3 Good, 4 Easy (FSRS grades). */
export type ReviewRating = 1 | 2 | 3 | 4;

/** Where a rating came from: a round's answer, a /review answer, or the member's own rating of an open question. */
export type ReviewSource = 'round' | 'review' | 'self';

/** One review as FSRS logged it (the card as it was before), kept so the scheduler can be re-tuned. */
export interface ReviewLogEntry {
  rating: ReviewRating;
  state: number;
  due: number;
  stability: number;
  difficulty: number;
  elapsedDays: number;
  lastElapsedDays: number;
  scheduledDays: number;
  learningSteps: number;
  /** Epoch ms of the review. */
  review: number;
  source: ReviewSource;
}

/** A card after a review, with the review's log entry: saved together. */
export interface CardUpdate {
  guildId: string;
  userId: string;
  card: ReviewCard;
  log: ReviewLogEntry;
}

export interface DueQuery {
  /** Cards due at or before this epoch ms count as due. */
  dueBy: number;
  limit: number;
  topic?: string | undefined;
}

export interface DueCounts {
  today: number;
  week: number;
}

/**
 * The storage port of reviews: cards and their review log per guild (server) and member, so
 * one member's or one server's cards never show for another. Every call is asynchronous.
 */
export interface ReviewStore {
  /** Opens the store; throws ReviewFileError or ScoreDatabaseError with a message for the operator. */
  load(): Promise<void>;
  /** Saves cards and their log entries together; resolves once durable. One card per member and question per call. */
  save(updates: readonly CardUpdate[]): Promise<void>;
  /** The member's cards among these questions (the ones missing have never been answered). */
  cards(guildId: string, userId: string, questionIds: readonly string[]): Promise<Map<string, ReviewCard>>;
  /** These members' cards for one question (one read for a whole round's answers). */
  cardsOf(guildId: string, questionId: string, userIds: readonly string[]): Promise<Map<string, ReviewCard>>;
  /** Cards due by `dueBy`, most overdue first (ties by question id). */
  dueCards(guildId: string, userId: string, query: DueQuery): Promise<ReviewCard[]>;
  /** How many cards are due at or before each bound (epoch ms). */
  dueCounts(guildId: string, userId: string, bounds: DueCounts): Promise<DueCounts>;
  /** The topics of the member's cards in this guild, sorted. */
  topics(guildId: string, userId: string): Promise<string[]>;
  /** Saves what is pending, then refuses further saves. */
  close(): Promise<void>;
}
