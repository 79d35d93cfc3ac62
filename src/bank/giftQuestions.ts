import { type GIFTQuestion, parse, type TextFormat } from 'gift-pegjs';
import type { BankIssue } from './bankIssue.ts';
import {
  type ImportResult,
  importedSource,
  importedTopicNames,
  MAX_TOPIC_QUESTIONS,
  tooManyQuestions,
} from './importedSource.ts';
import { uniqueSlug } from './slugId.ts';
import { stripHtml } from './stripHtml.ts';

export interface GiftTopicInput {
  file: string;
  text: string;
  topicId: string | undefined;
  /** Tags that name one of these become the question's concepts. */
  knownConceptIds: ReadonlySet<string>;
  reservedConceptIds: ReadonlySet<string>;
}

const SUPPORTED =
  'studyquiz plays multiple choice ({=right ~wrong}), true/false ({T} or {F}) and short answer ({=answer =other answer})';

const UNSUPPORTED: Record<string, string> = {
  Matching: 'a matching question',
  Numerical: 'a numerical question',
  Essay: 'an essay question',
};

/**
 * Reads a GIFT file (Moodle's quiz format) with gift-pegjs: multiple choice, true/false and short
 * answer, feedback as the explanation. GIFT has no concepts: a question's tags that name a known
 * concept are used, and otherwise a concept named after the topic is made for it.
 */
export function giftQuestions(input: GiftTopicInput): ImportResult {
  const { file, text } = input;
  const issues: BankIssue[] = [];
  const issue = (line: number, column: number, message: string) =>
    issues.push({ file, line, column, questionId: null, field: null, message });
  const names = importedTopicNames(file, input.topicId);
  if (!names.ok) return { ok: false, issues: [names.issue] };

  const read = parseGift(text);
  if (!read.ok) {
    const at = read.error.location?.start ?? { line: 1, column: 1 };
    issue(
      at.line,
      at.column,
      `GIFT syntax error: ${read.error.message} Check the braces around the answers and escape a literal ~ = # { } or : with a backslash`,
    );
    return { ok: false, issues };
  }
  const parsed = read.questions;
  const lines = read.lines;
  const playable = parsed.filter(
    (question) => question.type !== 'Category' && question.type !== 'Description',
  );
  if (playable.length > MAX_TOPIC_QUESTIONS)
    return { ok: false, issues: [tooManyQuestions(file, playable.length)] };

  const questions: Record<string, unknown>[] = [];
  const questionLine: number[] = [];
  const notes: string[] = [];
  let fallbackExplanations = 0;
  let skipped = 0;
  const topicConcept = uniqueSlug(names.id, input.reservedConceptIds, 'topic');
  let usesTopicConcept = false;
  parsed.forEach((question, index) => {
    const line = lines[index] ?? 1;
    if (question.type === 'Category' || question.type === 'Description') {
      skipped++;
      return;
    }
    const label = question.title ? `"${question.title}"` : `question ${index + 1}`;
    const unsupported = UNSUPPORTED[question.type];
    if (unsupported) {
      issue(
        line,
        1,
        `${label} is ${unsupported}, which studyquiz cannot play: ${SUPPORTED}; rewrite it as one of those or remove it`,
      );
      return;
    }
    if (question.hasEmbeddedAnswers) {
      issue(
        line,
        1,
        `${label} has its answers inside the sentence (missing word), which studyquiz cannot show: put the answers after the question text`,
      );
      return;
    }
    const tags = (question.tags ?? []).filter((tag) => input.knownConceptIds.has(tag));
    if (tags.length === 0) usesTopicConcept = true;
    const common = {
      concepts: tags.length > 0 ? tags : [topicConcept],
      prompt: plain(question.stem),
    };
    const explained = (...feedback: (TextFormat | null | undefined)[]) =>
      feedback.map((f) => (f ? plain(f) : '')).find((f) => f !== '');
    if (question.type === 'TF') {
      const explanation = explained(
        question.globalFeedback,
        question.isTrue ? question.trueFeedback : question.falseFeedback,
        question.isTrue ? question.falseFeedback : question.trueFeedback,
      );
      if (!explanation) fallbackExplanations++;
      questions.push({
        ...common,
        type: 'true-false',
        answer: question.isTrue,
        explanation: explanation ?? `The statement is ${question.isTrue ? 'true' : 'false'}.`,
      });
    } else if (question.type === 'MC') {
      if (question.choices.some((choice) => choice.weight !== null)) {
        issue(
          line,
          1,
          `${label} gives choices partial credit (~%50%…), which studyquiz cannot score: mark the one right choice with = and the others with ~`,
        );
        return;
      }
      const right = question.choices.filter((choice) => choice.isCorrect);
      if (right.length !== 1) {
        issue(
          line,
          1,
          `${label} has ${right.length} right choices (=): a multiple-choice question needs exactly one; mark the others with ~, or make it short answer with only = answers`,
        );
        return;
      }
      const answer = plain((right[0] as (typeof right)[number]).text);
      const explanation = explained(question.globalFeedback, right[0]?.feedback);
      if (!explanation) fallbackExplanations++;
      questions.push({
        ...common,
        type: 'multiple-choice',
        choices: question.choices.map((choice) => plain(choice.text)),
        answer,
        explanation: explanation ?? `The answer is ${answer}.`,
      });
    } else if (question.type === 'Short') {
      const answers = question.choices
        .filter((choice) => choice.isCorrect)
        .map((choice) => plain(choice.text));
      const explanation = explained(
        question.globalFeedback,
        ...question.choices.map((choice) => choice.feedback),
      );
      if (!explanation) fallbackExplanations++;
      questions.push({
        ...common,
        type: 'short-answer',
        answers,
        explanation: explanation ?? `The answer is ${answers[0] ?? ''}.`,
      });
    }
    questionLine.push(line);
  });
  if (issues.length > 0) return { ok: false, issues };
  if (questions.length === 0) {
    issue(1, 1, `has no questions: ${SUPPORTED}; separate questions with a blank line`);
    return { ok: false, issues };
  }
  const glossary = usesTopicConcept
    ? [
        {
          id: topicConcept,
          title: names.title,
          summary: `The questions of ${names.title}.`,
          explanation: `The questions of ${names.title}, imported from ${file}.`,
        },
      ]
    : [];
  if (usesTopicConcept)
    notes.push(`questions without a tag naming a known concept are filed under the concept ${topicConcept}`);
  if (fallbackExplanations > 0)
    notes.push(
      `explanation written from the answer for ${fallbackExplanations} question${fallbackExplanations === 1 ? '' : 's'} without feedback`,
    );
  if (skipped > 0) notes.push(`${skipped} category or description line${skipped === 1 ? '' : 's'} skipped`);
  const source = importedSource(
    file,
    { topic: names.id, title: names.title, glossary, questions },
    (path) => {
      if (path[0] === 'questions' && typeof path[1] === 'number')
        return { line: questionLine[path[1]] ?? 1, column: 1 };
      return undefined;
    },
  );
  return { ok: true, topic: { source, notes } };
}

function plain(text: TextFormat): string {
  return text.format === 'html' ? stripHtml(text.text) : text.text.trim();
}

type GiftRead =
  | { ok: true; questions: GIFTQuestion[]; lines: number[] }
  | { ok: false; error: Error & { location?: { start: { line: number; column: number } } } };

/**
 * Parses with gift-pegjs, which gives no positions: each block of non-blank lines (GIFT separates
 * questions by a blank line) is parsed on its own to know where its questions start. When a block
 * only parses with its neighbours (a blank line inside braces) or has an error, the whole file is
 * parsed, for the error's true position.
 */
function parseGift(text: string): GiftRead {
  const lines = text.split(/\r?\n/);
  const questions: GIFTQuestion[] = [];
  const starts: number[] = [];
  let blockStart = -1;
  let whole = false;
  const flush = (end: number) => {
    if (blockStart < 0 || whole) return;
    try {
      const found = parse(lines.slice(blockStart, end).join('\n'));
      questions.push(...found);
      for (let i = 0; i < found.length; i++) starts.push(blockStart + 1);
    } catch {
      whole = true;
    }
    blockStart = -1;
  };
  lines.forEach((line, index) => {
    if (line.trim() === '') flush(index);
    else if (blockStart < 0) blockStart = index;
  });
  flush(lines.length);
  if (!whole) return { ok: true, questions, lines: starts };
  try {
    return { ok: true, questions: parse(text), lines: [] };
  } catch (error) {
    return { ok: false, error: error as Error };
  }
}
