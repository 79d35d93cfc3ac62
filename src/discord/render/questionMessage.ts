import {
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIEmbed,
  ButtonStyle,
  ComponentType,
} from 'discord.js';
import { CHOICE_LETTERS, correctAnswerText, type Question } from '../../core/question.ts';
import type { QuestionOutcome, QuizRound } from '../../core/quizRound.ts';
import { buildCustomId } from '../customIds.ts';
import { fitEmbed } from './fitEmbed.ts';
import { joinWithin, plural, safeName, truncate } from './text.ts';

export const COLOR_OPEN = 0x5865f2;
export const COLOR_REVEAL = 0x57f287;

export interface MessagePayload {
  content?: string;
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIButtonComponent>[];
}

type Row = APIActionRowComponent<APIButtonComponent>;

export function rowsOf(buttons: APIButtonComponent[]): Row[] {
  const rows: Row[] = [];
  for (let i = 0; i < buttons.length; i += 5) {
    rows.push({ type: ComponentType.ActionRow, components: buttons.slice(i, i + 5) });
  }
  return rows;
}

function title(round: QuizRound, index: number, topicTitle: string): string {
  return truncate(`Question ${index + 1} of ${round.questions.length} · ${topicTitle}`, 256);
}

export function promptText(question: Question): string {
  if (question.type !== 'multiple-choice') return question.prompt;
  const choices = question.choices.map((choice, i) => `**${CHOICE_LETTERS[i]}.** ${choice}`);
  return `${question.prompt}\n\n${choices.join('\n')}`;
}

/** Discord's limit on a button label. */
const BUTTON_LABEL_LIMIT = 80;

/**
 * "A · choice" on each button when every choice fits, else the letters alone (the message shows
 * each choice in full): a button never shows a cut-off choice, and all buttons look alike.
 */
export function choiceLabels(choices: readonly string[]): string[] {
  const full = choices.map((choice, i) => `${CHOICE_LETTERS[i]} · ${choice}`);
  return full.every((label) => label.length <= BUTTON_LABEL_LIMIT)
    ? full
    : choices.map((_, i) => CHOICE_LETTERS[i] as string);
}

const HOW_TO_ANSWER: Record<Question['type'], string> = {
  'multiple-choice': 'Pick a letter below. Your answer is private and locked in once given.',
  'true-false': 'True or false? Your answer is private and locked in once given.',
  'short-answer': 'Press **Answer** and type it. Case, accents and small typos are forgiven.',
  open: 'A discussion question: talk it over, then reveal the model answer for yourself.',
};

function answerButtons(
  round: Pick<QuizRound, 'id'>,
  index: number,
  question: Question,
  reveal: boolean,
  disabled = reveal,
): APIButtonComponent[] {
  const base = { roundId: round.id, question: index };
  switch (question.type) {
    case 'multiple-choice': {
      const labels = choiceLabels(question.choices);
      return question.choices.map((choice, choiceIndex) => ({
        type: ComponentType.Button,
        style: reveal && choice === question.answer ? ButtonStyle.Success : ButtonStyle.Secondary,
        label: labels[choiceIndex] as string,
        custom_id: buildCustomId({ kind: 'answer-choice', ...base, choice: choiceIndex }),
        disabled,
      }));
    }
    case 'true-false':
      return [true, false].map((value) => ({
        type: ComponentType.Button,
        style: reveal && value === question.answer ? ButtonStyle.Success : ButtonStyle.Secondary,
        label: value ? 'True' : 'False',
        custom_id: buildCustomId({ kind: 'answer-boolean', ...base, value }),
        disabled,
      }));
    case 'short-answer':
      return [
        {
          type: ComponentType.Button,
          style: ButtonStyle.Primary,
          label: 'Answer',
          custom_id: buildCustomId({ kind: 'answer-open-modal', ...base }),
          disabled,
        },
      ];
    case 'open':
      return [
        {
          type: ComponentType.Button,
          style: ButtonStyle.Secondary,
          label: 'Reveal model answer',
          custom_id: buildCustomId({ kind: 'model-answer', ...base }),
          disabled,
        },
      ];
  }
}

export function renderQuestion(
  round: QuizRound,
  index: number,
  topicTitle: string,
  answeredCount: number,
): MessagePayload {
  const question = round.questions[index] as Question;
  const closes = Math.floor(round.deadline / 1000);
  const answered = question.type === 'open' ? '' : ` · ${plural(answeredCount, 'answer')} so far`;
  return {
    embeds: [
      {
        color: COLOR_OPEN,
        title: title(round, index, topicTitle),
        description: truncate(promptText(question), 4096),
        fields: [
          { name: 'Difficulty', value: question.difficulty, inline: true },
          { name: 'Closes', value: `<t:${closes}:R>${answered}`, inline: true },
        ],
        footer: { text: `${HOW_TO_ANSWER[question.type]} · Scoring: ${round.settings.scoring}` },
      },
    ],
    components: rowsOf(answerButtons(round, index, question, false)),
  };
}

/** A question as a round will show it, its buttons disabled: the preview of an upload. */
export function renderQuestionPreview(question: Question, topicTitle: string): MessagePayload {
  return {
    embeds: [
      {
        color: COLOR_OPEN,
        title: truncate(`Question 1 of … · ${topicTitle}`, 256),
        description: truncate(promptText(question), 4096),
        fields: [{ name: 'Difficulty', value: question.difficulty, inline: true }],
        footer: { text: HOW_TO_ANSWER[question.type] },
      },
    ],
    components: rowsOf(answerButtons({ id: 'preview' }, 0, question, false, true)),
  };
}

export function renderReveal(
  round: QuizRound,
  outcome: QuestionOutcome,
  topicTitle: string,
  conceptTitles: ReadonlyMap<string, string>,
  note?: string,
): MessagePayload {
  const { question } = outcome;
  const fields = [
    {
      name: question.type === 'open' ? 'Model answer' : 'Answer',
      value: truncate(`✅ ${correctAnswerText(question)}`, 1024),
    },
    { name: 'Why', value: truncate(question.explanation, 1024) },
  ];
  if (question.type !== 'open') {
    const winners = outcome.answers.filter((answer) => answer.correct);
    const lines = winners.map((answer) => `${safeName(answer.displayName)} **+${answer.points}**`);
    fields.push({
      name: `Got it right: ${winners.length} of ${plural(outcome.answers.length, 'answer')}`,
      value:
        winners.length === 0 ? 'Nobody this time.' : joinWithin(lines, 1024, (left) => `…and ${left} more`),
    });
  }
  const explainButtons: APIButtonComponent[] = question.concepts.slice(0, 5).map((conceptId) => ({
    type: ComponentType.Button,
    style: ButtonStyle.Primary,
    label: truncate(`Explain: ${conceptTitles.get(conceptId) ?? conceptId}`, 80),
    custom_id: buildCustomId({ kind: 'explain', conceptId }),
  }));
  return {
    embeds: [
      fitEmbed({
        color: COLOR_REVEAL,
        title: title(round, outcome.index, topicTitle),
        description: truncate(promptText(question), 4096),
        fields,
        footer: { text: note ?? 'Answers are closed.' },
      }),
    ],
    components: [...rowsOf(answerButtons(round, outcome.index, question, true)), ...rowsOf(explainButtons)],
  };
}

const COLOR_STOPPED = 0x99aab5;

/** The open question of a stopped round: buttons disabled, countdown gone, says why. */
export function renderStoppedQuestion(
  round: QuizRound,
  index: number,
  topicTitle: string,
  why: string,
): MessagePayload {
  const question = round.questions[index] as Question;
  return {
    embeds: [
      {
        color: COLOR_STOPPED,
        title: title(round, index, topicTitle),
        description: truncate(promptText(question), 4096),
        fields: [{ name: 'Round stopped', value: `${why} This question was not scored.` }],
      },
    ],
    components: rowsOf(answerButtons(round, index, question, true)),
  };
}
