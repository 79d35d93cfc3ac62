import { drawQuestions } from './drawQuestions.ts';
import type { Difficulty, Question } from './question.ts';
import { QuizRound, type RoundListener, type RoundSettings, type StopReason } from './quizRound.ts';
import { type Random, randomId } from './random.ts';
import type { Scheduler } from './scheduler.ts';

export interface StartRequest {
  guildId: string;
  channelId: string;
  starterId: string;
  topic?: string | undefined;
  difficulty?: Difficulty | undefined;
  count: number;
  settings: RoundSettings;
}

export type StartResult =
  | { ok: true; round: QuizRound /** fewer than asked when the bank has fewer matches */; drawn: number }
  | { ok: false; reason: 'round-in-progress'; round: QuizRound }
  | { ok: false; reason: 'no-questions' };

/** How many ended round ids are remembered, so late clicks get "round over" rather than "unknown". */
const REMEMBERED_ENDED_ROUNDS = 10_000;

/** All live rounds of one bot: at most one per channel, each independent of the others. */
export class RoundRegistry {
  readonly #byChannel = new Map<string, QuizRound>();
  readonly #byId = new Map<string, QuizRound>();
  readonly #ended = new Set<string>();
  readonly #questions: (guildId: string) => readonly Question[];
  readonly #scheduler: Scheduler;
  readonly #random: Random;
  readonly #listener: RoundListener;

  constructor(options: {
    /** The questions a round in this server draws from. */
    questions: (guildId: string) => readonly Question[];
    scheduler: Scheduler;
    random: Random;
    listener: RoundListener;
  }) {
    this.#questions = options.questions;
    this.#scheduler = options.scheduler;
    this.#random = options.random;
    const forward = options.listener;
    this.#listener = {
      questionOpened: (round, index, deadline) => forward.questionOpened(round, index, deadline),
      answerLocked: (round, index, count) => forward.answerLocked(round, index, count),
      questionClosed: (round, outcome) => forward.questionClosed(round, outcome),
      roundEnded: (round, reason, standings) => {
        this.#forget(round);
        forward.roundEnded(round, reason, standings);
      },
    };
  }

  get liveCount(): number {
    return this.#byChannel.size;
  }

  inChannel(channelId: string): QuizRound | undefined {
    return this.#byChannel.get(channelId);
  }

  byId(roundId: string): QuizRound | undefined {
    return this.#byId.get(roundId);
  }

  hasEnded(roundId: string): boolean {
    return this.#ended.has(roundId);
  }

  live(): QuizRound[] {
    return [...this.#byChannel.values()];
  }

  /** Registers a new round for the channel; the caller starts it once it has told the starter. */
  start(request: StartRequest): StartResult {
    const running = this.#byChannel.get(request.channelId);
    if (running) return { ok: false, reason: 'round-in-progress', round: running };
    const questions = drawQuestions(
      this.#questions(request.guildId),
      { topic: request.topic, difficulty: request.difficulty },
      request.count,
      this.#random,
    );
    if (questions.length === 0) return { ok: false, reason: 'no-questions' };
    let roundId = randomId(this.#random);
    while (this.#byId.has(roundId) || this.#ended.has(roundId)) roundId = randomId(this.#random);
    const round = new QuizRound({
      place: {
        roundId,
        guildId: request.guildId,
        channelId: request.channelId,
        starterId: request.starterId,
      },
      questions,
      settings: request.settings,
      scheduler: this.#scheduler,
      listener: this.#listener,
    });
    this.#byChannel.set(request.channelId, round);
    this.#byId.set(roundId, round);
    return { ok: true, round, drawn: questions.length };
  }

  /** Stops every live round, e.g. on shutdown. */
  stopAll(reason: StopReason): void {
    for (const round of this.live()) round.stop(reason);
  }

  #forget(round: QuizRound): void {
    if (this.#byChannel.get(round.place.channelId) === round) this.#byChannel.delete(round.place.channelId);
    this.#byId.delete(round.id);
    this.#ended.add(round.id);
    if (this.#ended.size > REMEMBERED_ENDED_ROUNDS) {
      const oldest = this.#ended.values().next().value;
      if (oldest !== undefined) this.#ended.delete(oldest);
    }
  }
}
