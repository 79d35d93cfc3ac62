import type { Bank } from '../bank/loadBank.ts';
import type { Difficulty, Question, Submission } from '../core/question.ts';
import type { QuizRound, RoundListener, StopReason } from '../core/quizRound.ts';
import type { Random } from '../core/random.ts';
import type { AnswerRefusal } from '../core/roundErrors.ts';
import { RoundRegistry } from '../core/roundRegistry.ts';
import type { Scheduler } from '../core/scheduler.ts';
import { UserError } from '../core/userError.ts';
import type { Logger } from '../logger.ts';
import type { ScoreStore } from '../store/ScoreStore.ts';
import { ResultRecorder } from './resultRecorder.ts';
import {
  checkDifficulty,
  checkRange,
  checkScoring,
  ROUND_LIMITS,
  type RoundDefaults,
  type RoundLimits,
} from './roundLimits.ts';
import type { RoundObserver } from './roundObserver.ts';
import { resolveTopic } from './topicChoice.ts';

/** Who asks, where: what the adapter knows of the member and the channel. */
export interface Actor {
  userId: string;
  /** May manage the channel's rounds (Manage Messages or Manage Server on Discord). */
  canModerate: boolean;
}

export interface StartRoundRequest {
  guildId: string;
  channelId: string;
  starter: Actor;
  /** Options as the member gave them; absent ones take the defaults. */
  topic?: string | null | undefined;
  count?: number | null | undefined;
  seconds?: number | null | undefined;
  scoring?: string | null | undefined;
  difficulty?: string | null | undefined;
}

export type StartRoundResult =
  | {
      ok: true;
      round: QuizRound;
      /** Fewer than asked when the bank has fewer matches. */
      drawn: number;
      asked: number;
      topicTitle: string | undefined;
      difficulty: Difficulty | undefined;
    }
  | { ok: false; reason: 'round-in-progress'; round: QuizRound };

/** Where a click or a typed answer came from. */
export interface AnswerOrigin {
  roundId: string;
  questionIndex: number;
  guildId: string | null;
  channelId: string | null;
  /** The message the button sits on, when the interaction says so. */
  postId: string | undefined;
  userId: string;
}

export type AnswerResult =
  | {
      ok: true;
      question: Question;
      answerText: string;
      /** For a typed answer judged right: the accepted answer it counts as. */
      acceptedAs: string | undefined;
      answeredCount: number;
    }
  | { ok: false; reason: AnswerRefusal };

export interface QuizRoundsOptions {
  /** The bank a server plays (each server may have its own); with no server, the shipped one. */
  bank: (guildId?: string | null) => Bank;
  store: ScoreStore;
  scheduler: Scheduler;
  random: Random;
  logger: Logger;
  defaults: RoundDefaults;
  /** The presentations of rounds; each hears every round's events. */
  observers: readonly RoundObserver[];
  /** What members may ask for; the bench alone runs shorter questions. */
  limits?: RoundLimits | undefined;
}

/**
 * The round use cases: start, stop, skip, answer, open a typed answer, reveal a model answer,
 * and end rounds when their channel goes away or the bot shuts down. Discord-free: the adapter
 * translates interactions into these calls and their results into replies.
 */
export class QuizRounds {
  readonly #registry: RoundRegistry;
  readonly #recorder: ResultRecorder;
  readonly #bank: (guildId?: string | null) => Bank;
  readonly #defaults: RoundDefaults;
  readonly #limits: RoundLimits;
  #accepting = true;

  constructor(options: QuizRoundsOptions) {
    this.#bank = options.bank;
    this.#defaults = options.defaults;
    this.#limits = options.limits ?? ROUND_LIMITS;
    this.#recorder = new ResultRecorder(options.store, options.logger);
    const observers = options.observers;
    const recorder = this.#recorder;
    const listener: RoundListener = {
      questionOpened: (round, index, deadline) => {
        for (const observer of observers) observer.questionOpened(round, index, deadline);
      },
      answerLocked: (round, index, count) => {
        for (const observer of observers) observer.answerLocked(round, index, count);
      },
      questionClosed: (round, outcome) => {
        const saved = recorder.save(round, outcome);
        for (const observer of observers) observer.questionClosed(round, outcome, saved);
      },
      roundEnded: (round, reason, standings) => {
        const saved = recorder.settled(round.id);
        for (const observer of observers) observer.roundEnded(round, reason, standings, saved);
      },
    };
    this.#registry = new RoundRegistry({
      questions: (guildId) => this.#bank(guildId).questions,
      scheduler: options.scheduler,
      random: options.random,
      listener,
    });
  }

  /** False once shutdown has begun: no new rounds, no new answers. */
  get isAccepting(): boolean {
    return this.#accepting;
  }

  get liveCount(): number {
    return this.#registry.liveCount;
  }

  inChannel(channelId: string): QuizRound | undefined {
    return this.#registry.inChannel(channelId);
  }

  live(): QuizRound[] {
    return this.#registry.live();
  }

  /**
   * Registers a round with its options checked; throws a UserError for anything the member can
   * fix. The caller tells the channel, then calls `begin`.
   */
  start(request: StartRoundRequest): StartRoundResult {
    if (!this.#accepting) throw new UserError('The bot is restarting; try again in a minute.');
    const topic = resolveTopic(this.#bank(request.guildId), request.topic);
    const count = checkRange('count', request.count ?? this.#defaults.count, this.#limits.count);
    const seconds = checkRange('seconds', request.seconds ?? this.#defaults.seconds, this.#limits.seconds);
    const scoring = checkScoring(request.scoring ?? this.#defaults.scoring);
    const difficulty = request.difficulty ? checkDifficulty(request.difficulty) : undefined;
    const started = this.#registry.start({
      guildId: request.guildId,
      channelId: request.channelId,
      starterId: request.starter.userId,
      topic: topic?.id,
      difficulty,
      count,
      settings: { secondsPerQuestion: seconds, revealSeconds: this.#defaults.revealSeconds, scoring },
    });
    if (started.ok) {
      return {
        ok: true,
        round: started.round,
        drawn: started.drawn,
        asked: count,
        topicTitle: topic?.title,
        difficulty,
      };
    }
    if (started.reason === 'round-in-progress') return started;
    throw new UserError(
      `No questions match${topic ? ` topic ${topic.title}` : ''}${difficulty ? ` at ${difficulty} difficulty` : ''}.`,
    );
  }

  /** Opens the first question, unless the round was stopped while the channel was being told. */
  begin(round: QuizRound): boolean {
    if (!round.isLive) return false;
    round.start();
    return true;
  }

  /** A member stops the channel's round. Throws a UserError when there is none or they may not. */
  stop(channelId: string, actor: Actor): QuizRound {
    const round = this.#controllable(channelId, actor, 'stop');
    if (!round.stop('stopped-by-member')) throw new UserError('This round has already ended.');
    return round;
  }

  /** Closes the open question now, or moves on from a reveal; says which. */
  skip(channelId: string, actor: Actor): { round: QuizRound; closedQuestion: boolean } {
    const round = this.#controllable(channelId, actor, 'skip');
    const closedQuestion = round.phase === 'asking';
    if (!round.skip()) throw new UserError('This round has already ended.');
    return { round, closedQuestion };
  }

  /** Locks in a member's answer: taken only from the round's own server, channel and question message. */
  answer(origin: AnswerOrigin, displayName: string, submission: Submission): AnswerResult {
    const found = this.#roundFor(origin);
    if (!found.ok) return found;
    const result = found.round.submit(origin.userId, displayName, origin.questionIndex, submission);
    if (!result.ok) return result;
    const question = found.round.questions[origin.questionIndex] as Question;
    const { answerText, acceptedAs, answeredCount } = result;
    return { ok: true, question, answerText, acceptedAs, answeredCount };
  }

  /** Whether the member may open the answer box of a typed question now; the question when so. */
  answerBox(origin: AnswerOrigin): { ok: true; question: Question } | { ok: false; reason: AnswerRefusal } {
    const found = this.#roundFor(origin);
    if (!found.ok) return found;
    const refusal = found.round.refusalFor(origin.userId, origin.questionIndex);
    if (refusal) return { ok: false, reason: refusal };
    return { ok: true, question: found.round.questions[origin.questionIndex] as Question };
  }

  /** The model answer of a discussion question of a live round in this place. */
  modelAnswer(
    origin: AnswerOrigin,
  ): { ok: true; text: string; questionId: string } | { ok: false; reason: AnswerRefusal } {
    const found = this.#roundFor(origin);
    if (!found.ok) return found;
    const question = found.round.questions[origin.questionIndex];
    if (question?.type !== 'open') return { ok: false, reason: 'not-this-round' };
    return { ok: true, text: question.modelAnswer, questionId: question.id };
  }

  /** Ends a round for a reason outside the game: its channel refused messages or is gone. */
  end(round: QuizRound, reason: StopReason): boolean {
    return round.stop(reason);
  }

  channelGone(channelId: string): void {
    this.#registry.inChannel(channelId)?.stop('channel-gone');
  }

  guildGone(guildId: string): void {
    for (const round of this.#registry.live())
      if (round.place.guildId === guildId) round.stop('channel-gone');
  }

  /** Takes no more rounds or answers, stops every live round and waits for their results to be saved. */
  async shutdown(): Promise<void> {
    this.#accepting = false;
    this.#registry.stopAll('shutdown');
    await this.#recorder.idle();
  }

  #controllable(channelId: string, actor: Actor, action: 'stop' | 'skip'): QuizRound {
    const round = this.#registry.inChannel(channelId);
    if (!round) throw new UserError('No round is running in this channel. Start one with `/quiz start`.');
    if (!mayControl(round, actor)) {
      throw new UserError(
        `Only the member who started this round, or someone with Manage Messages or Manage Server, can ${action} it.`,
      );
    }
    return round;
  }

  #roundFor(origin: AnswerOrigin): { ok: true; round: QuizRound } | { ok: false; reason: AnswerRefusal } {
    const round = this.#registry.byId(origin.roundId);
    if (!round || !this.#accepting) {
      return {
        ok: false,
        reason: this.#registry.hasEnded(origin.roundId) || round ? 'round-over' : 'unknown-round',
      };
    }
    if (!fromRoundsPlace(round, origin)) return { ok: false, reason: 'not-this-round' };
    return { ok: true, round };
  }
}

/** The starter, or a member who may moderate the channel. */
export function mayControl(round: QuizRound, actor: Actor): boolean {
  return actor.userId === round.place.starterId || actor.canModerate;
}

/**
 * A custom id can be copied onto any message: only the round's own server and channel count,
 * and once the question's message is known, only that message.
 */
function fromRoundsPlace(round: QuizRound, origin: AnswerOrigin): boolean {
  if (origin.guildId !== round.place.guildId || origin.channelId !== round.place.channelId) return false;
  const shownAt = round.shownAt(origin.questionIndex);
  return shownAt === undefined || origin.postId === undefined || origin.postId === shownAt;
}
