import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bankReport } from '../../src/bank/bankReport.ts';
import { knownTerms } from '../../src/bank/knownTerms.ts';
import { loadBank } from '../../src/bank/loadBank.ts';
import { SCHEMA_FILE, schemaFileText } from '../../src/bank/writeSchemaFile.ts';
import { MAX_FILE_BYTES } from '../../src/bank/yamlSource.ts';
import { judgeSubmission } from '../../src/core/judgeSubmission.ts';
import type { Question } from '../../src/core/question.ts';

const SAMPLE = path.resolve(import.meta.dirname, '../fixtures/sample-bank');
const SHIPPED = path.resolve(import.meta.dirname, '../../questions');

describe('loading a valid bank', () => {
  it('GIVEN the sample bank THEN every question and concept loads with its topic', async () => {
    const { bank, issues } = await loadBank([SAMPLE]);
    expect(issues).toEqual([]);
    expect(bank.questions).toHaveLength(8);
    expect(new Set(bank.questions.map((q) => q.type))).toEqual(
      new Set(['multiple-choice', 'true-false', 'short-answer', 'open']),
    );
    expect(bank.questions.every((q) => q.topic === 'sample')).toBe(true);
    expect(bank.topics).toEqual([expect.objectContaining({ id: 'sample', title: 'Sample topic' })]);
    expect(bank.glossary.get('security-dilemma')?.aliases).toContain('spiral model');
  });

  it('GIVEN the sample bank THEN the report counts by type, topic, difficulty and concept', async () => {
    const report = bankReport(await loadBank([SAMPLE]));
    expect(report).toEqual({
      ok: true,
      files: 2,
      questions: 8,
      byType: { 'multiple-choice': 3, 'true-false': 2, 'short-answer': 2, open: 1 },
      byTopic: { sample: 8 },
      byDifficulty: { easy: 2, medium: 3, hard: 3 },
      concepts: 3,
      questionsPerConcept: { anarchy: 3, 'offense-defense-balance': 2, 'security-dilemma': 4 },
      errors: [],
    });
  });

  it('GIVEN the sample bank THEN its short-answer questions share one list of every term the bank knows', async () => {
    const { bank } = await loadBank([SAMPLE]);
    const [first, second] = bank.questions.filter((q) => q.type === 'short-answer');
    expect(first?.knownTerms).toBeDefined();
    expect(first?.knownTerms).toBe(second?.knownTerms);
    expect(first?.knownTerms).toEqual(
      expect.arrayContaining([
        'Robert Jervis', // another question's accepted answer
        'Kenneth Waltz', // a choice
        'Offense–defense balance', // a glossary title
        "Herz's dilemma", // a glossary alias
      ]),
    );
    // The answers of the question itself are in the list too; the judge leaves them right.
    expect(first?.knownTerms).toContain('spiral model');
    expect(judgeSubmission(first as Question, { kind: 'text', text: 'Spiral Model' })?.correct).toBe(true);
    expect(judgeSubmission(first as Question, { kind: 'text', text: 'Robert Jervis' })?.correct).toBe(false);
  });

  it('GIVEN a glossary title with a parenthesis THEN the title without it is a known term too', () => {
    const concept = {
      id: 'balancing',
      title: 'Balancing (internal and external)',
      aliases: ['internal balancing'],
      summary: 's',
      explanation: 'e',
      related: [],
      sources: [],
    };
    expect(knownTerms([], [concept])).toEqual([
      'Balancing (internal and external)',
      'Balancing',
      'internal balancing',
    ]);
  });

  it('GIVEN the shipped bank THEN it validates', async () => {
    const { issues } = await loadBank([SHIPPED]);
    expect(issues).toEqual([]);
  });
});

describe('hostile files', () => {
  it('GIVEN a file over the size limit THEN it is refused without being parsed', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'studyquiz-bank-'));
    const file = path.join(dir, 'huge.yaml');
    writeFileSync(file, `topic: huge\ntitle: Huge\n# ${'x'.repeat(MAX_FILE_BYTES)}\n`);
    const { issues } = await loadBank([file]);
    rmSync(dir, { recursive: true });
    expect(issues.find((issue) => issue.file === file)).toMatchObject({
      line: 1,
      message: expect.stringMatching(/limit is 10 MB.*split it/),
    });
  });
});

describe('the JSON Schema for editors', () => {
  it('GIVEN the zod schema THEN questions/schema.json is up to date (run `npm run schema` if not)', () => {
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(schemaFileText());
  });

  it('GIVEN every shipped YAML file THEN it points editors at the schema', async () => {
    const { bank } = await loadBank([SHIPPED]);
    for (const file of bank.files) {
      expect(readFileSync(file, 'utf8').split('\n')[0], file).toBe(
        '# yaml-language-server: $schema=./schema.json',
      );
    }
  });
});
