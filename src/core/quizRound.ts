import { judgeSubmission } from './judgeSubmission.ts';
import { isScored, type Question, type Submission } from './question.ts';
import type { AnswerRefusal } from './roundErrors.ts';
import type { Scheduler, TimerHandle } from './scheduler.ts';
import { pointsFor, type ScoringPolicyName } from './scoring.ts';
import { rankStandings, type Standing } from './standings.ts';

export type RoundPhase = 'asking' | 'revealing' | 'finished' | 'stopped';

export interface RoundSettings {
  secondsPerQuestion: number;
  /** Pause between a reveal and the next question. */
  revealSeconds: number;
  scoring: ScoringPolicyName;
}

export interface RoundPlace {
  roundId: string;
  guildId: string;
  channelId: string;
  starterId: string;
}

export interface ScoredAnswer {
  userId: string;
  displayName: string;
  answerText: string;
  correct: boolean;
  points: number;
  /** Consecutive correct answers in this round after this one. */
  streak: number;
  elapsedMs: number;
}

export interface QuestionOutcome {
  index: number;
  total: number;
  question: Question;
  openedAt: number;
  closedAt: number;
  /** In the order the answers were locked in. */
  answers: readonly ScoredAnswer[];
}

/**
 * Why a round ended: it ran its course, a member stopped it, the bot is shutting down, the
 * channel refused the round's messages (a lost permission, repeated failures), or the channel
 * (or its server) is gone.
 */
export type RoundEndReason =
  | 'completed'
  | 'stopped-by-member'
  | 'shutdown'
  | 'channel-refused'
  | 'channel-gone';

export type StopReason = Exclude<RoundEndReason, 'completed'>;

export interface RoundListener {
  questionOpened(round: QuizRound, index: number, deadline: number): void;
  answerLocked(round: QuizRound, index: number, answeredCount: number): void;
  questionClosed(round: QuizRound, outcome: QuestionOutcome): void;
  roundEnded(round: QuizRound, reason: RoundEndReason, standings: readonly Standing[]): void;
}

export type SubmitResult =
  | { ok: true; answerText: string; acceptedAs?: string; answeredCount: number }
  | { ok: false; reason: AnswerRefusal };

interface LockedAnswer {
  userId: string;
  displayName: string;
  answerText: string;
  correct: boolean;
  answeredAt: number;
}

interface MemberTally {
  userId: string;
  displayName: string;
  points: number;
  correct: number;
  answered: number;
  streak: number;
  bestStreak: number;
  totalAnswerMs: number;
}

/**
 * One quiz round in one channel: a state machine (asking → revealing → asking … → finished,
 * or stopped at any point) whose only clock is the injected scheduler.
 */
export class QuizRound {
  readonly place: RoundPlace;
  readonly questions: readonly Question[];
  readonly settings: RoundSettings;
  readonly outcomes: QuestionOutcome[] = [];
  #phase: RoundPhase = 'asking';
  #index = -1;
  #openedAt = 0;
  #deadline = 0;
  #timer: TimerHandle | undefined;
  #locked = new Map<string, LockedAnswer>();
  #tallies = new Map<string, MemberTally>();
  #endReason: RoundEndReason | undefined;
  #droppedQuestion: number | undefined;
  /** Where each question is shown (a message id), so answers are taken only from there. */
  readonly #shownAt = new Map<number, string>();
  readonly #scheduler: Scheduler;
  readonly #listener: RoundListener;

  constructor(options: {
    place: RoundPlace;
    questions: readonly Question[];
    settings: RoundSettings;
    scheduler: Scheduler;
    listener: RoundListener;
  }) {
    if (options.questions.length === 0) throw new RangeError('A round needs at least one question');
    this.place = options.place;
    this.questions = options.questions;
    this.settings = options.settings;
    this.#scheduler = options.scheduler;
    this.#listener = options.listener;
  }

  get id(): string {
    return this.place.roundId;
  }

  get phase(): RoundPhase {
    return this.#phase;
  }

  get isLive(): boolean {
    return this.#phase === 'asking' || this.#phase === 'revealing';
  }

  /** Index of the question being asked or last revealed. */
  get questionIndex(): number {
    return this.#index;
  }

  get currentQuestion(): Question | undefined {
    return this.questions[this.#index];
  }

  get deadline(): number {
    return this.#deadline;
  }

  get answeredCount(): number {
    return this.#locked.size;
  }

  get endReason(): RoundEndReason | undefined {
    return this.#endReason;
  }

  /** The question that was open, and dropped unscored, when the round was stopped. */
  get droppedQuestion(): number | undefined {
    return this.#droppedQuestion;
  }

  /** Notes where a question is shown; its answers are then taken from there only. */
  markShown(questionIndex: number, postId: string): void {
    this.#shownAt.set(questionIndex, postId);
  }

  shownAt(questionIndex: number): string | undefined {
    return this.#shownAt.get(questionIndex);
  }

  /** Why an answer to this question would be refused right now, without submitting one. */
  refusalFor(userId: string, questionIndex: number): AnswerRefusal | undefined {
    if (!this.isLive) return 'round-over';
    if (
      questionIndex !== this.#index ||
      this.#phase !== 'asking' ||
      this.#scheduler.now() >= this.#deadline
    ) {
      return 'question-closed';
    }
    if (this.#locked.has(userId)) return 'already-answered';
    return undefined;
  }

  /** Opens the first question; does nothing once the round has begun or was stopped. */
  start(): void {
    if (this.#index !== -1 || this.#phase !== 'asking') return;
    this.#openQuestion(0);
  }

  submit(userId: string, displayName: string, questionIndex: number, submission: Submission): SubmitResult {
    if (!this.isLive) return { ok: false, reason: 'round-over' };
    if (questionIndex !== this.#index || this.#phase !== 'asking')
      return { ok: false, reason: 'question-closed' };
    if (this.#scheduler.now() >= this.#deadline) return { ok: false, reason: 'question-closed' };
    const question = this.questions[this.#index];
    if (!question) return { ok: false, reason: 'round-over' };
    if (!isScored(question)) return { ok: false, reason: 'not-scored' };
    if (this.#locked.has(userId)) return { ok: false, reason: 'already-answered' };
    const judged = judgeSubmission(question, submission);
    if (!judged) return { ok: false, reason: 'invalid-answer' };
    this.#locked.set(userId, {
      userId,
      displayName,
      answerText: judged.answerText,
      correct: judged.correct,
      answeredAt: this.#scheduler.now(),
    });
    this.#listener.answerLocked(this, this.#index, this.#locked.size);
    const { answerText, acceptedAs } = judged;
    return { ok: true, answerText, ...(acceptedAs && { acceptedAs }), answeredCount: this.#locked.size };
  }

  /** Closes the open question now, or moves on from a reveal; false when nothing is running. */
  skip(): boolean {
    if (this.#phase === 'asking') {
      this.#closeQuestion();
      return true;
    }
    if (this.#phase === 'revealing') {
      this.#advance();
      return true;
    }
    return false;
  }

  /** Ends the round now; an open question is dropped unscored, so no point is shown and then lost. */
  stop(reason: StopReason): boolean {
    if (!this.isLive) return false;
    this.#cancelTimer();
    if (this.#phase === 'asking' && this.#index >= 0) this.#droppedQuestion = this.#index;
    this.#locked.clear();
    this.#phase = 'stopped';
    this.#endReason = reason;
    this.#listener.roundEnded(this, reason, this.standings());
    return true;
  }

  standings(): Standing[] {
    return rankStandings([...this.#tallies.values()]);
  }

  #openQuestion(index: number): void {
    this.#cancelTimer();
    this.#index = index;
    this.#locked.clear();
    this.#phase = 'asking';
    this.#openedAt = this.#scheduler.now();
    this.#deadline = this.#openedAt + this.settings.secondsPerQuestion * 1000;
    this.#timer = this.#scheduler.schedule(this.#deadline - this.#openedAt, () => this.#closeQuestion());
    this.#listener.questionOpened(this, index, this.#deadline);
  }

  #closeQuestion(): void {
    this.#cancelTimer();
    const question = this.questions[this.#index];
    if (!question) return;
    const closedAt = this.#scheduler.now();
    const answers = isScored(question) ? this.#scoreLockedAnswers() : [];
    const outcome: QuestionOutcome = {
      index: this.#index,
      total: this.questions.length,
      question,
      openedAt: this.#openedAt,
      closedAt,
      answers,
    };
    this.outcomes.push(outcome);
    this.#locked.clear();
    this.#phase = 'revealing';
    this.#listener.questionClosed(this, outcome);
    if (this.#phase !== 'revealing') return;
    if (this.#index + 1 >= this.questions.length) {
      this.#finish();
      return;
    }
    this.#timer = this.#scheduler.schedule(this.settings.revealSeconds * 1000, () => this.#advance());
  }

  #scoreLockedAnswers(): ScoredAnswer[] {
    const limitMs = this.settings.secondsPerQuestion * 1000;
    const answered = new Set(this.#locked.keys());
    for (const tally of this.#tallies.values()) {
      if (!answered.has(tally.userId)) tally.streak = 0;
    }
    return [...this.#locked.values()].map((locked) => {
      const tally = this.#tallyFor(locked.userId, locked.displayName);
      const elapsedMs = locked.answeredAt - this.#openedAt;
      tally.streak = locked.correct ? tally.streak + 1 : 0;
      const points = pointsFor(this.settings.scoring, {
        correct: locked.correct,
        elapsedMs,
        limitMs,
        streak: tally.streak,
      });
      tally.points += points;
      tally.answered += 1;
      tally.totalAnswerMs += elapsedMs;
      if (locked.correct) tally.correct += 1;
      tally.bestStreak = Math.max(tally.bestStreak, tally.streak);
      return {
        userId: locked.userId,
        displayName: locked.displayName,
        answerText: locked.answerText,
        correct: locked.correct,
        points,
        streak: tally.streak,
        elapsedMs,
      };
    });
  }

  #tallyFor(userId: string, displayName: string): MemberTally {
    let tally = this.#tallies.get(userId);
    if (!tally) {
      tally = {
        userId,
        displayName,
        points: 0,
        correct: 0,
        answered: 0,
        streak: 0,
        bestStreak: 0,
        totalAnswerMs: 0,
      };
      this.#tallies.set(userId, tally);
    }
    tally.displayName = displayName;
    return tally;
  }

  #advance(): void {
    if (this.#index + 1 >= this.questions.length) this.#finish();
    else this.#openQuestion(this.#index + 1);
  }

  #finish(): void {
    this.#cancelTimer();
    this.#phase = 'finished';
    this.#endReason = 'completed';
    this.#listener.roundEnded(this, 'completed', this.standings());
  }

  #cancelTimer(): void {
    this.#timer?.cancel();
    this.#timer = undefined;
  }
}
