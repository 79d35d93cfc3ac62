import type { ReviewRating } from '../store/ReviewStore.ts';
import type { Period } from '../store/ScoreStore.ts';

/**
 * Every custom id the bot puts on a button or modal, built and parsed here only. Ids carry the
 * round and question, so a click on an old message is recognised and answered politely.
 */
export type CustomId =
  | { kind: 'answer-choice'; roundId: string; question: number; choice: number }
  | { kind: 'answer-boolean'; roundId: string; question: number; value: boolean }
  | { kind: 'answer-open-modal'; roundId: string; question: number }
  | { kind: 'answer-text'; roundId: string; question: number }
  | { kind: 'model-answer'; roundId: string; question: number }
  | { kind: 'explain'; conceptId: string }
  | { kind: 'leaderboard-page'; period: Period; offset: number; ownerId: string }
  | { kind: 'review-choice'; sessionId: string; step: number; choice: number }
  | { kind: 'review-boolean'; sessionId: string; step: number; value: boolean }
  | { kind: 'review-open-modal'; sessionId: string; step: number }
  | { kind: 'review-text'; sessionId: string; step: number }
  | { kind: 'review-model'; sessionId: string; step: number }
  | { kind: 'review-rate'; sessionId: string; step: number; rating: ReviewRating }
  | { kind: 'review-next'; sessionId: string; step: number }
  /** A member's rating of an open question seen in a round, under its model answer. */
  | { kind: 'review-grade'; questionId: string; rating: ReviewRating }
  | { [K in BankButtonKind]: { kind: K; token: string } }[BankButtonKind];

/** `/bank`'s buttons: each names a pending preview or removal by its unguessable token. */
export type BankButtonKind = 'bank-save' | 'bank-replace' | 'bank-cancel' | 'bank-remove';
const BANK_ACTIONS: Record<string, BankButtonKind> = {
  save: 'bank-save',
  replace: 'bank-replace',
  cancel: 'bank-cancel',
  remove: 'bank-remove',
};

/** Kinds that arrive as modal submissions; every other kind arrives as a button click. */
export const MODAL_KINDS: ReadonlySet<CustomId['kind']> = new Set(['answer-text', 'review-text']);

const ROUND_ID = /^[a-z0-9]{1,16}$/;
const CONCEPT_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const USER_ID = /^\d{1,20}$/;
const BANK_TOKEN = /^[a-z0-9]{1,40}$/;

export function buildCustomId(id: CustomId): string {
  switch (id.kind) {
    case 'answer-choice':
      return `quiz:answer:${id.roundId}:${id.question}:${id.choice}`;
    case 'answer-boolean':
      return `quiz:answer:${id.roundId}:${id.question}:${id.value ? 'true' : 'false'}`;
    case 'answer-open-modal':
      return `quiz:type:${id.roundId}:${id.question}`;
    case 'answer-text':
      return `quiz:typed:${id.roundId}:${id.question}`;
    case 'model-answer':
      return `quiz:model:${id.roundId}:${id.question}`;
    case 'explain':
      return `explain:${id.conceptId}`.slice(0, 100);
    case 'leaderboard-page':
      return `leaderboard:${id.period}:${id.offset}:${id.ownerId}`;
    case 'review-choice':
      return `review:answer:${id.sessionId}:${id.step}:${id.choice}`;
    case 'review-boolean':
      return `review:answer:${id.sessionId}:${id.step}:${id.value ? 'true' : 'false'}`;
    case 'review-open-modal':
      return `review:type:${id.sessionId}:${id.step}`;
    case 'review-text':
      return `review:typed:${id.sessionId}:${id.step}`;
    case 'review-model':
      return `review:model:${id.sessionId}:${id.step}`;
    case 'review-rate':
      return `review:rate:${id.sessionId}:${id.step}:${id.rating}`;
    case 'review-next':
      return `review:next:${id.sessionId}:${id.step}`;
    case 'review-grade':
      return `review:grade:${id.questionId}:${id.rating}`;
    case 'bank-save':
    case 'bank-replace':
    case 'bank-cancel':
    case 'bank-remove':
      return `bank:${id.kind.slice('bank-'.length)}:${id.token}`;
  }
}

const RATINGS: readonly string[] = ['1', '2', '3', '4'];

function parseReviewId(parts: readonly string[]): CustomId | undefined {
  const [, action, first, second, third] = parts;
  if (action === 'grade') {
    if (parts.length !== 4 || !first || first.length > 80 || !CONCEPT_ID.test(first)) return undefined;
    if (!second || !RATINGS.includes(second)) return undefined;
    return { kind: 'review-grade', questionId: first, rating: Number(second) as ReviewRating };
  }
  const sessionId = first ?? '';
  const step = Number(second);
  if (!ROUND_ID.test(sessionId) || !Number.isInteger(step) || step < 0 || step > 99) return undefined;
  if (parts.length === 5) {
    if (action === 'rate' && third && RATINGS.includes(third))
      return { kind: 'review-rate', sessionId, step, rating: Number(third) as ReviewRating };
    if (action !== 'answer') return undefined;
    if (third === 'true' || third === 'false')
      return { kind: 'review-boolean', sessionId, step, value: third === 'true' };
    const choice = Number(third);
    if (!Number.isInteger(choice) || choice < 0 || choice > 5) return undefined;
    return { kind: 'review-choice', sessionId, step, choice };
  }
  if (parts.length !== 4) return undefined;
  if (action === 'type') return { kind: 'review-open-modal', sessionId, step };
  if (action === 'typed') return { kind: 'review-text', sessionId, step };
  if (action === 'model') return { kind: 'review-model', sessionId, step };
  if (action === 'next') return { kind: 'review-next', sessionId, step };
  return undefined;
}

/** The id's meaning, or undefined for anything this bot did not build (never trusted further). */
export function parseCustomId(raw: string): CustomId | undefined {
  const parts = raw.split(':');
  const [scope, action] = parts;
  if (scope === 'quiz') {
    const roundId = parts[2] ?? '';
    const question = Number(parts[3]);
    if (!ROUND_ID.test(roundId) || !Number.isInteger(question) || question < 0 || question > 99)
      return undefined;
    if (action === 'answer' && parts.length === 5) {
      const value = parts[4];
      if (value === 'true' || value === 'false')
        return { kind: 'answer-boolean', roundId, question, value: value === 'true' };
      const choice = Number(value);
      if (!Number.isInteger(choice) || choice < 0 || choice > 5) return undefined;
      return { kind: 'answer-choice', roundId, question, choice };
    }
    if (parts.length !== 4) return undefined;
    if (action === 'type') return { kind: 'answer-open-modal', roundId, question };
    if (action === 'typed') return { kind: 'answer-text', roundId, question };
    if (action === 'model') return { kind: 'model-answer', roundId, question };
    return undefined;
  }
  if (scope === 'review') return parseReviewId(parts);
  if (scope === 'explain' && parts.length === 2 && action && CONCEPT_ID.test(action)) {
    return { kind: 'explain', conceptId: action };
  }
  if (scope === 'bank' && parts.length === 3 && action && Object.hasOwn(BANK_ACTIONS, action)) {
    const token = parts[2] ?? '';
    if (BANK_TOKEN.test(token)) return { kind: BANK_ACTIONS[action] as BankButtonKind, token } as CustomId;
    return undefined;
  }
  if (scope === 'leaderboard' && parts.length === 4) {
    const offset = Number(parts[2]);
    const ownerId = parts[3] ?? '';
    if (
      (action === 'all-time' || action === 'week') &&
      Number.isInteger(offset) &&
      offset >= 0 &&
      USER_ID.test(ownerId)
    ) {
      return { kind: 'leaderboard-page', period: action, offset, ownerId };
    }
  }
  return undefined;
}
