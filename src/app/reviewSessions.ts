import type { Bank } from '../bank/loadBank.ts';
import { judgeSubmission } from '../core/judgeSubmission.ts';
import type { Question, Submission } from '../core/question.ts';
import { type Random, randomId, shuffled } from '../core/random.ts';
import type { Scheduler } from '../core/scheduler.ts';
import { UserError } from '../core/userError.ts';
import type { Logger } from '../logger.ts';
import type { DueCounts, ReviewCard, ReviewRating, ReviewSource, ReviewStore } from '../store/ReviewStore.ts';
import { comesBackIn, REVIEW_DUE_WINDOW_MS, ratingOf, reviewCard } from './reviewScheduling.ts';
import { checkRange } from './roundLimits.ts';
import { resolveTopic } from './topicChoice.ts';

export const REVIEW_COUNT = { min: 1, max: 50, default: 10 } as const;
/** A session nobody touched for this long is forgotten (there is no timer: checked on each start). */
const SESSION_IDLE_MS = 6 * 3_600_000;
const DAY_MS = 86_400_000;

/** Which session's which question a click is about, and who clicked. */
export interface ReviewRef {
  sessionId: string;
  step: number;
  userId: string;
}

export interface ReviewQuestion {
  kind: 'question';
  sessionId: string;
  step: number;
  total: number;
  question: Question;
  /** The card when it was due; undefined for a question new to the member. */
  card: ReviewCard | undefined;
}

export interface ReviewReveal {
  kind: 'reveal';
  sessionId: string;
  step: number;
  total: number;
  question: Question;
  /** Undefined for an open question, which the member rated themselves. */
  correct: boolean | undefined;
  answerText: string | undefined;
  acceptedAs: string | undefined;
  rating: ReviewRating;
  due: number;
  /** "again in 10 minutes", "in 4 days". */
  comesBack: string;
  /** False when the card could not be saved (the reveal says so). */
  saved: boolean;
  last: boolean;
}

export interface ReviewSummary {
  kind: 'summary';
  reviewed: number;
  right: number;
  wrong: number;
  selfRated: number;
  /** When the member's next card is due; undefined when they have none. */
  nextDue: number | undefined;
}

export interface NothingToReview {
  kind: 'nothing';
  /** The member has played no topic here and named none. */
  noTopics: boolean;
  nextDue: number | undefined;
}

interface Session {
  id: string;
  guildId: string;
  userId: string;
  items: { question: Question; card: ReviewCard | undefined }[];
  step: number;
  answered: boolean;
  right: number;
  wrong: number;
  selfRated: number;
  touchedAt: number;
}

export interface ReviewSessionsOptions {
  /** The bank a server is served: its own topics as well as the shipped ones. */
  bank: (guildId?: string | null) => Bank;
  store: ReviewStore;
  scheduler: Scheduler;
  random: Random;
  logger: Logger;
  /**
   * Ids of the questions of the rounds running in a server: a review never shows them, or
   * it would reveal a round's answer to a member still playing it.
   */
  inLiveRounds?: (guildId: string) => ReadonlySet<string>;
}

/**
 * `/review` and `play --review`: a private, self-paced session of the member's due cards
 * (most overdue first), then new questions from the topic asked for or the topics they played
 * here; judged as rounds judge, each answer updating the card. Discord-free.
 */
export class ReviewSessions {
  readonly #options: ReviewSessionsOptions;
  readonly #sessions = new Map<string, Session>();
  readonly #byMember = new Map<string, string>();
  readonly #questionIndex = new WeakMap<Bank, Map<string, Question>>();

  constructor(options: ReviewSessionsOptions) {
    this.#options = options;
  }

  async start(request: {
    guildId: string;
    userId: string;
    topic?: string | null | undefined;
    count?: number | null | undefined;
  }): Promise<ReviewQuestion | NothingToReview> {
    const { store, random } = this.#options;
    const bank = this.#options.bank(request.guildId);
    const topic = resolveTopic(bank, request.topic);
    const count = checkRange('count', request.count ?? REVIEW_COUNT.default, REVIEW_COUNT);
    const now = this.#now();
    this.#forgetIdle(now);
    const { guildId, userId } = request;
    const byId = this.#questionsById(bank);
    const due = await store.dueCards(guildId, userId, {
      dueBy: now + REVIEW_DUE_WINDOW_MS,
      limit: count,
      topic: topic?.id,
    });
    const live = this.#inLiveRounds(guildId);
    const items: Session['items'] = due.flatMap((card) => {
      const question = byId.get(card.questionId);
      return question && !live.has(question.id) ? [{ question, card }] : [];
    });
    let noTopics = false;
    if (items.length < count) {
      const topics = topic ? [topic.id] : await store.topics(guildId, userId);
      noTopics = topics.length === 0;
      const pool = bank.questions.filter((q) => topics.includes(q.topic) && !live.has(q.id));
      const known = await store.cards(
        guildId,
        userId,
        pool.map((q) => q.id),
      );
      const fresh = shuffled(
        pool.filter((q) => !known.has(q.id)),
        random,
      ).slice(0, count - items.length);
      items.push(...fresh.map((question) => ({ question, card: undefined })));
    }
    if (items.length === 0)
      return { kind: 'nothing', noTopics, nextDue: await this.#nextDue(guildId, userId) };
    const memberKey = `${guildId}:${userId}`;
    const previous = this.#byMember.get(memberKey);
    if (previous) this.#sessions.delete(previous);
    const session: Session = {
      id: randomId(random, 10),
      guildId,
      userId,
      items,
      step: 0,
      answered: false,
      right: 0,
      wrong: 0,
      selfRated: 0,
      touchedAt: now,
    };
    this.#sessions.set(session.id, session);
    this.#byMember.set(memberKey, session.id);
    return this.#questionOf(session);
  }

  /** The question a typed answer box is for, if it may be answered now. */
  current(ref: ReviewRef): Question {
    return this.#open(ref).items[ref.step]?.question as Question;
  }

  /** Judges a scored question's answer (as rounds do), updates the card, and reveals. */
  async answer(ref: ReviewRef, submission: Submission): Promise<ReviewReveal> {
    const session = this.#open(ref);
    const question = this.current(ref);
    const judged = judgeSubmission(question, submission);
    if (!judged) throw new UserError('That answer does not fit this question.');
    session.answered = true;
    if (judged.correct) session.right++;
    else session.wrong++;
    return this.#reveal(session, ratingOf(judged.correct), 'review', {
      correct: judged.correct,
      answerText: judged.answerText,
      acceptedAs: judged.acceptedAs,
    });
  }

  /** The model answer of the open question being reviewed, to be rated by the member. */
  modelAnswer(ref: ReviewRef): { question: Question & { type: 'open' } } {
    const question = this.current(ref);
    if (question.type !== 'open') throw new UserError('This question takes an answer, not a rating.');
    return { question };
  }

  /** The member's own rating of the open question being reviewed. */
  async rate(ref: ReviewRef, rating: ReviewRating): Promise<ReviewReveal> {
    const session = this.#open(ref);
    this.modelAnswer(ref);
    session.answered = true;
    session.selfRated++;
    return this.#reveal(session, rating, 'self', {
      correct: undefined,
      answerText: undefined,
      acceptedAs: undefined,
    });
  }

  /** The next question, or the summary after the last. */
  async next(ref: ReviewRef): Promise<ReviewQuestion | ReviewSummary> {
    const session = this.#session(ref);
    if (ref.step !== session.step || !session.answered) throw new UserError(MOVED_ON);
    session.touchedAt = this.#now();
    // A round started since: its questions leave the review.
    const live = this.#inLiveRounds(session.guildId);
    session.items = [
      ...session.items.slice(0, session.step + 1),
      ...session.items.slice(session.step + 1).filter((item) => !live.has(item.question.id)),
    ];
    if (session.step + 1 < session.items.length) {
      session.step++;
      session.answered = false;
      return this.#questionOf(session);
    }
    this.#sessions.delete(session.id);
    this.#byMember.delete(`${session.guildId}:${session.userId}`);
    return {
      kind: 'summary',
      reviewed: session.right + session.wrong + session.selfRated,
      right: session.right,
      wrong: session.wrong,
      selfRated: session.selfRated,
      nextDue: await this.#nextDue(session.guildId, session.userId),
    };
  }

  /** A member's rating of an open question seen in a round (its model answer); updates the card. */
  async rateOpen(
    guildId: string,
    userId: string,
    questionId: string,
    rating: ReviewRating,
  ): Promise<{ due: number; comesBack: string }> {
    const question = this.#questionsById(this.#options.bank(guildId)).get(questionId);
    if (question?.type !== 'open') throw new UserError('That question is no longer in the bank.');
    const now = this.#now();
    const { store } = this.#options;
    const previous = (await store.cards(guildId, userId, [questionId])).get(questionId);
    const { card, log } = reviewCard(previous, question, rating, now, 'self');
    await store.save([{ guildId, userId, card, log }]);
    return { due: card.due, comesBack: comesBackIn(card.due, now) };
  }

  /**
   * Cards due today (by the end of the UTC day, overdue included) and this week (within the
   * next seven days). For /stats.
   */
  dueCounts(guildId: string, userId: string, now: number): Promise<DueCounts> {
    const endOfDay = Math.floor(now / DAY_MS) * DAY_MS + DAY_MS - 1;
    return this.#options.store.dueCounts(guildId, userId, { today: endOfDay, week: now + 7 * DAY_MS });
  }

  async #reveal(
    session: Session,
    rating: ReviewRating,
    source: ReviewSource,
    judged: Pick<ReviewReveal, 'correct' | 'answerText' | 'acceptedAs'>,
  ): Promise<ReviewReveal> {
    const item = session.items[session.step] as Session['items'][number];
    const now = this.#now();
    session.touchedAt = now;
    const { store, logger } = this.#options;
    let saved = true;
    let due = now;
    try {
      const previous = (await store.cards(session.guildId, session.userId, [item.question.id])).get(
        item.question.id,
      );
      const { card, log } = reviewCard(previous, item.question, rating, now, source);
      due = card.due;
      await store.save([{ guildId: session.guildId, userId: session.userId, card, log }]);
    } catch (error) {
      saved = false;
      logger.error(
        { guildId: session.guildId, questionId: item.question.id, err: error },
        'review card could not be saved',
      );
    }
    return {
      kind: 'reveal',
      sessionId: session.id,
      step: session.step,
      total: session.items.length,
      question: item.question,
      ...judged,
      rating,
      due,
      comesBack: comesBackIn(due, now),
      saved,
      last: session.step + 1 >= session.items.length,
    };
  }

  #questionOf(session: Session): ReviewQuestion {
    const item = session.items[session.step] as Session['items'][number];
    return {
      kind: 'question',
      sessionId: session.id,
      step: session.step,
      total: session.items.length,
      question: item.question,
      card: item.card,
    };
  }

  /** The session, its current question not yet answered. */
  #open(ref: ReviewRef): Session {
    const session = this.#session(ref);
    if (ref.step !== session.step) throw new UserError(MOVED_ON);
    if (session.answered)
      throw new UserError('You have answered this one already — press **Next** to go on.');
    return session;
  }

  #session(ref: ReviewRef): Session {
    const session = this.#sessions.get(ref.sessionId);
    if (!session) throw new UserError(SESSION_OVER);
    if (session.userId !== ref.userId)
      throw new UserError('This review belongs to someone else. Start your own with `/review`.');
    return session;
  }

  async #nextDue(guildId: string, userId: string): Promise<number | undefined> {
    const [first] = await this.#options.store.dueCards(guildId, userId, {
      dueBy: Number.MAX_SAFE_INTEGER,
      limit: 1,
    });
    return first?.due;
  }

  #forgetIdle(now: number): void {
    for (const session of this.#sessions.values()) {
      if (now - session.touchedAt < SESSION_IDLE_MS) continue;
      this.#sessions.delete(session.id);
      this.#byMember.delete(`${session.guildId}:${session.userId}`);
    }
  }

  #questionsById(bank: Bank): Map<string, Question> {
    let byId = this.#questionIndex.get(bank);
    if (!byId) {
      byId = new Map(bank.questions.map((q) => [q.id, q]));
      this.#questionIndex.set(bank, byId);
    }
    return byId;
  }

  #inLiveRounds(guildId: string): ReadonlySet<string> {
    return this.#options.inLiveRounds?.(guildId) ?? NONE;
  }

  #now(): number {
    return this.#options.scheduler.now();
  }
}

const NONE: ReadonlySet<string> = new Set();
const SESSION_OVER = 'This review has ended (or the bot restarted). Start a new one with `/review`.';
const MOVED_ON = 'This review has moved on from that question; use its latest message.';
