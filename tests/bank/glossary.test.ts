import { describe, expect, it } from 'vitest';
import { type Concept, Glossary } from '../../src/bank/glossary.ts';

function concept(id: string, title: string, aliases: string[] = []): Concept {
  return { id, title, aliases, summary: 's', explanation: 'e', related: [], sources: [] };
}

const glossary = new Glossary([
  concept('security-dilemma', 'Security dilemma', ['spiral model', "Herz's dilemma"]),
  concept('security-maximizers', 'Security maximizers'),
  concept('balance-of-power', 'Balance of power', ['BoP']),
  concept('offense-defense-balance', 'Offense–defense balance', ['offence-defence balance']),
  concept('anarchy', 'Anarchy'),
  concept('status-quo-states', 'Status quo and revisionist states', ['security seeker']),
]);

describe('finding a concept', () => {
  it('GIVEN an id, title or alias in any case, spacing or hyphenation THEN it is found', () => {
    for (const query of [
      'security-dilemma',
      'Security Dilemma',
      'SECURITY_DILEMMA',
      'spiral-model',
      'Spiral model',
      'herzs dilemma',
    ]) {
      expect(glossary.find(query)?.id, query).toBe('security-dilemma');
    }
    expect(glossary.find('offense defense balance')?.id).toBe('offense-defense-balance');
  });

  it('GIVEN an unknown query THEN nothing is found but close concepts are suggested', () => {
    expect(glossary.find('securty dilema')).toBeUndefined();
    expect(glossary.suggest('securty dilema')[0]?.id).toBe('security-dilemma');
    expect(glossary.suggest('zzzz')).toHaveLength(3);
  });
});

describe('autocomplete', () => {
  it('GIVEN a prefix THEN names starting with it rank above names containing it', () => {
    expect(glossary.search('bal').map((c) => c.id)).toEqual(['balance-of-power', 'offense-defense-balance']);
  });

  it('GIVEN a prefix shared by several THEN the shortest completion comes first, titles before aliases', () => {
    expect(glossary.search('security').map((c) => c.id)).toEqual([
      'security-dilemma',
      'security-maximizers',
      'status-quo-states',
    ]);
  });

  it('GIVEN an alias THEN its concept appears once', () => {
    expect(glossary.search('spiral').map((c) => c.id)).toEqual(['security-dilemma']);
  });

  it('GIVEN an empty query THEN concepts are listed alphabetically up to the limit', () => {
    expect(glossary.search('', 2).map((c) => c.id)).toEqual(['anarchy', 'balance-of-power']);
  });

  it('GIVEN more matches than the limit THEN at most the limit come back', () => {
    const many = new Glossary(Array.from({ length: 60 }, (_, i) => concept(`topic-${i}`, `Topic ${i}`)));
    expect(many.search('topic')).toHaveLength(25);
  });
});
