import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTopicUpload, type TopicUploadInput } from '../../src/bank/topicUpload.ts';

const IMPORTS = path.resolve(import.meta.dirname, '../fixtures/imports');
const SHIPPED_CONCEPTS = new Set(['anarchy', 'security-dilemma']);

function importFile(name: string, more: Partial<TopicUploadInput> = {}) {
  return readTopicUpload({
    fileName: name,
    text: readFileSync(path.join(IMPORTS, name), 'utf8'),
    knownConceptIds: SHIPPED_CONCEPTS,
    reservedQuestionIds: new Set(),
    reservedConceptIds: SHIPPED_CONCEPTS,
    ...more,
  });
}

function valid(result: ReturnType<typeof importFile>) {
  if (!result.ok) throw new Error(JSON.stringify(result.issues, null, 2));
  return result;
}

function issuesOf(result: ReturnType<typeof importFile>) {
  if (result.ok) throw new Error('expected issues');
  return result.issues.map((issue) => `${issue.file}:${issue.line} ${issue.message}`);
}

describe('importing term–definition cards', () => {
  it('GIVEN a Quizlet tab-separated export THEN each card gives a concept, a “which term” and a typed question', () => {
    const result = valid(importFile('Chem 101.tsv'));
    expect(result.format).toBe('tsv');
    expect(result.content.topic).toMatchObject({ id: 'chem-101', title: 'Chem 101', file: 'Chem 101.tsv' });
    expect(result.content.concepts.map((c) => c.id)).toEqual([
      'atom',
      'molecule',
      'ion',
      'isotope',
      'covalent-bond',
      'ionic-bond',
    ]);
    expect(result.content.questions).toHaveLength(12);
    const [mc, sa] = result.content.questions;
    expect(mc).toMatchObject({
      id: 'chem-101-atom-mc',
      type: 'multiple-choice',
      topic: 'chem-101',
      difficulty: 'medium',
      concepts: ['atom'],
      prompt: 'Which term matches this definition?\n\nThe smallest unit of a chemical element.',
      answer: 'Atom',
      explanation: 'Atom — The smallest unit of a chemical element.',
      source: 'Chem 101.tsv',
    });
    expect(mc?.type === 'multiple-choice' && mc.choices).toHaveLength(4);
    expect(mc?.type === 'multiple-choice' && mc.choices).toContain('Atom');
    expect(sa).toMatchObject({ id: 'chem-101-atom-sa', type: 'short-answer', answers: ['Atom'] });
    // The other cards' terms are wrong when typed.
    expect(sa?.type === 'short-answer' && sa.knownTerms).toEqual(expect.arrayContaining(['Molecule', 'Ion']));
    expect(result.notes).toEqual([
      '6 cards turned into 6 multiple-choice and 6 short-answer questions, difficulty medium',
    ]);
  });

  it('GIVEN the same file twice THEN the same questions with the same wrong choices', () => {
    expect(valid(importFile('Chem 101.tsv')).content).toEqual(valid(importFile('Chem 101.tsv')).content);
    expect(valid(importFile('Chem 101.tsv')).yaml).toBe(valid(importFile('Chem 101.tsv')).yaml);
  });

  it('GIVEN wrong choices THEN they are other cards’ terms, never the answer twice', () => {
    const terms = new Set(valid(importFile('Chem 101.tsv')).content.concepts.map((c) => c.title));
    for (const question of valid(importFile('Chem 101.tsv')).content.questions) {
      if (question.type !== 'multiple-choice') continue;
      expect(new Set(question.choices).size).toBe(4);
      for (const choice of question.choices) expect(terms.has(choice)).toBe(true);
    }
  });

  it('GIVEN a topic: option THEN it names the topic instead of the file', () => {
    const result = valid(importFile('Chem 101.tsv', { topicId: 'chemistry' }));
    expect(result.content.topic.id).toBe('chemistry');
    expect(result.content.questions[0]?.id).toBe('chemistry-atom-mc');
  });

  it('GIVEN an Anki export with headers THEN the separator, HTML and note columns are understood', () => {
    const result = valid(importFile('anki-realism.txt'));
    expect(result.format).toBe('tsv');
    expect(result.content.topic.id).toBe('anki-realism');
    const dilemma = result.content.concepts.find((c) => c.title === 'Security dilemma');
    expect(dilemma).toMatchObject({
      // The shipped glossary has security-dilemma: the import's own concept gets an id of its own.
      id: 'security-dilemma-2',
      summary: 'Steps one state takes to feel safer make others feel less safe.',
      explanation: 'Steps one state takes to feel safer make others feel less safe. Coined by Herz.',
    });
    expect(result.content.concepts.find((c) => c.title === 'Anarchy')?.explanation).toBe(
      'The absence of any authority above states & their agreements.',
    );
    expect(result.notes).toEqual([
      'HTML removed from the fields (#html:true)',
      '5 cards turned into 5 multiple-choice and 5 short-answer questions, difficulty medium',
      '2 terms already in the glossary got a concept id of their own',
    ]);
  });

  it('GIVEN a CSV with quoted fields and a column-name row THEN the quotes and line breaks are read', () => {
    const result = valid(importFile('biology.csv'));
    expect(result.format).toBe('csv');
    expect(result.content.concepts.map((c) => [c.title, c.explanation])).toContainEqual([
      'Photosynthesis',
      'Plants turn light, water and carbon dioxide into sugar.',
    ]);
    expect(result.content.concepts.find((c) => c.title === 'Osmosis')?.explanation).toBe(
      'Water moves through a membrane\n\ntowards the more concentrated side.',
    );
    expect(result.notes[0]).toBe('the first line (Term, Definition) was read as column names, not a card');
  });

  it('GIVEN the YAML an import becomes THEN it reads back as the same topic', () => {
    const first = valid(importFile('anki-realism.txt'));
    const again = valid(
      readTopicUpload({
        fileName: 'anki-realism.txt',
        text: first.yaml,
        format: 'yaml',
        knownConceptIds: SHIPPED_CONCEPTS,
        reservedQuestionIds: new Set(),
        reservedConceptIds: SHIPPED_CONCEPTS,
      }),
    );
    expect(again.content).toEqual(first.content);
  });
});

describe('broken card files', () => {
  it('GIVEN lines without a separator, an empty term or an empty definition THEN each is named by its line', () => {
    expect(issuesOf(importFile('broken-cards.tsv'))).toEqual([
      'broken-cards.tsv:3 has no tab between a term and its definition: write each card on one line as the term, a tab, then the definition',
      'broken-cards.tsv:4 has an empty term (before a tab): write the term, or remove the line',
      'broken-cards.tsv:5 has an empty definition for "Isotope" (after a tab): write its definition, or remove the line',
    ]);
  });

  it('GIVEN fewer than 4 cards THEN it says multiple choice needs 4', () => {
    expect(issuesOf(importFile('broken-too-few.csv'))).toEqual([
      'broken-too-few.csv:1 has 3 cards; at least 4 are needed, since each multiple-choice question shows its term beside 3 other terms: add cards',
    ]);
  });

  it('GIVEN more cards than a server may hold questions THEN it says to split the file', () => {
    const text = Array.from({ length: 1001 }, (_, i) => `term ${i}\tdefinition ${i}`).join('\n');
    const result = readTopicUpload({
      fileName: 'deck.tsv',
      text,
      knownConceptIds: new Set(),
      reservedQuestionIds: new Set(),
      reservedConceptIds: new Set(),
    });
    expect(issuesOf(result)).toEqual([
      'deck.tsv:1 has 1001 cards, which make 2002 questions; one topic may have at most 2,000 (a server holds at most that many in all): split it into several files',
    ]);
  });

  it('GIVEN a term twice THEN the repeat points at the first', () => {
    expect(issuesOf(importFile('broken-duplicate-term.tsv'))).toEqual([
      'broken-duplicate-term.tsv:4 repeats the term "atom" of line 1: each term once; merge the two cards',
    ]);
  });

  it('GIVEN an unclosed quote THEN the line and the quoting rule are given', () => {
    const result = readTopicUpload({
      fileName: 'deck.csv',
      text: 'a,one\nb,two\nc,"three\nd,four\n',
      knownConceptIds: new Set(),
      reservedQuestionIds: new Set(),
      reservedConceptIds: new Set(),
    });
    expect(issuesOf(result)).toEqual([
      expect.stringMatching(
        /^deck\.csv:3 cannot be read as comma-separated cards: a double quote opens a field here that is never closed; .*in double quotes/,
      ),
    ]);
  });

  it('GIVEN a long definition THEN it says how long it may be', () => {
    const text = ['a\tone', 'b\ttwo', 'c\tthree', `d\t${'x'.repeat(990)}`].join('\n');
    const result = readTopicUpload({
      fileName: 'deck.tsv',
      text,
      knownConceptIds: new Set(),
      reservedQuestionIds: new Set(),
      reservedConceptIds: new Set(),
    });
    expect(issuesOf(result)).toEqual([
      'deck.tsv:4 has a definition of 990 characters for "d"; at most 963 fit in a question: shorten it',
    ]);
  });

  it('GIVEN an Anki separator it does not write THEN the header line is named', () => {
    const result = readTopicUpload({
      fileName: 'deck.txt',
      text: '#html:false\n#separator:Hash\na\tb\n',
      knownConceptIds: new Set(),
      reservedQuestionIds: new Set(),
      reservedConceptIds: new Set(),
    });
    expect(issuesOf(result)).toEqual([
      expect.stringMatching(/^deck\.txt:2 #separator:Hash is not a separator/),
    ]);
  });
});
