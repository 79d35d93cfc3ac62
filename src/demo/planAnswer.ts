import { matchTypedAnswer } from '../core/answerMatching.ts';
import type { Question, ShortAnswerQuestion } from '../core/question.ts';
import type { Random } from '../core/random.ts';
import type { DemoMember } from './demoCast.ts';

export type PlannedAction =
  | { kind: 'choice'; index: number }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'text'; text: string }
  | { kind: 'model-answer' };

export interface PlannedAnswer {
  member: DemoMember;
  /** After the question opened. */
  delayMs: number;
  action: PlannedAction;
}

/** Nobody clicks in the last moment: the click must reach the bot before the deadline. */
const LAST_CLICK_MARGIN_MS = 1200;
const FIRST_CLICK_MS = 600;

/** What a member does with a question, or undefined when they let it pass. */
export function planAnswer(
  member: DemoMember,
  question: Question,
  windowMs: number,
  random: Random,
  wrongGuesses: readonly string[],
): PlannedAnswer | undefined {
  const { skill } = member;
  const share = skill.earliest + random() * (skill.latest - skill.earliest);
  const delayMs =
    Math.round(Math.min(windowMs - LAST_CLICK_MARGIN_MS, Math.max(FIRST_CLICK_MS, share * windowMs)) / 100) *
    100;
  if (question.type === 'open') return { member, delayMs, action: { kind: 'model-answer' } };
  if (random() >= skill.answers) return undefined;
  const knows = random() < skill.knows;
  switch (question.type) {
    case 'multiple-choice': {
      const right = question.choices.indexOf(question.answer);
      const wrong = question.choices.map((_, i) => i).filter((i) => i !== right);
      const guess = Math.floor(random() * question.choices.length);
      const index =
        skill.knows === 0 ? guess : knows ? right : (wrong[Math.floor(random() * wrong.length)] ?? guess);
      return { member, delayMs, action: { kind: 'choice', index } };
    }
    case 'true-false': {
      const value = skill.knows === 0 ? random() < 0.5 : knows ? question.answer : !question.answer;
      return { member, delayMs, action: { kind: 'boolean', value } };
    }
    case 'short-answer': {
      const text = knows
        ? typed(question.answers[0] ?? '', question, random)
        : wrongGuess(question, wrongGuesses, random);
      return { member, delayMs, action: { kind: 'text', text } };
    }
  }
}

/** Sometimes typed in a hurry: lower case and one letter short, when the bot would still accept it. */
function typed(answer: string, question: ShortAnswerQuestion, random: Random): string {
  if (random() < 0.6 || answer.length < 6) return answer;
  const at = 1 + Math.floor(random() * (answer.length - 2));
  const hurried = (answer.slice(0, at) + answer.slice(at + 1)).toLowerCase();
  return matchTypedAnswer(hurried, question) === undefined ? answer : hurried;
}

/** A real concept name that is not the answer: the kind of wrong answer people give. */
function wrongGuess(question: ShortAnswerQuestion, pool: readonly string[], random: Random): string {
  const candidates = pool.filter((name) => matchTypedAnswer(name, question) === undefined);
  return candidates[Math.floor(random() * candidates.length)] ?? 'no idea';
}
