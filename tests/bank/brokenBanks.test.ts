import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBank } from '../../src/bank/loadBank.ts';

const BROKEN = path.resolve(import.meta.dirname, '../fixtures/broken');
const BROKEN_BANKS = path.resolve(import.meta.dirname, '../fixtures/broken-banks');

interface Expected {
  line: number;
  field: string | null;
  questionId?: string;
  message: RegExp;
}

/** For each broken file: the problem an author must be told about, and where. */
const EXPECTED: Record<string, Expected> = {
  'alias-bomb': { line: 1, field: null, message: /Excessive alias count.*remove the YAML aliases/ },
  'answer-not-in-choices': {
    line: 10,
    field: 'answer',
    questionId: 'anc-1',
    message: /not among the choices.*"No world government"/,
  },
  'bad-difficulty': {
    line: 6,
    field: 'difficulty',
    message: /one of "easy", "medium", "hard", not the text "hardest"/,
  },
  'bad-id-case': { line: 4, field: 'id', message: /kebab-case/ },
  'choice-too-long': { line: 9, field: 'choices[1]', message: /at most 300 characters/ },
  'concepts-not-list': { line: 7, field: 'concepts', message: /must be a list/ },
  'duplicate-choices': { line: 9, field: 'choices[2]', message: /repeats "Chaos"/ },
  'duplicate-ids': {
    line: 13,
    field: 'id',
    questionId: 'same-1',
    message: /already used at .*duplicate-ids\.yaml:4:9/,
  },
  'duplicate-key': { line: 13, field: null, message: /Map keys must be unique/ },
  'empty-concepts': { line: 7, field: 'concepts', message: /at least one glossary concept/ },
  'empty-prompt': { line: 8, field: 'prompt', message: /must not be empty/ },
  'empty-questions': { line: 3, field: 'questions', message: /at least one question/ },
  empty: { line: 1, field: null, message: /must be a mapping.*not an empty document/ },
  'list-root': { line: 1, field: null, message: /must be a mapping.*not a list/ },
  'id-too-long': { line: 4, field: 'id', message: /is too long: at most 60 characters/ },
  'missing-id': { line: 4, field: 'id', message: /is missing/ },
  'missing-questions': { line: 1, field: 'questions', message: /is missing: add it \(expected a list\)/ },
  'missing-title': { line: 1, field: 'title', message: /is missing/ },
  'missing-type': {
    line: 4,
    field: 'type',
    message: /is missing.*"multiple-choice", "true-false", "short-answer", "open"/,
  },
  'misspelt-field': { line: 9, field: 'choises', message: /did you mean `choices`/ },
  'not-utf8': { line: 8, field: null, message: /not valid UTF-8.*save the file with UTF-8/ },
  'null-question': { line: 4, field: null, message: /question 1 must be a mapping/ },
  'number-answer-mc': { line: 10, field: 'answer', message: /must be a string, not number 1/ },
  'open-without-model-answer': { line: 4, field: 'modelAnswer', message: /is missing/ },
  'prompt-not-text': { line: 8, field: 'prompt', message: /must be a string, not a list/ },
  'question-not-mapping': { line: 4, field: null, message: /must be a mapping of fields, not a string/ },
  'questions-not-list': { line: 3, field: 'questions', message: /must be a list/ },
  'reject-equals-answer': {
    line: 10,
    field: 'reject[1]',
    questionId: 'rea-1',
    message: /"the WALTZ!" is also an accepted answer \("Waltz" in answers\)/,
  },
  'scalar-root': { line: 1, field: null, message: /must be a mapping.*not a string/ },
  'short-answer-no-answers': { line: 9, field: 'answers', message: /at least one accepted answer/ },
  'syntax-error': { line: 7, field: null, message: /YAML syntax error: Missing closing "quote/ },
  'tab-indentation': { line: 4, field: null, message: /YAML syntax error: Tabs are not allowed/ },
  'tags-not-list': { line: 12, field: 'tags', message: /must be a list/ },
  'too-few-choices': { line: 9, field: 'choices', message: /2 to 6 choices/ },
  'too-many-choices': { line: 9, field: 'choices', message: /2 to 6 choices/ },
  'topic-mismatch': { line: 1, field: 'topic', message: /file is topic-mismatch\.yaml/ },
  'true-false-answer-text': { line: 9, field: 'answer', message: /true or false.*not the text "no"/ },
  'unknown-concept': {
    line: 7,
    field: 'concepts[1]',
    questionId: 'uc-1',
    message: /"balance-of-powr", which is not in glossary\.yaml/,
  },
  'unknown-type': { line: 5, field: 'type', message: /not the text "multiple"/ },
  'whitespace-prompt': { line: 8, field: 'prompt', message: /must not be empty/ },
};

describe('the broken-bank corpus', () => {
  const files = readdirSync(BROKEN).filter((file) => file !== 'glossary.yaml');

  it('GIVEN the corpus THEN it has at least 30 cases and each one has an expectation', () => {
    expect(files.length).toBeGreaterThanOrEqual(30);
    expect(files.map((file) => file.replace('.yaml', '')).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const [name, expected] of Object.entries(EXPECTED)) {
    it(`GIVEN ${name}.yaml THEN the problem is reported with its line, field and a fix`, async () => {
      const file = path.join(BROKEN, `${name}.yaml`);
      const { issues } = await loadBank([file]);
      const match = issues.find((issue) => expected.message.test(issue.message));
      expect(match, JSON.stringify(issues, null, 2)).toBeDefined();
      expect(match).toMatchObject({ file, line: expected.line, field: expected.field });
      expect(match?.column).toBeGreaterThanOrEqual(1);
      if (expected.questionId) expect(match?.questionId).toBe(expected.questionId);
    });
  }
});

describe('problems that span files', () => {
  it('GIVEN the same question id in two files THEN the second names where the first is', async () => {
    const { issues } = await loadBank([path.join(BROKEN_BANKS, 'duplicate-across-files')]);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ questionId: 'shared-1', field: 'id', line: 4 });
    expect(issues[0]?.file).toMatch(/second\.yaml$/);
    expect(issues[0]?.message).toMatch(/first\.yaml:4:9/);
  });

  it('GIVEN a bank without a glossary THEN the missing glossary is reported', async () => {
    const { issues } = await loadBank([path.join(BROKEN_BANKS, 'no-glossary')]);
    expect(issues).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(/glossary\.yaml.*is missing|is missing.*glossary/),
      }),
    ]);
  });

  it('GIVEN a broken glossary THEN every problem in it is reported at once', async () => {
    const { issues } = await loadBank([path.join(BROKEN_BANKS, 'broken-glossary')]);
    expect(issues.map((issue) => [issue.line, issue.field])).toEqual([
      [6, 'related[0]'],
      [7, 'id'],
      [11, 'concepts[2].summary'],
    ]);
    expect(issues[0]?.message).toMatch(/"security-dilema", which is not in glossary\.yaml/);
  });

  it('GIVEN several broken files together THEN every problem of every file is reported', async () => {
    const names = Object.keys(EXPECTED);
    const { issues } = await loadBank(names.map((name) => path.join(BROKEN, `${name}.yaml`)));
    const filesWithIssues = new Set(issues.map((issue) => path.basename(issue.file, '.yaml')));
    expect([...filesWithIssues].sort()).toEqual(names.sort());
  });

  it('GIVEN a path that does not exist THEN it is reported, not thrown', async () => {
    const { issues } = await loadBank(['/no/such/bank']);
    expect(issues).toEqual([
      expect.objectContaining({ file: '/no/such/bank', message: expect.stringMatching(/does not exist/) }),
    ]);
  });
});
