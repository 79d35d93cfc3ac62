import path from 'node:path';
import type { BankIssue } from './bankIssue.ts';
import { slugId } from './slugId.ts';
import type { Position, YamlPath, YamlSource } from './yamlSource.ts';

/**
 * An imported topic as the YAML it becomes, located in the original file: every field of a
 * question or concept points at the line it came from, so the bank's checks report there.
 */
export function importedSource(
  file: string,
  data: unknown,
  positionOf: (path: YamlPath) => Position | undefined,
): YamlSource {
  const locate = (at: YamlPath) => positionOf(at) ?? { line: 1, column: 1 };
  return { file, data, locate, locateKey: locate };
}

/** What an import hands over: the topic as plain data, located in the original file. */
export interface ImportedTopic {
  source: YamlSource;
  notes: string[];
}

export type ImportResult = { ok: true; topic: ImportedTopic } | { ok: false; issues: BankIssue[] };

/** A server holds at most 2,000 questions, so no one topic may have more; it also bounds the work. */
export const MAX_TOPIC_QUESTIONS = 2000;

export function tooManyQuestions(file: string, count: number, what = `${count} questions`): BankIssue {
  return {
    file,
    line: 1,
    column: 1,
    questionId: null,
    field: null,
    message: `has ${what}; one topic may have at most ${MAX_TOPIC_QUESTIONS.toLocaleString('en')} (a server holds at most that many in all): split it into several files`,
  };
}

export type TopicNames = { ok: true; id: string; title: string } | { ok: false; issue: BankIssue };

/** An import's topic: the `topic:` option, or else the file name made into an id (`Chem 101.txt` → `chem-101`). */
export function importedTopicNames(fileName: string, topicId: string | undefined): TopicNames {
  const base = path
    .basename(fileName)
    .replace(/\.[^.]+$/, '')
    .trim();
  const id = topicId ?? slugId(base);
  if (id === '') {
    return {
      ok: false,
      issue: {
        file: fileName,
        line: 1,
        column: 1,
        questionId: null,
        field: 'topic',
        message:
          'has no letters or digits in its name to make a topic id from: name the topic with the topic: option (kebab-case, e.g. chem-101)',
      },
    };
  }
  return { ok: true, id, title: (base || id).slice(0, 100) };
}
