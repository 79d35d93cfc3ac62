import type { Question } from '../core/question.ts';
import { type BankIssue, compareIssues } from './bankIssue.ts';
import { cardQuestions } from './cardQuestions.ts';
import { type BankFormat, detectBankFormat } from './detectBankFormat.ts';
import { giftQuestions } from './giftQuestions.ts';
import { type ImportResult, MAX_TOPIC_QUESTIONS, tooManyQuestions } from './importedSource.ts';
import { knownTerms } from './knownTerms.ts';
import { readCards } from './readCards.ts';
import { checkReferences, checkUnique, isMapping } from './sourceIssues.ts';
import { readTopicFile } from './topicFile.ts';
import { type TopicContent, topicYaml } from './topicYaml.ts';
import { parseYamlText, type YamlSource } from './yamlSource.ts';

export type { BankFormat } from './detectBankFormat.ts';
export type { TopicContent } from './topicYaml.ts';

export interface TopicUploadInput {
  /** e.g. "Chem 101.txt": the file of every issue, and the default topic id of an import. */
  fileName: string;
  text: string;
  /** As the member told it; else detected from the content (the extension is only a hint). */
  format?: BankFormat;
  /** For imports only: a YAML topic keeps its own `topic`. */
  topicId?: string;
  /** Concepts the topic may name besides its own (the shipped glossary). */
  knownConceptIds: ReadonlySet<string>;
  /** Ids already used by the shipped bank and the server's other topics. */
  reservedQuestionIds: ReadonlySet<string>;
  /** Concept ids the topic's own glossary may not reuse. */
  reservedConceptIds: ReadonlySet<string>;
}

export type TopicUploadResult =
  | { ok: true; format: BankFormat; content: TopicContent; yaml: string; notes: string[] }
  | { ok: false; format: BankFormat | undefined; issues: BankIssue[] };

const WHAT_IS_ACCEPTED =
  'upload a topic in the bank’s YAML format, a tab-separated or CSV export of term–definition cards (Quizlet, Anki) or a GIFT file (Moodle)';

/** Reads, converts and validates one uploaded topic file. Pure: plain data in, plain data out. */
export function readTopicUpload(input: TopicUploadInput): TopicUploadResult {
  const text = input.text.replace(/^\uFEFF/, '');
  const file = input.fileName;
  if (text.trim() === '') {
    return { ok: false, format: input.format, issues: [fileIssue(file, `is empty: ${WHAT_IS_ACCEPTED}`)] };
  }
  if (text.includes('\u0000')) {
    return {
      ok: false,
      format: input.format,
      issues: [fileIssue(file, `is a binary file, not text: ${WHAT_IS_ACCEPTED}`)],
    };
  }
  const format = input.format ?? detectBankFormat(file, text);
  if (format === undefined) {
    return {
      ok: false,
      format,
      issues: [fileIssue(file, `is in none of the formats studyquiz reads: ${WHAT_IS_ACCEPTED}`)],
    };
  }
  if (format === 'yaml') {
    const parsed = parseYamlText(file, text);
    if (!parsed.ok) return { ok: false, format, issues: parsed.issues };
    const data = parsed.source.data;
    const count = isMapping(data) && Array.isArray(data.questions) ? data.questions.length : 0;
    if (count > MAX_TOPIC_QUESTIONS) return { ok: false, format, issues: [tooManyQuestions(file, count)] };
    const checked = checkTopic(parsed.source, input, []);
    return checked.ok ? { ...checked, format, yaml: text } : { ok: false, format, issues: checked.issues };
  }
  const imported = importTopic(format, file, text, input);
  if (!imported.ok) return { ok: false, format, issues: imported.issues.sort(compareIssues) };
  const checked = checkTopic(imported.topic.source, input, imported.topic.notes);
  return checked.ok
    ? { ...checked, format, yaml: topicYaml(checked.content) }
    : { ok: false, format, issues: checked.issues };
}

function importTopic(
  format: Exclude<BankFormat, 'yaml'>,
  file: string,
  text: string,
  input: TopicUploadInput,
): ImportResult {
  if (format === 'gift') {
    return giftQuestions({
      file,
      text,
      topicId: input.topicId,
      knownConceptIds: input.knownConceptIds,
      reservedConceptIds: input.reservedConceptIds,
    });
  }
  const cards = readCards(file, text, format);
  if (!cards.ok) return cards;
  return cardQuestions({
    file,
    text,
    cards: cards.read.cards,
    topicId: input.topicId,
    reservedConceptIds: input.reservedConceptIds,
    notes: cards.read.notes,
  });
}

type Checked = { ok: true; content: TopicContent; notes: string[] } | { ok: false; issues: BankIssue[] };

/** The checks `studyquiz validate` makes of a topic file, against the server's bank instead of a folder. */
function checkTopic(source: YamlSource, input: TopicUploadInput, notes: string[]): Checked {
  const issues: BankIssue[] = [];
  const read = readTopicFile(source, issues, {
    defaultSource: input.fileName,
    reservedQuestionIds: input.reservedQuestionIds,
  });
  const where = {
    ids: input.reservedQuestionIds,
    where: 'by another topic in this server or the shipped bank',
  };
  checkUnique(read.questions, (question) => question.id, 'id', 'question id', issues, where);
  checkUnique(read.concepts, (concept) => concept.id, 'id', 'concept id', issues, {
    ids: input.reservedConceptIds,
    where: 'in the shipped glossary or another topic of this server',
  });
  const known = new Set([...input.knownConceptIds, ...declaredConceptIds(source.data)]);
  const glossaryName = 'the shipped glossary or this file’s `glossary:` list';
  for (const question of read.questions)
    checkReferences(question, 'concepts', question.value.concepts, known, glossaryName, issues);
  for (const concept of read.concepts)
    checkReferences(concept, 'related', concept.value.related, known, glossaryName, issues);
  if (issues.length > 0 || !read.topic) return { ok: false, issues: issues.sort(compareIssues) };
  const concepts = read.concepts.map((concept) => concept.value);
  const questions = read.questions.map((question) => question.value);
  const terms = Object.freeze(knownTerms(questions, concepts));
  return {
    ok: true,
    content: {
      topic: read.topic.value,
      questions: questions.map(
        (question): Question =>
          question.type === 'short-answer' ? { ...question, knownTerms: terms } : question,
      ),
      concepts,
    },
    notes: [...notes, ...read.notes],
  };
}

/** The glossary's ids, valid entries or not, so one broken concept does not fail every question naming it. */
function declaredConceptIds(data: unknown): string[] {
  const glossary = isMapping(data) && Array.isArray(data.glossary) ? data.glossary : [];
  return glossary.flatMap((entry) => (isMapping(entry) && typeof entry.id === 'string' ? [entry.id] : []));
}

function fileIssue(file: string, message: string): BankIssue {
  return { file, line: 1, column: 1, questionId: null, field: null, message };
}
