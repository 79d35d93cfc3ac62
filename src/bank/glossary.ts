import { distance } from 'fastest-levenshtein';
import { wordsOf } from '../core/answerMatching.ts';

export interface Concept {
  id: string;
  title: string;
  aliases: readonly string[];
  summary: string;
  explanation: string;
  related: readonly string[];
  sources: readonly string[];
}

export interface ConceptMatch {
  concept: Concept;
  /** Lower is better. */
  score: number;
}

/** Case-, accent-, space- and hyphen-insensitive form used for every lookup. */
export function conceptKey(text: string): string {
  return wordsOf(text).join('');
}

interface IndexedName {
  key: string;
  concept: Concept;
  /** Aliases rank after ids and titles that match as well: "security" should find Security dilemma first. */
  alias: boolean;
}

/** The glossary, indexed once so lookups and autocomplete stay fast with thousands of concepts. */
export class Glossary {
  readonly concepts: readonly Concept[];
  readonly #byId = new Map<string, Concept>();
  readonly #byKey = new Map<string, Concept>();
  readonly #names: IndexedName[] = [];

  constructor(concepts: readonly Concept[]) {
    this.concepts = [...concepts].sort((a, b) => a.title.localeCompare(b.title));
    for (const concept of this.concepts) {
      this.#byId.set(concept.id, concept);
      const names = [
        ...[concept.id, concept.title].map((name) => ({ name, alias: false })),
        ...concept.aliases.map((name) => ({ name, alias: true })),
      ];
      for (const { name, alias } of names) {
        const key = conceptKey(name);
        if (key === '') continue;
        if (!this.#byKey.has(key)) this.#byKey.set(key, concept);
        this.#names.push({ key, concept, alias });
      }
    }
  }

  get size(): number {
    return this.concepts.length;
  }

  get(id: string): Concept | undefined {
    return this.#byId.get(id);
  }

  /** Exact lookup by id, title or alias, ignoring case, accents, spaces and hyphens. */
  find(query: string): Concept | undefined {
    return this.#byId.get(query) ?? this.#byKey.get(conceptKey(query));
  }

  /**
   * Ranked matches for what someone is typing: exact names first, then names that start with
   * the query, then names containing it, then near misses (typos). One entry per concept.
   */
  search(query: string, limit = 25): Concept[] {
    const key = conceptKey(query);
    if (key === '') return this.concepts.slice(0, limit);
    const best = new Map<Concept, number>();
    for (const name of this.#names) {
      const match = matchScore(key, name.key);
      if (match === undefined) continue;
      const score = name.alias && match > 0 ? match + 0.5 : match;
      const previous = best.get(name.concept);
      if (previous === undefined || score < previous) best.set(name.concept, score);
    }
    return [...best.entries()]
      .sort((a, b) => a[1] - b[1] || a[0].title.localeCompare(b[0].title))
      .slice(0, limit)
      .map(([concept]) => concept);
  }

  /** The closest concepts to an unknown query, for "did you mean" replies. */
  suggest(query: string, limit = 3): Concept[] {
    const matches = this.search(query, limit);
    if (matches.length > 0) return matches;
    const key = conceptKey(query);
    const nearest = new Map<Concept, number>();
    for (const name of this.#names) {
      const d = distance(key, name.key) / Math.max(key.length, name.key.length, 1);
      const previous = nearest.get(name.concept);
      if (previous === undefined || d < previous) nearest.set(name.concept, d);
    }
    return [...nearest.entries()]
      .sort((a, b) => a[1] - b[1])
      .slice(0, limit)
      .map(([concept]) => concept);
  }
}

function matchScore(query: string, name: string): number | undefined {
  if (name === query) return 0;
  if (name.startsWith(query)) return 1 + (name.length - query.length) / 1000;
  const at = name.indexOf(query);
  if (at >= 0) return 2 + at / 1000;
  if (query.length >= 4) {
    // Typos: compare with the start of the name of about the query's length.
    const allowed = query.length <= 6 ? 1 : 2;
    const d = distance(query, name.slice(0, query.length));
    if (d <= allowed) return 3 + d;
  }
  return undefined;
}
