import { type APIModalInteractionResponseCallbackData, ComponentType, TextInputStyle } from 'discord.js';
import { CHOICE_LETTERS, type Question, type Submission } from '../../core/question.ts';
import { buildCustomId } from '../customIds.ts';
import { inertText, truncate } from './text.ts';

/**
 * The private confirmation of a locked-in answer. A typed answer that was forgiven a typo says
 * what it counted as, so the member knows before the reveal shows it to everyone.
 */
export function lockedInText(submission: Submission, answerText: string, acceptedAs?: string): string {
  // Choices come from the bank and may carry its markdown; typed text is the member's, so it is escaped.
  const shown =
    submission.kind === 'choice'
      ? `${CHOICE_LETTERS[submission.index]} · ${answerText}`
      : submission.kind === 'text'
        ? inertText(answerText, 200)
        : answerText;
  const countedAs =
    acceptedAs !== undefined && acceptedAs.trim().toLowerCase() !== answerText.trim().toLowerCase()
      ? ` (counted as *${acceptedAs}*)`
      : '';
  return `🔒 Locked in: **${shown}**${countedAs}. The answer is revealed when the question closes.`;
}

/** The text box a typed answer is written in. */
export function answerModal(
  roundId: string,
  questionIndex: number,
  question: Question,
): APIModalInteractionResponseCallbackData {
  return typedAnswerModal(
    buildCustomId({ kind: 'answer-text', roundId, question: questionIndex }),
    `Question ${questionIndex + 1}: your answer`,
    question,
  );
}

/** The same text box for any typed answer (a round's or a review's). */
export function typedAnswerModal(
  customId: string,
  title: string,
  question: Question,
): APIModalInteractionResponseCallbackData {
  return {
    custom_id: customId,
    title,
    components: [
      {
        type: ComponentType.ActionRow,
        components: [
          {
            type: ComponentType.TextInput,
            custom_id: ANSWER_INPUT_ID,
            style: TextInputStyle.Short,
            label: 'Your answer',
            placeholder: truncate(question.prompt, 100),
            min_length: 1,
            max_length: 100,
            required: true,
          },
        ],
      },
    ],
  };
}

export const ANSWER_INPUT_ID = 'answer';
