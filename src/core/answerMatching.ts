import { distance } from 'fastest-levenshtein';

const ARTICLES = new Set(['a', 'an', 'the']);

/** The words of a text in lower case, without accents or punctuation. */
export function wordsOf(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== '');
}

/** Lower case, no accents, punctuation as spaces, no articles, single spaces. */
export function normalizeAnswer(text: string): string {
  return answerWords(text).join(' ');
}

/**
 * What tells two answers apart: the normalised words run together, so "self help", "self-help"
 * and "selfhelp" are one answer. Equality of answers and reject entries is judged on this.
 */
export function answerKey(text: string): string {
  return answerWords(text).join('');
}

function answerWords(text: string): string[] {
  return wordsOf(text).filter((word) => !ARTICLES.has(word));
}

/**
 * Typos allowed in one word of this length. Short words get none: there one edit usually makes
 * another word ("ally" and "alloy", "Walt" and "Waltz").
 */
export function typoTolerance(length: number): number {
  if (length <= 4) return 0;
  if (length <= 8) return 1;
  if (length <= 16) return 2;
  return 3;
}

/** What a typed answer is judged against: a short-answer question, or just its fields. */
export interface AnswerKeySheet {
  /** Accepted answers, verbatim from the bank. */
  readonly answers: readonly string[];
  /** Known wrong answers the author listed for this question. */
  readonly reject?: readonly string[] | undefined;
  /** Every term the bank knows; those that are not accepted answers here are wrong here. */
  readonly knownTerms?: readonly string[] | undefined;
}

interface PreparedAnswer {
  text: string;
  words: readonly string[];
  key: string;
}

interface PreparedTerms {
  keys: readonly string[];
  /** Terms of one word: typing one of them is naming that term, never a typo of another word. */
  words: ReadonlySet<string>;
}

interface PreparedSheet {
  accepted: readonly PreparedAnswer[];
  acceptedKeys: ReadonlySet<string>;
  /** The question's own terms and the bank's; those among them that are accepted here are skipped. */
  terms: readonly PreparedTerms[];
}

// Normalised once: a bank's term list is shared by its questions, and each question is prepared
// on its first typed answer rather than on every one.
const preparedTerms = new WeakMap<readonly string[], PreparedTerms>();
const preparedSheets = new WeakMap<AnswerKeySheet, PreparedSheet>();

function prepareTerms(terms: readonly string[]): PreparedTerms {
  const split = terms.map(answerWords).filter((words) => words.length > 0);
  return {
    keys: [...new Set(split.map((words) => words.join('')))],
    words: new Set(split.filter((words) => words.length === 1).map((words) => words[0] as string)),
  };
}

function prepareSharedTerms(terms: readonly string[]): PreparedTerms {
  let prepared = preparedTerms.get(terms);
  if (!prepared) {
    prepared = prepareTerms(terms);
    preparedTerms.set(terms, prepared);
  }
  return prepared;
}

function prepareSheet(sheet: AnswerKeySheet): PreparedSheet {
  const cached = preparedSheets.get(sheet);
  if (cached) return cached;
  const accepted = sheet.answers
    .map((text) => ({ text, words: answerWords(text), key: answerKey(text) }))
    .filter((answer) => answer.key !== '');
  const prepared = {
    accepted,
    acceptedKeys: new Set(accepted.map((answer) => answer.key)),
    terms: [
      prepareTerms([...sheet.answers, ...(sheet.reject ?? [])]),
      prepareSharedTerms(sheet.knownTerms ?? []),
    ],
  };
  preparedSheets.set(sheet, prepared);
  return prepared;
}

/**
 * The accepted answer (verbatim) that a typed answer counts as, or undefined when it is wrong.
 *
 * Answers are compared word by word: same number of words, each word equal or within the typo
 * tolerance of its length; a word that is itself a one-word term the bank knows ("Walt") is that
 * term, never a typo of another word. Spaces and hyphens inside a compound do not count
 * ("selfhelp" is "self-help"). Then, however close it is, an answer at least as close to a known
 * wrong term (the bank's terms not accepted here, and the question's reject list) as to every
 * accepted answer is wrong.
 */
export function matchTypedAnswer(typed: string, sheet: AnswerKeySheet): string | undefined {
  const words = answerWords(typed);
  if (words.length === 0) return undefined;
  const key = words.join('');
  const { accepted, acceptedKeys, terms } = prepareSheet(sheet);
  const isKnownWord = (word: string) => terms.some((known) => known.words.has(word));
  let best: { answer: PreparedAnswer; distance: number } | undefined;
  let nearest = Number.POSITIVE_INFINITY;
  for (const answer of accepted) {
    const apart = key === answer.key ? 0 : distance(key, answer.key);
    nearest = Math.min(nearest, apart);
    if ((best === undefined || apart < best.distance) && sameAnswer(words, key, answer, isKnownWord)) {
      best = { answer, distance: apart };
    }
  }
  if (best === undefined) return undefined;
  for (const known of terms) {
    for (const termKey of known.keys) {
      if (Math.abs(termKey.length - key.length) > nearest || acceptedKeys.has(termKey)) continue;
      if (distance(key, termKey) <= nearest) return undefined;
    }
  }
  return best.answer.text;
}

/** Whether the typed answer is the accepted answer or a typo of it, word by word. */
function sameAnswer(
  words: readonly string[],
  key: string,
  answer: PreparedAnswer,
  isKnownWord: (word: string) => boolean,
): boolean {
  if (key === answer.key) return true;
  if (words.length !== answer.words.length) return false;
  return words.every((word, index) => {
    const target = answer.words[index] as string;
    if (word === target) return true;
    if (isKnownWord(word)) return false;
    const allowed = typoTolerance(target.length);
    if (allowed === 0 || Math.abs(word.length - target.length) > allowed) return false;
    return distance(word, target) <= allowed;
  });
}
