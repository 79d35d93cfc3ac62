import { type Card, createEmptyCard, fsrs, type Grade } from 'ts-fsrs';
import type { ReviewCard, ReviewLogEntry, ReviewRating, ReviewSource } from '../store/ReviewStore.ts';

/**
 * One ten-minute (re)learning step: a missed question comes back ten minutes later (so it is
 * due at once, see REVIEW_DUE_WINDOW_MS, and can be reviewed right after the round), and a
 * right answer on a new or missed card moves it out by days.
 */
const scheduler = fsrs({ learning_steps: ['10m'], relearning_steps: ['10m'], enable_fuzz: false });

export const AGAIN: ReviewRating = 1;
export const HARD: ReviewRating = 2;
export const GOOD: ReviewRating = 3;
export const EASY: ReviewRating = 4;

/** A card due within this much of now counts as due. */
export const REVIEW_DUE_WINDOW_MS = 10 * 60_000;

/**
 * The rating of a scored answer: wrong → Again; right → Good, or Hard when it came in the last
 * quarter of the question's time (no time limit, as in /review: Good).
 */
export function ratingOf(correct: boolean, elapsedMs?: number, limitMs?: number): ReviewRating {
  if (!correct) return AGAIN;
  if (elapsedMs !== undefined && limitMs !== undefined && limitMs > 0 && elapsedMs >= limitMs * 0.75)
    return HARD;
  return GOOD;
}

/** The card after a review at `now` (a new card when there was none), and the log entry to keep. */
export function reviewCard(
  previous: ReviewCard | undefined,
  question: { id: string; topic: string },
  rating: ReviewRating,
  now: number,
  source: ReviewSource,
): { card: ReviewCard; log: ReviewLogEntry } {
  const { card, log } = scheduler.next(
    previous ? fsrsCard(previous) : createEmptyCard(now),
    now,
    rating as Grade,
  );
  return {
    card: {
      questionId: question.id,
      topic: question.topic,
      due: card.due.getTime(),
      stability: card.stability,
      difficulty: card.difficulty,
      elapsedDays: card.elapsed_days,
      scheduledDays: card.scheduled_days,
      learningSteps: card.learning_steps,
      reps: card.reps,
      lapses: card.lapses,
      state: card.state,
      lastReview: card.last_review?.getTime(),
    },
    log: {
      rating,
      state: log.state,
      due: log.due.getTime(),
      stability: log.stability,
      difficulty: log.difficulty,
      elapsedDays: log.elapsed_days,
      lastElapsedDays: log.last_elapsed_days,
      scheduledDays: log.scheduled_days,
      learningSteps: log.learning_steps,
      review: log.review.getTime(),
      source,
    },
  };
}

function fsrsCard(card: ReviewCard): Card {
  return {
    due: new Date(card.due),
    stability: card.stability,
    difficulty: card.difficulty,
    elapsed_days: card.elapsedDays,
    scheduled_days: card.scheduledDays,
    learning_steps: card.learningSteps,
    reps: card.reps,
    lapses: card.lapses,
    state: card.state,
    ...(card.lastReview !== undefined && { last_review: new Date(card.lastReview) }),
  };
}

/** "again in 10 minutes", "in 4 days": when a card comes back, as a member reads it. */
export function comesBackIn(due: number, now: number): string {
  const minutes = Math.max(0, Math.round((due - now) / 60_000));
  const unit = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const prefix = minutes < 60 * 24 ? 'again in' : 'in';
  if (minutes < 60) return `${prefix} ${unit(Math.max(1, minutes), 'minute')}`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `${prefix} ${unit(hours, 'hour')}`;
  const days = Math.round(hours / 24);
  if (days < 60) return `in ${unit(days, 'day')}`;
  return `in ${unit(Math.round(days / 30), 'month')}`;
}
