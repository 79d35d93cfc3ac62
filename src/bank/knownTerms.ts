import { answerKey } from '../core/answerMatching.ts';
import type { Question } from '../core/question.ts';
import type { Concept } from './glossary.ts';

/**
 * Every term the bank names, once each: accepted answers of short-answer questions, choices of
 * multiple-choice questions, and glossary titles (also without their parenthesis, so
 * "Balancing (internal and external)" gives "Balancing") and aliases.
 */
export function knownTerms(questions: readonly Question[], concepts: readonly Concept[]): string[] {
  const terms = new Map<string, string>();
  const seen = new Set<string>();
  const add = (term: string) => {
    if (seen.has(term)) return;
    seen.add(term);
    const key = answerKey(term);
    if (key !== '' && !terms.has(key)) terms.set(key, term);
  };
  for (const question of questions) {
    if (question.type === 'short-answer') question.answers.forEach(add);
    if (question.type === 'multiple-choice') question.choices.forEach(add);
  }
  for (const concept of concepts) {
    add(concept.title);
    add(concept.title.replace(/\s*\([^)]*\)/g, ''));
    concept.aliases.forEach(add);
  }
  return [...terms.values()];
}
