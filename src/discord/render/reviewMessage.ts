import { type APIButtonComponent, ButtonStyle, ComponentType } from 'discord.js';
import type {
  NothingToReview,
  ReviewQuestion,
  ReviewReveal,
  ReviewSummary,
} from '../../app/reviewSessions.ts';
import { correctAnswerText, type Question } from '../../core/question.ts';
import type { ReviewRating } from '../../store/ReviewStore.ts';
import { buildCustomId } from '../customIds.ts';
import { fitEmbed } from './fitEmbed.ts';
import {
  COLOR_OPEN,
  COLOR_REVEAL,
  choiceLabels,
  type MessagePayload,
  promptText,
  rowsOf,
} from './questionMessage.ts';
import { inertText, plural, truncate } from './text.ts';

const COLOR_MISSED = 0xed4245;

export const RATING_LABELS: Record<ReviewRating, string> = { 1: 'Again', 2: 'Hard', 3: 'Good', 4: 'Easy' };

const HOW_TO_ANSWER: Record<Question['type'], string> = {
  'multiple-choice': 'Pick a letter below.',
  'true-false': 'True or false?',
  'short-answer': 'Press **Answer** and type it. Case, accents and small typos are forgiven.',
  open: 'Think it through, then reveal the model answer and rate how well you knew it.',
};

type Step = Pick<ReviewQuestion, 'sessionId' | 'step' | 'total' | 'question'>;

function title(step: Step, topicTitle: string): string {
  return truncate(`Review ${step.step + 1} of ${step.total} · ${topicTitle}`, 256);
}

function answerButtons(step: Step, reveal: boolean): APIButtonComponent[] {
  const { question } = step;
  const base = { sessionId: step.sessionId, step: step.step };
  type Style = ButtonStyle.Primary | ButtonStyle.Secondary | ButtonStyle.Success;
  const button = (label: string, customId: string, style: Style): APIButtonComponent => ({
    type: ComponentType.Button,
    style,
    label,
    custom_id: customId,
    disabled: reveal,
  });
  const marked = (right: boolean): Style => (reveal && right ? ButtonStyle.Success : ButtonStyle.Secondary);
  switch (question.type) {
    case 'multiple-choice': {
      const labels = choiceLabels(question.choices);
      return question.choices.map((choice, i) =>
        button(
          labels[i] as string,
          buildCustomId({ kind: 'review-choice', ...base, choice: i }),
          marked(choice === question.answer),
        ),
      );
    }
    case 'true-false':
      return [true, false].map((value) =>
        button(
          value ? 'True' : 'False',
          buildCustomId({ kind: 'review-boolean', ...base, value }),
          marked(value === question.answer),
        ),
      );
    case 'short-answer':
      return [button('Answer', buildCustomId({ kind: 'review-open-modal', ...base }), ButtonStyle.Primary)];
    case 'open':
      return [
        button(
          'Reveal model answer',
          buildCustomId({ kind: 'review-model', ...base }),
          ButtonStyle.Secondary,
        ),
      ];
  }
}

/** A review question: rendered like a round's, without a countdown. */
export function renderReviewQuestion(step: ReviewQuestion, topicTitle: string): MessagePayload {
  const card = step.card;
  return {
    embeds: [
      {
        color: COLOR_OPEN,
        title: title(step, topicTitle),
        description: truncate(promptText(step.question), 4096),
        fields: [
          { name: 'Difficulty', value: step.question.difficulty, inline: true },
          {
            name: 'Card',
            value: card ? `due <t:${Math.floor(card.due / 1000)}:R>` : 'new to you',
            inline: true,
          },
        ],
        footer: { text: `${HOW_TO_ANSWER[step.question.type]} · No timer: take your time.` },
      },
    ],
    components: rowsOf(answerButtons(step, false)),
  };
}

/** An open question's model answer, with the buttons the member rates themselves by. */
export function renderReviewModelAnswer(step: Step, topicTitle: string): MessagePayload {
  const question = step.question;
  const ratings = ([1, 2, 3, 4] as const).map(
    (rating): APIButtonComponent => ({
      type: ComponentType.Button,
      style: rating === 1 ? ButtonStyle.Danger : rating === 3 ? ButtonStyle.Success : ButtonStyle.Secondary,
      label: RATING_LABELS[rating],
      custom_id: buildCustomId({ kind: 'review-rate', sessionId: step.sessionId, step: step.step, rating }),
    }),
  );
  return {
    embeds: [
      fitEmbed({
        color: COLOR_OPEN,
        title: title(step, topicTitle),
        description: truncate(promptText(question), 4096),
        fields: [
          { name: 'Model answer', value: truncate(correctAnswerText(question), 1024) },
          { name: 'Why', value: truncate(question.explanation, 1024) },
        ],
        footer: { text: 'How well did you know it? Again: not at all · Hard · Good · Easy: at once.' },
      }),
    ],
    components: rowsOf(ratings),
  };
}

/** The reveal: the answer, why, and when the card comes back; Explain buttons and Next. */
export function renderReviewReveal(
  reveal: ReviewReveal,
  topicTitle: string,
  conceptTitles: ReadonlyMap<string, string>,
): MessagePayload {
  const { question } = reveal;
  const yours =
    reveal.correct === undefined
      ? `You rated it **${RATING_LABELS[reveal.rating]}**.`
      : `${reveal.correct ? '✅ Right' : '❌ Not quite'}: ${inertText(reveal.answerText ?? '', 200)}`;
  const fields = [
    { name: 'Your answer', value: yours },
    {
      name: question.type === 'open' ? 'Model answer' : 'Answer',
      value: truncate(`✅ ${correctAnswerText(question)}`, 1024),
    },
    { name: 'Why', value: truncate(question.explanation, 1024) },
    {
      name: 'Comes back',
      value: reveal.saved
        ? `${reveal.comesBack} (<t:${Math.floor(reveal.due / 1000)}:f>)`
        : 'Your card could not be saved just now; it keeps its old date.',
    },
  ];
  const explain: APIButtonComponent[] = question.concepts.slice(0, 5).map((conceptId) => ({
    type: ComponentType.Button,
    style: ButtonStyle.Primary,
    label: truncate(`Explain: ${conceptTitles.get(conceptId) ?? conceptId}`, 80),
    custom_id: buildCustomId({ kind: 'explain', conceptId }),
  }));
  const next: APIButtonComponent = {
    type: ComponentType.Button,
    style: ButtonStyle.Success,
    label: reveal.last ? 'Finish' : 'Next question',
    custom_id: buildCustomId({ kind: 'review-next', sessionId: reveal.sessionId, step: reveal.step }),
  };
  return {
    embeds: [
      fitEmbed({
        color: reveal.correct === false ? COLOR_MISSED : COLOR_REVEAL,
        title: title(reveal, topicTitle),
        description: truncate(promptText(question), 4096),
        fields,
      }),
    ],
    components: [
      ...(question.type === 'open' ? [] : rowsOf(answerButtons(reveal, true))),
      ...rowsOf(explain),
      ...rowsOf([next]),
    ],
  };
}

function nextDueText(nextDue: number | undefined): string {
  return nextDue === undefined
    ? 'You have no cards yet.'
    : `Your next card is due <t:${Math.floor(nextDue / 1000)}:R>.`;
}

export function renderReviewSummary(summary: ReviewSummary): MessagePayload {
  const parts = [`${summary.right} right`, `${summary.wrong} missed`];
  if (summary.selfRated > 0) parts.push(`${summary.selfRated} rated by you`);
  return {
    embeds: [
      {
        color: COLOR_REVEAL,
        title: 'Review done',
        description: `You reviewed ${plural(summary.reviewed, 'question')}: ${parts.join(', ')}. Missed ones come back first next time.\n${nextDueText(summary.nextDue)}`,
      },
    ],
    components: [],
  };
}

export function nothingToReviewText(nothing: NothingToReview): string {
  if (nothing.noTopics) {
    return 'Nothing to review yet: play a round with `/quiz start`, or pick a topic with `/review topic:`.';
  }
  return `Nothing is due for review right now, and no new questions are left on that topic. ${nextDueText(nothing.nextDue)}`;
}

/** Under a round's model answer: the member rates how well they knew it, for their review card. */
export function selfRatingButtons(questionId: string): MessagePayload['components'] {
  return rowsOf(
    ([1, 2, 3, 4] as const).map((rating) => ({
      type: ComponentType.Button,
      style: ButtonStyle.Secondary,
      label: RATING_LABELS[rating],
      custom_id: buildCustomId({ kind: 'review-grade', questionId, rating }),
    })),
  );
}
