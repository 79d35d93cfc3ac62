import type { RoundObserver, Saved } from '../app/roundObserver.ts';
import type { StudyApp } from '../app/studyApp.ts';
import type { QuestionOutcome, QuizRound, RoundEndReason } from '../core/quizRound.ts';
import type { Scheduler, TimerHandle } from '../core/scheduler.ts';
import type { Standing } from '../core/standings.ts';
import type { Logger } from '../logger.ts';
import type { ChannelMessenger } from './channelMessenger.ts';
import { describeError, isChannelUnusable } from './discordErrors.ts';
import { renderQuestion, renderReveal, renderStoppedQuestion } from './render/questionMessage.ts';
import { renderRoundSummary, STOPPED_BECAUSE } from './render/roundSummary.ts';

/** The answered count on a question is edited at most this often, however many click. */
export const COUNT_UPDATE_INTERVAL_MS = 5_000;
/** No count edit this close to the deadline: the reveal edit follows anyway. */
const COUNT_UPDATE_QUIET_MS = 1_500;

interface RoundView {
  queue: Promise<void>;
  /** Tells the starter privately when Discord refuses the round's messages. */
  tellStarter: ((text: string) => Promise<unknown>) | undefined;
  messageId: string | undefined;
  shownCount: number;
  lastEditAt: number;
  countTimer: TimerHandle | undefined;
}

/** What the presenter reads of the application: titles to render, and how to end an undeliverable round. */
export type PresenterApp = Pick<StudyApp, 'topicTitle' | 'glossaryOf'> & {
  rounds: Pick<StudyApp['rounds'], 'end'>;
};

/**
 * Renders a round's events as Discord messages and sends them: one post per question, a
 * coalesced count edit at most every few seconds, one reveal edit (once the scores are saved)
 * and a summary. Each round's calls run in order on their own queue; rounds never wait for each
 * other. It decides no rule of the game: when Discord refuses a round, it tells the application.
 */
export class RoundPresenter implements RoundObserver {
  readonly #views = new Map<string, RoundView>();
  readonly #app: () => PresenterApp;
  readonly #messenger: ChannelMessenger;
  readonly #scheduler: Scheduler;
  readonly #logger: Logger;

  constructor(options: {
    /** Late-bound: the application is built with this presenter among its observers. */
    app: () => PresenterApp;
    messenger: ChannelMessenger;
    scheduler: Scheduler;
    logger: Logger;
  }) {
    this.#app = options.app;
    this.#messenger = options.messenger;
    this.#scheduler = options.scheduler;
    this.#logger = options.logger;
  }

  /** Where to tell the starter if the channel stops taking the round's messages. */
  onDiscordRefusal(round: QuizRound, tellStarter: (text: string) => Promise<unknown>): void {
    if (round.isLive) this.#view(round).tellStarter = tellStarter;
  }

  /** Resolves when every round's queued Discord calls are done. */
  async idle(): Promise<void> {
    while (this.#views.size > 0) await Promise.all([...this.#views.values()].map((view) => view.queue));
  }

  questionOpened(round: QuizRound, index: number): void {
    const view = this.#view(round);
    this.#cancelCountTimer(view);
    view.shownCount = 0;
    view.lastEditAt = this.#scheduler.now();
    const payload = renderQuestion(round, index, this.#topicTitle(round, round.questions[index]?.topic), 0);
    this.#enqueue(
      round,
      view,
      'post question',
      async () => {
        // Reset in the queue: the previous question's reveal, queued before, still edits its message.
        view.messageId = undefined;
        view.messageId = await this.#messenger.send(round.place.channelId, payload);
        round.markShown(index, view.messageId);
      },
      true,
    );
  }

  answerLocked(round: QuizRound, index: number): void {
    const view = this.#view(round);
    if (view.countTimer) return;
    const dueAt = Math.max(this.#scheduler.now(), view.lastEditAt + COUNT_UPDATE_INTERVAL_MS);
    if (dueAt > round.deadline - COUNT_UPDATE_QUIET_MS) return;
    view.countTimer = this.#scheduler.schedule(dueAt - this.#scheduler.now(), () => {
      view.countTimer = undefined;
      if (round.phase !== 'asking' || round.questionIndex !== index) return;
      const count = round.answeredCount;
      if (count === view.shownCount) return;
      view.shownCount = count;
      view.lastEditAt = this.#scheduler.now();
      const payload = renderQuestion(
        round,
        index,
        this.#topicTitle(round, round.questions[index]?.topic),
        count,
      );
      this.#enqueue(round, view, 'update answered count', async () => {
        if (view.messageId) await this.#messenger.edit(round.place.channelId, view.messageId, payload);
      });
    });
  }

  questionClosed(round: QuizRound, outcome: QuestionOutcome, saved: Saved): void {
    const view = this.#view(round);
    this.#cancelCountTimer(view);
    // How late the close timer fired: the two-shard bench reads it from the shards' logs.
    this.#logger.debug(
      { ...this.#fields(round), lateMs: this.#scheduler.now() - round.deadline },
      'question closed',
    );
    // Everything else waits for the queue: a close at a deadline shared by many rounds stays cheap.
    this.#enqueue(round, view, 'reveal answer', async () => {
      const note = (await saved)
        ? undefined
        : 'Scores could not be saved just now; the bot will keep trying.';
      if (!view.messageId) return;
      const titles = this.#app().glossaryOf(round.place.guildId).titles(outcome.question.concepts);
      const topicTitle = this.#topicTitle(round, outcome.question.topic);
      await this.#messenger.edit(
        round.place.channelId,
        view.messageId,
        renderReveal(round, outcome, topicTitle, titles, note),
      );
    });
  }

  roundEnded(round: QuizRound, reason: RoundEndReason, standings: readonly Standing[], saved: Saved): void {
    const view = this.#view(round);
    this.#cancelCountTimer(view);
    const topicTitle = this.#roundTopicTitle(round);
    this.#logger.info({ ...this.#fields(round), reason, players: standings.length }, 'round ended');
    const dropped = round.droppedQuestion;
    // Nobody can be told in a channel that is gone.
    if (dropped !== undefined && reason !== 'completed' && reason !== 'channel-gone') {
      const payload = renderStoppedQuestion(
        round,
        dropped,
        this.#topicTitle(round, round.questions[dropped]?.topic),
        STOPPED_BECAUSE[reason],
      );
      this.#enqueue(round, view, 'close stopped question', async () => {
        if (view.messageId) await this.#messenger.edit(round.place.channelId, view.messageId, payload);
      });
    }
    const concepts = this.#app()
      .glossaryOf(round.place.guildId)
      .titles(round.outcomes.flatMap((o) => o.question.concepts));
    const summary = renderRoundSummary(round, reason, standings, topicTitle, concepts);
    this.#enqueue(round, view, 'post summary', async () => {
      await saved;
      if (reason !== 'channel-refused' && reason !== 'channel-gone') {
        await this.#messenger.send(round.place.channelId, summary);
      }
    });
    view.queue = view.queue.finally(() => {
      if (this.#views.get(round.id) === view) this.#views.delete(round.id);
    });
  }

  #view(round: QuizRound): RoundView {
    let view = this.#views.get(round.id);
    if (!view) {
      view = {
        queue: Promise.resolve(),
        messageId: undefined,
        shownCount: 0,
        lastEditAt: 0,
        countTimer: undefined,
        tellStarter: undefined,
      };
      this.#views.set(round.id, view);
    }
    return view;
  }

  #enqueue(
    round: QuizRound,
    view: RoundView,
    action: string,
    work: () => Promise<void>,
    essential = false,
  ): void {
    view.queue = view.queue.then(afterDueTimers).then(async () => {
      try {
        await work();
      } catch (error) {
        this.#onFailure(round, view, action, error, essential);
      }
    });
  }

  /** A channel that cannot take messages ends the round, so it is never stuck "in progress". */
  #onFailure(round: QuizRound, view: RoundView, action: string, error: unknown, essential: boolean): void {
    const unusable = isChannelUnusable(error);
    this.#logger.warn({ ...this.#fields(round), action, ...describeError(error) }, 'Discord call failed');
    if ((unusable || essential) && round.isLive) {
      this.#app().rounds.end(round, 'channel-refused');
      view.tellStarter?.(refusalNotice(round.place.channelId, error)).catch((notice: unknown) =>
        // After 15 minutes the start interaction can no longer carry a follow-up.
        this.#logger.warn({ ...this.#fields(round), ...describeError(notice) }, 'could not tell the starter'),
      );
    }
  }

  #cancelCountTimer(view: RoundView): void {
    view.countTimer?.cancel();
    view.countTimer = undefined;
  }

  #topicTitle(round: QuizRound, topicId: string | undefined): string {
    return topicId === undefined ? 'Quiz' : this.#app().topicTitle(topicId, round.place.guildId);
  }

  #roundTopicTitle(round: QuizRound): string {
    const topics = new Set(round.questions.map((question) => question.topic));
    return topics.size === 1 ? this.#topicTitle(round, round.questions[0]?.topic) : 'Mixed topics';
  }

  #fields(round: QuizRound): Record<string, string> {
    return { guildId: round.place.guildId, channelId: round.place.channelId, roundId: round.id };
  }
}

/**
 * Discord calls wait until the timers due now have run: when many rounds close at the same moment,
 * every question closes on time and the REST work follows, instead of each close waiting for the
 * previous round's requests to be sent.
 */
function afterDueTimers(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function refusalNotice(channelId: string, error: unknown): string {
  const why = isChannelUnusable(error)
    ? 'I am not allowed to post there any more (or the channel is gone). Give me View Channel, Send Messages and Embed Links in that channel'
    : 'Discord kept failing to take my messages. Wait a moment';
  return `The quiz round in <#${channelId}> has stopped: ${why}, then start a new round with /quiz start. Scores so far are saved.`;
}
