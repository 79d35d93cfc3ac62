import type {
  MultipleChoiceQuestion,
  OpenQuestion,
  ShortAnswerQuestion,
  TrueFalseQuestion,
} from '../../src/core/question.ts';

const common = {
  topic: 'sample',
  explanation: 'Because.',
  difficulty: 'easy',
  concepts: ['anarchy'],
  tags: [],
  source: 'test',
} as const;

export function multipleChoice(
  id: string,
  overrides: Partial<MultipleChoiceQuestion> = {},
): MultipleChoiceQuestion {
  return {
    ...common,
    id,
    type: 'multiple-choice',
    prompt: `Question ${id}?`,
    choices: ['Right', 'Wrong', 'Also wrong'],
    answer: 'Right',
    ...overrides,
  };
}

export function trueFalse(
  id: string,
  answer = true,
  overrides: Partial<TrueFalseQuestion> = {},
): TrueFalseQuestion {
  return { ...common, id, type: 'true-false', prompt: `Statement ${id}.`, answer, ...overrides };
}

export function shortAnswer(
  id: string,
  answers: string[],
  overrides: Partial<ShortAnswerQuestion> = {},
): ShortAnswerQuestion {
  return { ...common, id, type: 'short-answer', prompt: `Name ${id}.`, answers, ...overrides };
}

export function openQuestion(id: string): OpenQuestion {
  return { ...common, id, type: 'open', prompt: `Discuss ${id}.`, modelAnswer: 'A model answer.' };
}
