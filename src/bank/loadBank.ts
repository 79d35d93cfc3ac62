import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Question } from '../core/question.ts';
import { type BankIssue, compareIssues } from './bankIssue.ts';
import { type Concept, Glossary } from './glossary.ts';
import { knownTerms } from './knownTerms.ts';
import { checkReferences, checkUnique, type Located } from './sourceIssues.ts';
import { readGlossaryFile, readTopicFile, type Topic } from './topicFile.ts';
import { readYamlSource } from './yamlSource.ts';

export const GLOSSARY_FILE = 'glossary.yaml';

export type { Topic } from './topicFile.ts';

export interface Bank {
  files: readonly string[];
  topics: readonly Topic[];
  questions: readonly Question[];
  glossary: Glossary;
}

export interface BankLoadResult {
  bank: Bank;
  /** Empty when the bank is valid; the bank holds whatever did validate. */
  issues: BankIssue[];
}

/** Loads every topic file and the glossary under the given paths and reports every problem at once. */
export async function loadBank(paths: readonly string[]): Promise<BankLoadResult> {
  const issues: BankIssue[] = [];
  const files = await bankFiles(paths, issues);
  const topics: Located<Topic>[] = [];
  const questions: Located<Question>[] = [];
  const concepts: Located<Concept>[] = [];
  let glossaryFiles = 0;

  for (const file of files) {
    const read = await readYamlSource(file);
    if (!read.ok) {
      issues.push(...read.issues);
      if (path.basename(file) === GLOSSARY_FILE) glossaryFiles++;
      continue;
    }
    if (path.basename(file) === GLOSSARY_FILE) {
      glossaryFiles++;
      concepts.push(...readGlossaryFile(read.source, issues));
    } else {
      const topicFile = readTopicFile(read.source, issues);
      questions.push(...topicFile.questions);
      if (topicFile.topic) topics.push(topicFile.topic);
    }
  }
  if (files.length > 0 && glossaryFiles === 0) {
    issues.push({
      file: path.join(path.dirname(files[0] ?? '.'), GLOSSARY_FILE),
      line: 1,
      column: 1,
      questionId: null,
      field: null,
      message: `is missing: questions name concepts that must be defined in ${GLOSSARY_FILE} beside the topic files`,
    });
  }

  checkUnique(topics, (topic) => topic.id, 'topic', 'topic', issues);
  checkUnique(questions, (question) => question.id, 'id', 'question id', issues);
  checkUnique(concepts, (concept) => concept.id, 'id', 'concept id', issues);
  const conceptIds = new Set(concepts.map((concept) => concept.value.id));
  if (glossaryFiles > 0) {
    for (const question of questions)
      checkReferences(question, 'concepts', question.value.concepts, conceptIds, GLOSSARY_FILE, issues);
  }
  for (const concept of concepts)
    checkReferences(concept, 'related', concept.value.related, conceptIds, GLOSSARY_FILE, issues);

  const glossary = new Glossary(concepts.map((concept) => concept.value));
  // One list for the whole bank, shared by its short-answer questions: the judge needs every term.
  const terms = Object.freeze(
    knownTerms(
      questions.map((question) => question.value),
      glossary.concepts,
    ),
  );
  return {
    bank: {
      files,
      topics: topics.map((topic) => topic.value),
      questions: questions.map(({ value }) =>
        value.type === 'short-answer' ? { ...value, knownTerms: terms } : value,
      ),
      glossary,
    },
    issues: issues.sort(compareIssues),
  };
}

async function bankFiles(paths: readonly string[], issues: BankIssue[]): Promise<string[]> {
  const found = new Set<string>();
  for (const given of paths) {
    let info: Awaited<ReturnType<typeof stat>>;
    try {
      info = await stat(given);
    } catch {
      issues.push(pathIssue(given, 'does not exist: pass a bank folder such as questions/ or a .yaml file'));
      continue;
    }
    if (info.isDirectory()) {
      const entries = await readdir(given, { recursive: true });
      const yamlFiles = entries.filter((entry) => /\.ya?ml$/i.test(entry)).sort();
      if (yamlFiles.length === 0) issues.push(pathIssue(given, 'holds no .yaml files'));
      for (const entry of yamlFiles) found.add(path.join(given, entry));
    } else {
      found.add(given);
      // A single topic file is checked against the glossary beside it.
      const glossary = path.join(path.dirname(given), GLOSSARY_FILE);
      if (await isFile(glossary)) found.add(glossary);
    }
  }
  return [...found];
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

function pathIssue(file: string, message: string): BankIssue {
  return { file, line: 1, column: 1, questionId: null, field: null, message };
}
