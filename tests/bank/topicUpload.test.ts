import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBank } from '../../src/bank/loadBank.ts';
import { readTopicUpload, type TopicUploadInput } from '../../src/bank/topicUpload.ts';
import { topicYaml } from '../../src/bank/topicYaml.ts';

const BROKEN = path.resolve(import.meta.dirname, '../fixtures/broken');
const IMPORTS = path.resolve(import.meta.dirname, '../fixtures/imports');
const SHIPPED_CONCEPTS = new Set(['anarchy', 'security-dilemma', 'balance-of-power']);

function upload(text: string, more: Partial<TopicUploadInput> = {}) {
  return readTopicUpload({
    fileName: 'upload.yaml',
    text,
    knownConceptIds: SHIPPED_CONCEPTS,
    reservedQuestionIds: new Set(),
    reservedConceptIds: SHIPPED_CONCEPTS,
    ...more,
  });
}

const fixture = (name: string) => readFileSync(path.join(IMPORTS, name), 'utf8');

function issuesOf(result: ReturnType<typeof upload>) {
  if (result.ok) throw new Error(`expected issues, got a valid topic: ${result.notes.join('; ')}`);
  return result.issues;
}

describe('uploading a topic in the bank’s YAML format', () => {
  it('GIVEN a topic without ids, sources or difficulties THEN they are filled in and said so', () => {
    const result = upload(fixture('upload-topic.yaml'), { fileName: 'Chem 101.yaml' });
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    expect(result.format).toBe('yaml');
    expect(result.content.topic).toEqual({
      id: 'chem-101',
      title: 'Chemistry 101',
      description: 'Atoms, bonds and the periodic table.',
      file: 'Chem 101.yaml',
    });
    expect(result.content.questions.map((q) => q.id)).toEqual([
      'which-bond-shares-a-pair-of-electrons',
      'table-salt-is-held-together-by-ionic-bonds',
      'which-bond-shares-a-pair-of-electrons-2',
      'chem-open-1',
    ]);
    expect(result.content.questions.map((q) => q.difficulty)).toEqual(['medium', 'easy', 'medium', 'hard']);
    expect(result.content.questions.map((q) => q.source)).toEqual([
      'Chem 101.yaml',
      'Any chemistry textbook',
      'Chem 101.yaml',
      'Chem 101.yaml',
    ]);
    expect(result.notes).toEqual([
      'ids generated from the prompt for 3 questions',
      'difficulty defaulted to medium for 2 questions',
      'source set to "Chem 101.yaml" for 3 questions',
    ]);
    expect(result.content.concepts.map((c) => c.id)).toEqual(['covalent-bond', 'ionic-bond']);
    expect(result.yaml).toBe(fixture('upload-topic.yaml'));
  });

  it('GIVEN the same file twice THEN the generated ids are the same', () => {
    const ids = () => {
      const result = upload(fixture('upload-topic.yaml'));
      return result.ok ? result.content.questions.map((q) => q.id) : [];
    };
    expect(ids()).toEqual(ids());
  });

  it('GIVEN a generated id already used elsewhere THEN another one is generated', () => {
    const result = upload(fixture('upload-topic.yaml'), {
      reservedQuestionIds: new Set(['which-bond-shares-a-pair-of-electrons']),
    });
    expect(result.ok && result.content.questions.map((q) => q.id).slice(0, 3)).toEqual([
      'which-bond-shares-a-pair-of-electrons-2',
      'table-salt-is-held-together-by-ionic-bonds',
      'which-bond-shares-a-pair-of-electrons-3',
    ]);
  });

  it('GIVEN a valid topic THEN the bank’s YAML written for it reads back as the same topic', () => {
    const first = upload(fixture('upload-topic.yaml'));
    if (!first.ok) throw new Error('expected a valid topic');
    const again = upload(topicYaml(first.content));
    expect(again.ok && again.content).toEqual(first.content);
    expect(again.ok && again.notes).toEqual([]);
  });

  it('GIVEN a short-answer question THEN the topic’s terms are judged wrong there', () => {
    const result = upload(fixture('upload-topic.yaml'));
    const short = result.ok ? result.content.questions.find((q) => q.type === 'short-answer') : undefined;
    expect(short?.type === 'short-answer' && short.knownTerms).toEqual(
      expect.arrayContaining(['Ionic bond', 'Metallic bond', 'molecular bond']),
    );
  });

  it('GIVEN an explicit id used by another topic THEN it is refused at its line', () => {
    const text = fixture('upload-topic.yaml');
    const issues = issuesOf(upload(text, { reservedQuestionIds: new Set(['chem-open-1']) }));
    expect(issues).toEqual([
      {
        file: 'upload.yaml',
        line: 35,
        column: 9,
        questionId: 'chem-open-1',
        field: 'id',
        message:
          'question id "chem-open-1" is already used by another topic in this server or the shipped bank: ids must be unique across the bank; choose another',
      },
    ]);
  });

  it('GIVEN a glossary concept that reuses a shipped id THEN it is refused', () => {
    const text = fixture('upload-topic.yaml').replace('id: covalent-bond', 'id: anarchy');
    const issues = issuesOf(upload(text));
    expect(issues[0]).toMatchObject({
      line: 6,
      field: 'id',
      message: /concept id "anarchy" is already used in the shipped glossary/,
    });
  });

  it('GIVEN a question naming a concept that is nowhere THEN it says where concepts may come from', () => {
    const text = fixture('upload-topic.yaml').replace(
      'concepts: [ionic-bond, anarchy]',
      'concepts: [ionic-bnd]',
    );
    const issues = issuesOf(upload(text));
    expect(issues).toEqual([
      expect.objectContaining({
        line: 25,
        column: 16,
        field: 'concepts[0]',
        message:
          'names concept "ionic-bnd", which is not in the shipped glossary or this file’s `glossary:` list: did you mean "ionic-bond"? fix the id or add the concept there',
      }),
    ]);
  });

  it('GIVEN a misspelt glossary field THEN the valid fields are listed', () => {
    const text = fixture('upload-topic.yaml').replace('    summary: Two atoms', '    sumary: Two atoms');
    const issues = issuesOf(upload(text));
    expect(issues.map((issue) => [issue.line, issue.field, issue.message])).toEqual([
      [6, 'glossary[0].summary', 'is missing: add it (expected a string)'],
      [9, 'glossary[0].sumary', expect.stringMatching(/did you mean `summary`/)],
    ]);
  });

  it('GIVEN an unknown top-level field THEN glossary is among the suggestions', () => {
    const issues = issuesOf(upload(fixture('upload-topic.yaml').replace('glossary:', 'glosary:')));
    expect(issues[0]?.message).toMatch(/did you mean `glossary`\?/);
  });

  it('GIVEN a YAML alias bomb THEN it fails with a clear issue instead of expanding it', () => {
    const bomb = [
      'a: &a ["x","x","x","x","x","x","x","x","x"]',
      ...'bcdefghi'.split('').map((name, index) => {
        const previous = 'abcdefghi'[index];
        return `${name}: &${name} [${Array(9).fill(`*${previous}`).join(',')}]`;
      }),
    ].join('\n');
    const issues = issuesOf(upload(bomb));
    expect(issues).toEqual([
      expect.objectContaining({ line: 1, message: expect.stringMatching(/alias.*remove the YAML aliases/i) }),
    ]);
  });

  it('GIVEN more questions than a server may hold THEN it is refused before they are checked', () => {
    const question =
      '  - type: true-false\n    concepts: [anarchy]\n    prompt: Is it?\n    answer: true\n    explanation: Yes.\n';
    const text = `topic: big\ntitle: Big\nquestions:\n${question.repeat(2001)}`;
    expect(issuesOf(upload(text))).toEqual([
      expect.objectContaining({
        line: 1,
        message:
          'has 2001 questions; one topic may have at most 2,000 (a server holds at most that many in all): split it into several files',
      }),
    ]);
  });

  it('GIVEN an empty, a binary or an unreadable file THEN each says what is accepted', () => {
    expect(issuesOf(upload('  \n'))[0]?.message).toMatch(
      /^is empty: upload a topic in the bank’s YAML format/,
    );
    expect(issuesOf(upload('PK\u0003\u0004\u0000\u0000'))[0]?.message).toMatch(/binary file/);
    expect(issuesOf(upload(fixture('empty.txt')))[0]?.message).toMatch(/^is empty/);
    expect(issuesOf(upload(fixture('not-a-bank.txt'), { fileName: 'not-a-bank.txt' }))[0]?.message).toMatch(
      /none of the formats/,
    );
    expect(issuesOf(upload('just some prose', { fileName: 'notes.txt' }))).toEqual([
      expect.objectContaining({ file: 'notes.txt', message: expect.stringMatching(/none of the formats/) }),
    ]);
  });
});

describe('an upload is checked as studyquiz validate checks the same file', () => {
  // Uploads differ from shipped topic files on purpose in these only.
  const DIFFERENT: Record<string, string> = {
    'missing-id.yaml': 'ids are generated in uploads',
    'topic-mismatch.yaml': 'an upload’s file name is the member’s',
    'unknown-concept.yaml': 'concepts come from the shipped glossary or the file’s own',
    'not-utf8.yaml': 'the download decodes UTF-8',
    'empty.yaml': 'an empty upload says what is accepted',
  };
  const files = readdirSync(BROKEN).filter((file) => file !== 'glossary.yaml' && !(file in DIFFERENT));

  it.each(files)('GIVEN %s THEN the same issues at the same places', async (name) => {
    const file = path.join(BROKEN, name);
    const { bank, issues } = await loadBank([file]);
    expect(issues.length).toBeGreaterThan(0);
    const concepts = new Set(bank.glossary.concepts.map((concept) => concept.id));
    const result = readTopicUpload({
      fileName: file,
      text: readFileSync(file, 'utf8'),
      knownConceptIds: concepts,
      reservedQuestionIds: new Set(),
      reservedConceptIds: concepts,
    });
    expect(result.ok ? [] : result.issues).toEqual(issues);
  });
});
