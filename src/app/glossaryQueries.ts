import type { Concept, Glossary } from '../bank/glossary.ts';
import type { Bank } from '../bank/loadBank.ts';

export type ExplainResult = { found: true; concept: Concept } | { found: false; suggestions: Concept[] };

/** `/explain`: a concept by id, title or alias, or the closest ones when none matches. */
export class GlossaryQueries {
  readonly #bank: () => Bank;

  constructor(bank: () => Bank) {
    this.#bank = bank;
  }

  get glossary(): Glossary {
    return this.#bank().glossary;
  }

  explain(query: string): ExplainResult {
    const concept = this.glossary.find(query);
    return concept ? { found: true, concept } : { found: false, suggestions: this.glossary.suggest(query) };
  }

  byId(id: string): Concept | undefined {
    return this.glossary.get(id);
  }

  search(typed: string, limit = 25): Concept[] {
    return this.glossary.search(typed, limit);
  }

  /** Titles of a question's concepts, for its reveal. */
  titles(conceptIds: readonly string[]): Map<string, string> {
    return new Map(conceptIds.map((id) => [id, this.glossary.get(id)?.title ?? id]));
  }
}
