import { createHash } from 'node:crypto';
import { seededRandom, shuffled } from '../core/random.ts';
import type { BankIssue } from './bankIssue.ts';
import { LIMITS, MAX_ID_LENGTH } from './bankSchema.ts';
import {
  type ImportResult,
  importedSource,
  importedTopicNames,
  MAX_TOPIC_QUESTIONS,
  tooManyQuestions,
} from './importedSource.ts';
import type { Card } from './readCards.ts';
import { slugId, uniqueSlug } from './slugId.ts';

/** The answer and three other terms. */
export const MIN_CARDS = 4;
const WRONG_CHOICES = 3;
const MC_PROMPT = 'Which term matches this definition?\n\n';
const SA_PROMPT = 'Type the term for this definition:\n\n';

export interface CardTopicInput {
  file: string;
  /** The whole file: the seed of the wrong choices, so the same file always gives the same questions. */
  text: string;
  cards: readonly Card[];
  topicId: string | undefined;
  reservedConceptIds: ReadonlySet<string>;
  notes: readonly string[];
}

/**
 * Each card becomes a glossary concept, a "which term" multiple-choice question whose wrong
 * choices are other cards' terms, and a short-answer question typed from the definition.
 */
export function cardQuestions(input: CardTopicInput): ImportResult {
  const { file, cards } = input;
  const issues: BankIssue[] = [];
  const issue = (line: number, message: string) =>
    issues.push({ file, line, column: 1, questionId: null, field: null, message });
  const names = importedTopicNames(file, input.topicId);
  if (!names.ok) return { ok: false, issues: [names.issue] };
  if (cards.length < MIN_CARDS) {
    issue(
      1,
      `has ${cards.length} card${cards.length === 1 ? '' : 's'}; at least ${MIN_CARDS} are needed, since each multiple-choice question shows its term beside ${WRONG_CHOICES} other terms: add cards`,
    );
    return { ok: false, issues };
  }

  if (cards.length * 2 > MAX_TOPIC_QUESTIONS) {
    return {
      ok: false,
      issues: [
        tooManyQuestions(
          file,
          cards.length * 2,
          `${cards.length} cards, which make ${cards.length * 2} questions`,
        ),
      ],
    };
  }
  const firstLine = new Map<string, number>();
  const usedConcepts = new Set(input.reservedConceptIds);
  let renamed = 0;
  const conceptIds: string[] = [];
  for (const card of cards) {
    const key = slugId(card.term);
    const earlier = firstLine.get(key);
    if (earlier !== undefined) {
      issue(
        card.line,
        `repeats the term "${card.term}" of line ${earlier}: each term once; merge the two cards`,
      );
      continue;
    }
    firstLine.set(key, card.line);
    const longest = Math.max(MC_PROMPT.length, SA_PROMPT.length, card.term.length + 3);
    if (card.definition.length + longest > LIMITS.prompt) {
      issue(
        card.line,
        `has a definition of ${card.definition.length} characters for "${card.term}"; at most ${LIMITS.prompt - longest} fit in a question: shorten it`,
      );
    }
    if (card.term.length > LIMITS.shortAnswer) {
      issue(
        card.line,
        `has a term of ${card.term.length} characters; at most ${LIMITS.shortAnswer}: shorten it`,
      );
    }
    // A term the shipped glossary or another topic already defines gets an id of its own here.
    const id = uniqueSlug(card.term, usedConcepts, `term-${card.line}`);
    if (id !== key) renamed++;
    usedConcepts.add(id);
    conceptIds.push(id);
  }
  if (issues.length > 0) return { ok: false, issues };

  const random = seededRandom(createHash('sha256').update(input.text).digest().readUInt32LE(0));
  const terms = cards.map((card) => card.term);
  const glossary = cards.map((card, index) => ({
    id: conceptIds[index],
    title: card.term,
    summary: summaryOf(card.definition),
    explanation: card.definition,
  }));
  const questions = cards.flatMap((card, index) => {
    const concept = conceptIds[index] as string;
    const wrong = otherIndexes(index, cards.length, random).map((other) => terms[other] as string);
    const common = {
      difficulty: 'medium',
      concepts: [concept],
      explanation: `${card.term} — ${card.definition}`,
      source: file,
    };
    const prefix = `${names.id}-${slugId(card.term, MAX_ID_LENGTH - names.id.length - 4) || index + 1}`;
    return [
      {
        id: idWithin(`${prefix}-mc`),
        type: 'multiple-choice',
        ...common,
        prompt: `${MC_PROMPT}${card.definition}`,
        choices: shuffled([card.term, ...wrong], random),
        answer: card.term,
      },
      {
        id: idWithin(`${prefix}-sa`),
        type: 'short-answer',
        ...common,
        prompt: `${SA_PROMPT}${card.definition}`,
        answers: [card.term],
      },
    ];
  });
  const lineAt = (index: number) => ({ line: cards[index]?.line ?? 1, column: 1 });
  const source = importedSource(
    file,
    { topic: names.id, title: names.title, glossary, questions },
    (path) => {
      if (path[0] === 'questions' && typeof path[1] === 'number') return lineAt(Math.floor(path[1] / 2));
      if (path[0] === 'glossary' && typeof path[1] === 'number') return lineAt(path[1]);
      return undefined;
    },
  );
  const notes = [
    ...input.notes,
    `${cards.length} cards turned into ${cards.length} multiple-choice and ${cards.length} short-answer questions, difficulty medium`,
  ];
  if (renamed > 0)
    notes.push(
      `${renamed} term${renamed === 1 ? '' : 's'} already in the glossary got a concept id of their own`,
    );
  return { ok: true, topic: { source, notes } };
}

/** Three other cards, drawn without repeats; terms are unique, so their choices are distinct. */
function otherIndexes(index: number, count: number, random: () => number): number[] {
  const picked = new Set<number>();
  while (picked.size < WRONG_CHOICES) {
    const other = Math.floor(random() * count);
    if (other !== index) picked.add(other);
  }
  return [...picked];
}

/** The definition's first sentence, within the summary limit. */
function summaryOf(definition: string): string {
  const sentence = /^.+?[.!?](?=\s|$)/.exec(definition)?.[0] ?? definition;
  if (sentence.length <= LIMITS.summary) return sentence;
  return `${sentence.slice(0, LIMITS.summary - 1).trimEnd()}…`;
}

function idWithin(id: string): string {
  return id.length <= MAX_ID_LENGTH ? id : id.slice(0, MAX_ID_LENGTH).replace(/-+$/, '');
}
