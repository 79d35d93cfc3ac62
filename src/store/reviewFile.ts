import { ReviewCardIndex } from './ReviewCardIndex.ts';
import { ReviewFileError } from './ReviewFileError.ts';
import type { ReviewCard } from './ReviewStore.ts';

export const REVIEW_FILE_FORMAT = 'studyquiz-reviews';
export const REVIEW_FILE_VERSION = 1;

/** A card is one array in this order, so 100,000 cards stay a few megabytes. */
export const CARD_COLUMNS = [
  'questionId',
  'topic',
  'due',
  'stability',
  'difficulty',
  'elapsedDays',
  'scheduledDays',
  'learningSteps',
  'reps',
  'lapses',
  'state',
  'lastReview',
] as const;

type CardRow = [
  string,
  string,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number | null,
];

/**
 * `{ format, version, cardColumns, guilds: { guildId: { userId: [row, …] } } }`. The log is
 * not here: it is appended to its own file and never read back by the bot.
 */
export function reviewFileJson(index: ReviewCardIndex): string {
  const guilds: Record<string, Record<string, CardRow[]>> = {};
  for (const [guildId, userId, cards] of index.entries()) {
    guilds[guildId] ??= {};
    (guilds[guildId] as Record<string, CardRow[]>)[userId] = [...cards].map(rowOf);
  }
  return JSON.stringify({
    format: REVIEW_FILE_FORMAT,
    version: REVIEW_FILE_VERSION,
    cardColumns: CARD_COLUMNS,
    guilds,
  });
}

export function parseReviewFile(file: string, text: string): ReviewCardIndex {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ReviewFileError(file, `it is not valid JSON (${(error as Error).message})`, { cause: error });
  }
  if (!isRecord(data) || data.format !== REVIEW_FILE_FORMAT) {
    throw new ReviewFileError(
      file,
      `it is not a studyquiz review file ("format" is not "${REVIEW_FILE_FORMAT}")`,
    );
  }
  if (data.version !== REVIEW_FILE_VERSION) {
    throw new ReviewFileError(
      file,
      `its version ${JSON.stringify(data.version)} is not ${REVIEW_FILE_VERSION}, the one this release reads (a newer release wrote it?)`,
    );
  }
  if (!isRecord(data.guilds)) throw new ReviewFileError(file, '"guilds" must be an object of servers');
  const index = new ReviewCardIndex();
  for (const [guildId, members] of Object.entries(data.guilds)) {
    if (!isRecord(members)) throw new ReviewFileError(file, `guilds.${guildId} must be an object of members`);
    for (const [userId, rows] of Object.entries(members)) {
      if (!Array.isArray(rows))
        throw new ReviewFileError(file, `guilds.${guildId}.${userId} must be a list of cards`);
      rows.forEach((row: unknown, i) => {
        const card = cardOf(row);
        if (!card) {
          throw new ReviewFileError(
            file,
            `guilds.${guildId}.${userId}[${i}] is not a card: expected [${CARD_COLUMNS.join(', ')}] (two strings, numbers, and a number or null)`,
          );
        }
        index.set(guildId, userId, card);
      });
    }
  }
  return index;
}

function rowOf(card: ReviewCard): CardRow {
  return [
    card.questionId,
    card.topic,
    card.due,
    card.stability,
    card.difficulty,
    card.elapsedDays,
    card.scheduledDays,
    card.learningSteps,
    card.reps,
    card.lapses,
    card.state,
    card.lastReview ?? null,
  ];
}

function cardOf(row: unknown): ReviewCard | undefined {
  if (!Array.isArray(row) || row.length !== CARD_COLUMNS.length) return undefined;
  const [questionId, topic, ...rest] = row as unknown[];
  const lastReview = rest.pop();
  if (typeof questionId !== 'string' || typeof topic !== 'string') return undefined;
  if (!rest.every((value) => typeof value === 'number' && Number.isFinite(value))) return undefined;
  if (lastReview !== null && !(typeof lastReview === 'number' && Number.isFinite(lastReview)))
    return undefined;
  const [due, stability, difficulty, elapsedDays, scheduledDays, learningSteps, reps, lapses, state] =
    rest as number[];
  return {
    questionId,
    topic,
    due: due as number,
    stability: stability as number,
    difficulty: difficulty as number,
    elapsedDays: elapsedDays as number,
    scheduledDays: scheduledDays as number,
    learningSteps: learningSteps as number,
    reps: reps as number,
    lapses: lapses as number,
    state: state as number,
    lastReview: lastReview ?? undefined,
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
