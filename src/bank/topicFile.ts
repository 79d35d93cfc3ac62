import path from 'node:path';
import { z } from 'zod';
import { answerKey } from '../core/answerMatching.ts';
import type { Question } from '../core/question.ts';
import type { BankIssue } from './bankIssue.ts';
import {
  type ConceptInput,
  conceptSchema,
  glossaryFileSchema,
  type QuestionInput,
  questionSchema,
  topicFileSchema,
} from './bankSchema.ts';
import type { Concept } from './glossary.ts';
import { uniqueSlug } from './slugId.ts';
import { isMapping, issueAt, kindOf, type Located, reportZod } from './sourceIssues.ts';
import type { YamlPath, YamlSource } from './yamlSource.ts';

export interface Topic {
  id: string;
  title: string;
  description: string | undefined;
  file: string;
}

/** How an uploaded topic differs from a shipped one: what a study group rarely has is optional. */
export interface UploadRules {
  /** Written into `source` when a question has none. */
  defaultSource: string;
  /** Ids a generated question id must avoid besides the file's own. */
  reservedQuestionIds: ReadonlySet<string>;
}

export interface TopicFileRead {
  topic: Located<Topic> | undefined;
  questions: Located<Question>[];
  /** The upload's own `glossary:` list; always empty for a shipped topic file. */
  concepts: Located<Concept>[];
  /** What was filled in for an upload, for its preview. */
  notes: string[];
}

const uploadTopicSchema = topicFileSchema.extend({
  glossary: z.array(z.unknown()).optional().describe("The topic's own concepts for /explain"),
});

/** Validates one topic file on its own; checks across files (unique ids, references) are the caller's. */
export function readTopicFile(source: YamlSource, issues: BankIssue[], upload?: UploadRules): TopicFileRead {
  const read: TopicFileRead = { topic: undefined, questions: [], concepts: [], notes: [] };
  const schema = upload ? uploadTopicSchema : topicFileSchema;
  const parsed = schema.safeParse(source.data);
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
      return read;
    }
    reportZod(source, [], null, parsed.error, source.data, () => Object.keys(schema.shape), issues);
  }
  const data = source.data as Record<string, unknown>;
  const topicId =
    typeof data.topic === 'string' ? data.topic : path.basename(source.file).replace(/\.ya?ml$/i, '');
  const expected = path.basename(source.file).replace(/\.ya?ml$/i, '');
  // An upload's file name is whatever the member's computer called it.
  if (!upload && parsed.success && topicId !== expected) {
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
  const prepared = upload ? fillUploadDefaults(rawQuestions, upload, read.notes) : rawQuestions;
  prepared.forEach((raw, index) => {
    const question = readQuestion(source, raw, index, topicId, issues);
    if (question) read.questions.push(question);
  });
  if (upload && Array.isArray(data.glossary)) {
    read.concepts = readConcepts(source, data.glossary, ['glossary'], issues);
  }
  if (!parsed.success) return read;
  read.topic = {
    value: {
      id: parsed.data.topic,
      title: parsed.data.title,
      description: parsed.data.description,
      file: source.file,
    },
    source,
    path: ['topic'],
  };
  return read;
}

/** Generates missing ids from the prompt and defaults difficulty and source, saying how many. */
function fillUploadDefaults(raw: readonly unknown[], rules: UploadRules, notes: string[]): unknown[] {
  const used = new Set(rules.reservedQuestionIds);
  for (const entry of raw) if (isMapping(entry) && typeof entry.id === 'string') used.add(entry.id);
  let generated = 0;
  let difficulty = 0;
  let source = 0;
  const filled = raw.map((entry, index) => {
    if (!isMapping(entry)) return entry;
    const copy = { ...entry };
    if (copy.id === undefined) {
      const seed = typeof copy.prompt === 'string' ? copy.prompt : '';
      copy.id = uniqueSlug(seed, used, `question-${index + 1}`);
      used.add(copy.id as string);
      generated++;
    }
    if (copy.difficulty === undefined) {
      copy.difficulty = 'medium';
      difficulty++;
    }
    if (copy.source === undefined) {
      copy.source = rules.defaultSource;
      source++;
    }
    return copy;
  });
  if (generated > 0) notes.push(`ids generated from the prompt for ${count(generated)}`);
  if (difficulty > 0) notes.push(`difficulty defaulted to medium for ${count(difficulty)}`);
  if (source > 0) notes.push(`source set to "${rules.defaultSource}" for ${count(source)}`);
  return filled;
}

function count(questions: number): string {
  return `${questions} question${questions === 1 ? '' : 's'}`;
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

/** The shipped glossary file: a mapping with a `concepts` list. */
export function readGlossaryFile(source: YamlSource, issues: BankIssue[]): Located<Concept>[] {
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
  return readConcepts(source, raw, ['concepts'], issues);
}

function readConcepts(
  source: YamlSource,
  raw: readonly unknown[],
  at: YamlPath,
  issues: BankIssue[],
): Located<Concept>[] {
  const concepts: Located<Concept>[] = [];
  raw.forEach((entry, index) => {
    const base: YamlPath = [...at, index];
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
