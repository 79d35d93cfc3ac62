export const DIFFICULTIES = ['easy', 'medium', 'hard'] as const;
export type Difficulty = (typeof DIFFICULTIES)[number];

export const QUESTION_TYPES = ['multiple-choice', 'true-false', 'short-answer', 'open'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

interface QuestionBase {
  id: string;
  topic: string;
  prompt: string;
  explanation: string;
  difficulty: Difficulty;
  concepts: readonly string[];
  tags: readonly string[];
  source: string;
}

export interface MultipleChoiceQuestion extends QuestionBase {
  type: 'multiple-choice';
  choices: readonly string[];
  answer: string;
}

export interface TrueFalseQuestion extends QuestionBase {
  type: 'true-false';
  answer: boolean;
}

export interface ShortAnswerQuestion extends QuestionBase {
  type: 'short-answer';
  /** Accepted answers; the first is the one shown at the reveal. */
  answers: readonly string[];
  /** Known wrong answers from the bank file: wrong even when a typo away from an accepted answer. */
  reject?: readonly string[];
  /**
   * Every term the bank knows (accepted answers, choices, glossary titles and aliases), attached
   * when the bank is loaded and shared by all its questions. Those that are not accepted answers
   * here are wrong here: typing one, or something as near to one as to every accepted answer.
   */
  knownTerms?: readonly string[];
}

export interface OpenQuestion extends QuestionBase {
  type: 'open';
  modelAnswer: string;
}

/** How choices are labelled everywhere: buttons, the terminal, confirmations. */
export const CHOICE_LETTERS = ['A', 'B', 'C', 'D', 'E', 'F'] as const;

export type Question = MultipleChoiceQuestion | TrueFalseQuestion | ShortAnswerQuestion | OpenQuestion;

/** What a member submits: a choice index, a boolean, typed text, or nothing for open questions. */
export type Submission =
  | { kind: 'choice'; index: number }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'text'; text: string };

export function isScored(question: Question): boolean {
  return question.type !== 'open';
}

/** The correct answer as players should read it at the reveal. */
export function correctAnswerText(question: Question): string {
  switch (question.type) {
    case 'multiple-choice':
      return question.answer;
    case 'true-false':
      return question.answer ? 'True' : 'False';
    case 'short-answer':
      return question.answers[0] ?? '';
    case 'open':
      return question.modelAnswer;
  }
}
