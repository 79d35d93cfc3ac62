import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { closest, distance } from 'fastest-levenshtein';
import type { z } from 'zod';
import { answerKey } from '../core/answerMatching.ts';
import type { Question } from '../core/question.ts';
import { type BankIssue, compareIssues } from './bankIssue.ts';
import {
  type ConceptInput,
  conceptSchema,
  glossaryFileSchema,
  type QuestionInput,
  questionSchema,
  topicFileSchema,
} from './bankSchema.ts';
import { describeZodIssues, fieldName } from './describeZodIssue.ts';
import { type Concept, Glossary } from './glossary.ts';
import { knownTerms } from './knownTerms.ts';
import { readYamlSource, type YamlPath, type YamlSource } from './yamlSource.ts';

export const GLOSSARY_FILE = 'glossary.yaml';

export interface Topic {
  id: string;
  title: string;
  description: string | undefined;
  file: string;
}

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

interface Located<T> {
  value: T;
  source: YamlSource;
  path: YamlPath;
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
      const topic = readTopicFile(read.source, issues, questions);
      if (topic) topics.push(topic);
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
      checkReferences(question, 'concepts', question.value.concepts, conceptIds, issues);
  }
  for (const concept of concepts)
    checkReferences(concept, 'related', concept.value.related, conceptIds, issues);

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

function readTopicFile(
  source: YamlSource,
  issues: BankIssue[],
  questions: Located<Question>[],
): Located<Topic> | undefined {
  const parsed = topicFileSchema.safeParse(source.data);
  if (!parsed.success) {
    if (!isMapping(source.data)) {
      issues.push(
        issueAt(
          source,
          [],
          null,
          null,
          `must be a mapping with topic, title and questions, not ${kindOf(source.data)}`,
        ),
      );
      return undefined;
    }
    reportZod(source, [], null, parsed.error, source.data, () => Object.keys(topicFileSchema.shape), issues);
  }
  const data = source.data as Record<string, unknown>;
  const topicId =
    typeof data.topic === 'string' ? data.topic : path.basename(source.file).replace(/\.ya?ml$/i, '');
  const expected = path.basename(source.file).replace(/\.ya?ml$/i, '');
  if (parsed.success && topicId !== expected) {
    issues.push(
      issueAt(
        source,
        ['topic'],
        null,
        'topic',
        `is "${topicId}" but the file is ${expected}.yaml: make them the same`,
      ),
    );
  }
  const rawQuestions = Array.isArray(data.questions) ? data.questions : [];
  rawQuestions.forEach((raw, index) => {
    const question = readQuestion(source, raw, index, topicId, issues);
    if (question) questions.push(question);
  });
  if (!parsed.success) return undefined;
  const topic = {
    id: parsed.data.topic,
    title: parsed.data.title,
    description: parsed.data.description,
    file: source.file,
  };
  return { value: topic, source, path: ['topic'] };
}

function readQuestion(
  source: YamlSource,
  raw: unknown,
  index: number,
  topic: string,
  issues: BankIssue[],
): Located<Question> | undefined {
  const base: YamlPath = ['questions', index];
  const questionId = isMapping(raw) && typeof raw.id === 'string' ? raw.id : null;
  if (!isMapping(raw)) {
    issues.push(
      issueAt(
        source,
        base,
        null,
        null,
        `question ${index + 1} must be a mapping of fields, not ${kindOf(raw)}`,
      ),
    );
    return undefined;
  }
  const parsed = questionSchema.safeParse(raw);
  if (!parsed.success) {
    reportZod(source, base, questionId, parsed.error, raw, () => questionFields(raw.type), issues);
    return undefined;
  }
  const question = toQuestion(parsed.data, topic);
  const before = issues.length;
  if (question.type === 'multiple-choice') {
    if (!question.choices.includes(question.answer)) {
      issues.push(
        issueAt(
          source,
          [...base, 'answer'],
          question.id,
          'answer',
          `"${question.answer}" is not among the choices: copy one of them exactly (${question.choices.map((c) => JSON.stringify(c)).join(', ')})`,
        ),
      );
    }
    question.choices.forEach((choice, choiceIndex) => {
      if (question.choices.indexOf(choice) !== choiceIndex) {
        issues.push(
          issueAt(
            source,
            [...base, 'choices', choiceIndex],
            question.id,
            `choices[${choiceIndex}]`,
            `repeats "${choice}": choices must differ`,
          ),
        );
      }
    });
  }
  if (question.type === 'short-answer') {
    const accepted = new Map(question.answers.map((answer) => [answerKey(answer), answer]));
    question.reject?.forEach((rejected, rejectIndex) => {
      const same = accepted.get(answerKey(rejected));
      if (same === undefined) return;
      issues.push(
        issueAt(
          source,
          [...base, 'reject', rejectIndex],
          question.id,
          `reject[${rejectIndex}]`,
          `"${rejected}" is also an accepted answer ("${same}" in answers): an answer cannot be both; remove it from one list (they are compared ignoring case, accents, punctuation, spaces and a/an/the)`,
        ),
      );
    });
  }
  if (issues.length > before) return undefined;
  return { value: question, source, path: base };
}

function toQuestion(input: QuestionInput, topic: string): Question {
  return { ...input, topic, tags: input.tags ?? [] };
}

function questionFields(type: unknown): string[] {
  const option = questionSchema.options.find((schema) => schema.shape.type.value === type);
  return Object.keys((option ?? questionSchema.options[0]).shape);
}

function readGlossaryFile(source: YamlSource, issues: BankIssue[]): Located<Concept>[] {
  const parsed = glossaryFileSchema.safeParse(source.data);
  if (!parsed.success) {
    if (!isMapping(source.data)) {
      issues.push(
        issueAt(source, [], null, null, `must be a mapping with a concepts list, not ${kindOf(source.data)}`),
      );
      return [];
    }
    reportZod(
      source,
      [],
      null,
      parsed.error,
      source.data,
      () => Object.keys(glossaryFileSchema.shape),
      issues,
    );
  }
  const raw = isMapping(source.data) && Array.isArray(source.data.concepts) ? source.data.concepts : [];
  const concepts: Located<Concept>[] = [];
  raw.forEach((entry, index) => {
    const base: YamlPath = ['concepts', index];
    const result = conceptSchema.safeParse(entry);
    if (!result.success) {
      reportZod(
        source,
        base,
        null,
        result.error,
        entry,
        () => Object.keys(conceptSchema.shape),
        issues,
        true,
      );
      return;
    }
    concepts.push({ value: toConcept(result.data), source, path: base });
  });
  return concepts;
}

function toConcept(input: ConceptInput): Concept {
  return {
    ...input,
    aliases: input.aliases ?? [],
    related: input.related ?? [],
    sources: input.sources ?? [],
  };
}

function reportZod(
  source: YamlSource,
  base: YamlPath,
  id: string | null,
  error: z.ZodError,
  input: unknown,
  knownKeys: () => readonly string[],
  issues: BankIssue[],
  fieldFromFileRoot = false,
): void {
  for (const described of describeZodIssues(error, input, knownKeys)) {
    const fullPath = [...base, ...described.path];
    const position = described.unknownKey
      ? source.locateKey(fullPath, described.unknownKey)
      : source.locate(fullPath);
    const field = fieldFromFileRoot
      ? fieldName([
          ...base,
          ...(described.unknownKey ? [...described.path, described.unknownKey] : described.path),
        ])
      : described.field;
    issues.push({
      file: source.file,
      ...position,
      questionId: id,
      field: field || null,
      message: described.message,
    });
  }
}

function checkUnique<T>(
  items: readonly Located<T>[],
  keyOf: (value: T) => string,
  field: string,
  label: string,
  issues: BankIssue[],
): void {
  const first = new Map<string, Located<T>>();
  for (const item of items) {
    const key = keyOf(item.value);
    const earlier = first.get(key);
    if (!earlier) {
      first.set(key, item);
      continue;
    }
    const at = earlier.source.locate([...earlier.path, ...(field === 'topic' ? [] : [field])]);
    issues.push(
      issueAt(
        item.source,
        [...item.path, ...(field === 'topic' ? [] : [field])],
        label === 'question id' ? key : null,
        field,
        `${label} "${key}" is already used at ${earlier.source.file}:${at.line}:${at.column}: ids must be unique across the bank`,
      ),
    );
  }
}

function checkReferences(
  item: Located<{ id: string }>,
  field: string,
  references: readonly string[],
  known: ReadonlySet<string>,
  issues: BankIssue[],
): void {
  references.forEach((reference, index) => {
    if (known.has(reference)) return;
    const guess = closeEnough(reference, known);
    issues.push(
      issueAt(
        item.source,
        [...item.path, field, index],
        field === 'concepts' ? item.value.id : null,
        `${field}[${index}]`,
        `names concept "${reference}", which is not in ${GLOSSARY_FILE}: ${guess ? `did you mean "${guess}"? ` : ''}fix the id or add the concept there`,
      ),
    );
  });
}

/** A suggestion only when it is plausibly a typo of the reference. */
function closeEnough(reference: string, known: ReadonlySet<string>): string | undefined {
  if (known.size === 0) return undefined;
  const guess = closest(reference, [...known]);
  return distance(reference, guess) <= Math.max(2, Math.floor(reference.length / 4)) ? guess : undefined;
}

function issueAt(
  source: YamlSource,
  at: YamlPath,
  questionId: string | null,
  field: string | null,
  message: string,
): BankIssue {
  return { file: source.file, ...source.locate(at), questionId, field, message };
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function kindOf(value: unknown): string {
  if (value === null || value === undefined) return 'an empty document';
  if (Array.isArray(value)) return 'a list';
  return `a ${typeof value}`;
}
