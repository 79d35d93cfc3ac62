import { matchTypedAnswer } from './answerMatching.ts';
import type { Question, Submission } from './question.ts';

export interface Judgement {
  correct: boolean;
  /** The answer as the member gave it, for their private confirmation. */
  answerText: string;
  /** For a typed answer judged correct: the accepted answer it counts as, verbatim from the bank. */
  acceptedAs?: string;
}

/** Whether a submission answers the question correctly; undefined when it does not fit the question. */
export function judgeSubmission(question: Question, submission: Submission): Judgement | undefined {
  switch (question.type) {
    case 'multiple-choice': {
      if (submission.kind !== 'choice') return undefined;
      const choice = question.choices[submission.index];
      if (choice === undefined) return undefined;
      return { correct: choice === question.answer, answerText: choice };
    }
    case 'true-false':
      if (submission.kind !== 'boolean') return undefined;
      return {
        correct: submission.value === question.answer,
        answerText: submission.value ? 'True' : 'False',
      };
    case 'short-answer': {
      if (submission.kind !== 'text') return undefined;
      const text = submission.text.trim();
      if (text === '') return undefined;
      const acceptedAs = matchTypedAnswer(text, question);
      if (acceptedAs === undefined) return { correct: false, answerText: text };
      return { correct: true, answerText: text, acceptedAs };
    }
    case 'open':
      return undefined;
  }
}
