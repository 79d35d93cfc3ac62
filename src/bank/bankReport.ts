import { DIFFICULTIES, QUESTION_TYPES } from '../core/question.ts';
import type { BankIssue } from './bankIssue.ts';
import type { BankLoadResult } from './loadBank.ts';

/** The shape of `studyquiz validate --json`; scripts rely on these names. */
export interface BankReport {
  ok: boolean;
  files: number;
  questions: number;
  byType: Record<string, number>;
  byTopic: Record<string, number>;
  byDifficulty: Record<string, number>;
  concepts: number;
  questionsPerConcept: Record<string, number>;
  errors: BankIssue[];
}

export function bankReport({ bank, issues }: BankLoadResult): BankReport {
  const byType = Object.fromEntries(QUESTION_TYPES.map((type) => [type, 0]));
  const byDifficulty = Object.fromEntries(DIFFICULTIES.map((difficulty) => [difficulty, 0]));
  const byTopic: Record<string, number> = Object.fromEntries(bank.topics.map((topic) => [topic.id, 0]));
  const questionsPerConcept: Record<string, number> = Object.fromEntries(
    bank.glossary.concepts.map((concept) => [concept.id, 0]),
  );
  for (const question of bank.questions) {
    byType[question.type] = (byType[question.type] ?? 0) + 1;
    byDifficulty[question.difficulty] = (byDifficulty[question.difficulty] ?? 0) + 1;
    byTopic[question.topic] = (byTopic[question.topic] ?? 0) + 1;
    for (const concept of question.concepts)
      questionsPerConcept[concept] = (questionsPerConcept[concept] ?? 0) + 1;
  }
  return {
    ok: issues.length === 0,
    files: bank.files.length,
    questions: bank.questions.length,
    byType,
    byTopic,
    byDifficulty,
    concepts: bank.glossary.size,
    questionsPerConcept,
    errors: issues,
  };
}
