import { isScored } from './question.ts';
import type { QuestionOutcome } from './quizRound.ts';

/** How many missed concepts the report names at most (one row of Explain buttons). */
export const REPORT_CONCEPTS = 3;

export interface HardestQuestion {
  /** 1-based, as the round showed it. */
  number: number;
  prompt: string;
  right: number;
  answered: number;
  /** Multiple choice only: the wrong choice most picked (a tie goes to the earlier choice). */
  commonWrong: { choice: number; text: string; picks: number } | undefined;
}

export interface MissedConcept {
  conceptId: string;
  /** Wrong answers on questions about this concept. */
  missed: number;
}

export interface RoundReport {
  /** Undefined when every answered question was answered right by everyone (or nobody answered). */
  hardest: HardestQuestion | undefined;
  /** Most missed first; a tie goes to the concept first met in the round. */
  missedConcepts: MissedConcept[];
  /** Distinct scored questions that at least one player answered wrong: each went to a review. */
  addedToReviews: number;
}

/**
 * What the group found hard in a round, from its closed questions alone. The hardest question is
 * the one with the lowest share right among scored questions somebody answered; a tie goes to the
 * earlier question.
 */
export function roundReport(outcomes: readonly QuestionOutcome[]): RoundReport {
  let hardest: QuestionOutcome | undefined;
  let hardestRight = 0;
  const missed = new Map<string, number>();
  const missedQuestions = new Set<string>();
  for (const outcome of outcomes) {
    if (!isScored(outcome.question) || outcome.answers.length === 0) continue;
    let right = 0;
    for (const answer of outcome.answers) if (answer.correct) right++;
    const wrong = outcome.answers.length - right;
    // Cross-multiplied shares: strictly lower wins, so the earlier question keeps a tie.
    if (wrong > 0 && (!hardest || right * hardest.answers.length < hardestRight * outcome.answers.length)) {
      hardest = outcome;
      hardestRight = right;
    }
    for (const conceptId of new Set(outcome.question.concepts)) {
      missed.set(conceptId, (missed.get(conceptId) ?? 0) + wrong);
    }
    if (wrong > 0) missedQuestions.add(outcome.question.id);
  }
  const missedConcepts = [...missed]
    .filter(([, count]) => count > 0)
    .map(([conceptId, count]) => ({ conceptId, missed: count }))
    // Stable sort: equal counts keep the order the concepts were met in.
    .sort((a, b) => b.missed - a.missed)
    .slice(0, REPORT_CONCEPTS);
  return {
    hardest: hardest && describeHardest(hardest, hardestRight),
    missedConcepts,
    addedToReviews: missedQuestions.size,
  };
}

function describeHardest(outcome: QuestionOutcome, right: number): HardestQuestion {
  return {
    number: outcome.index + 1,
    prompt: outcome.question.prompt,
    right,
    answered: outcome.answers.length,
    commonWrong: commonWrongChoice(outcome),
  };
}

function commonWrongChoice(outcome: QuestionOutcome): HardestQuestion['commonWrong'] {
  const { question } = outcome;
  if (question.type !== 'multiple-choice') return undefined;
  // A multiple-choice answer's text is its choice, verbatim: nothing more is kept per click.
  const picks = question.choices.map(() => 0);
  for (const answer of outcome.answers) {
    if (answer.correct) continue;
    const choice = question.choices.indexOf(answer.answerText);
    if (choice >= 0) picks[choice] = (picks[choice] as number) + 1;
  }
  let best = -1;
  for (let choice = 0; choice < picks.length; choice++) {
    if ((picks[choice] as number) > (best < 0 ? 0 : (picks[best] as number))) best = choice;
  }
  if (best < 0) return undefined;
  return { choice: best, text: question.choices[best] as string, picks: picks[best] as number };
}
