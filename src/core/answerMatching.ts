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
  return wordsOf(text)
    .filter((word) => !ARTICLES.has(word))
    .join(' ');
}

/**
 * Typos allowed for an accepted answer of this (normalised) length. Short answers get none:
 * there one edit usually makes another word ("ally" and "alloy").
 */
export function typoTolerance(length: number): number {
  if (length <= 4) return 0;
  if (length <= 8) return 1;
  if (length <= 16) return 2;
  return 3;
}

/** Whole-answer comparison with length-scaled typo tolerance; never a substring match. */
export function matchesAcceptedAnswer(typed: string, accepted: readonly string[]): boolean {
  const guess = normalizeAnswer(typed);
  if (guess === '') return false;
  return accepted.some((candidate) => {
    const target = normalizeAnswer(candidate);
    if (target === '') return false;
    if (guess === target) return true;
    const allowed = typoTolerance(target.length);
    if (allowed === 0 || Math.abs(guess.length - target.length) > allowed) return false;
    return distance(guess, target) <= allowed;
  });
}
