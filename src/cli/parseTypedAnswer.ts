import { CHOICE_LETTERS, type Question, type Submission } from '../core/question.ts';

const TRUE_WORDS = new Set(['t', 'true', 'y', 'yes']);
const FALSE_WORDS = new Set(['f', 'false', 'n', 'no']);

/** Reads what someone typed at the terminal as an answer; undefined when it fits no answer. */
export function parseTypedAnswer(question: Question, typed: string): Submission | undefined {
  const text = typed.trim();
  switch (question.type) {
    case 'multiple-choice': {
      const upper = text.toUpperCase();
      const letter = CHOICE_LETTERS.indexOf(upper as (typeof CHOICE_LETTERS)[number]);
      if (letter >= 0 && letter < question.choices.length) return { kind: 'choice', index: letter };
      const number = Number(text);
      if (Number.isInteger(number) && number >= 1 && number <= question.choices.length) {
        return { kind: 'choice', index: number - 1 };
      }
      const byText = question.choices.findIndex((choice) => choice.toLowerCase() === text.toLowerCase());
      return byText >= 0 ? { kind: 'choice', index: byText } : undefined;
    }
    case 'true-false': {
      const word = text.toLowerCase();
      if (TRUE_WORDS.has(word)) return { kind: 'boolean', value: true };
      if (FALSE_WORDS.has(word)) return { kind: 'boolean', value: false };
      return undefined;
    }
    case 'short-answer':
      return text === '' ? undefined : { kind: 'text', text };
    case 'open':
      return undefined;
  }
}

export function answerHint(question: Question): string {
  switch (question.type) {
    case 'multiple-choice':
      return `Type a letter from A to ${CHOICE_LETTERS[question.choices.length - 1]}.`;
    case 'true-false':
      return 'Type true or false.';
    case 'short-answer':
      return 'Type your answer.';
    case 'open':
      return 'Think it over, then press Enter to see the model answer.';
  }
}
