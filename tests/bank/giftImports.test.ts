import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTopicUpload } from '../../src/bank/topicUpload.ts';

const IMPORTS = path.resolve(import.meta.dirname, '../fixtures/imports');
const SHIPPED_CONCEPTS = new Set(['anarchy', 'security-dilemma']);

function importGift(fileName: string, text = readFileSync(path.join(IMPORTS, fileName), 'utf8')) {
  return readTopicUpload({
    fileName,
    text,
    knownConceptIds: SHIPPED_CONCEPTS,
    reservedQuestionIds: new Set(),
    reservedConceptIds: SHIPPED_CONCEPTS,
  });
}

function issuesOf(result: ReturnType<typeof importGift>) {
  if (result.ok) throw new Error('expected issues');
  return result.issues.map((issue) => `${issue.file}:${issue.line}:${issue.column} ${issue.message}`);
}

describe('importing a GIFT file', () => {
  it('GIVEN Moodle’s GIFT in a .txt file THEN multiple choice, true/false and short answer come in with feedback as the explanation', () => {
    const result = importGift('Chem quiz.txt');
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    expect(result.format).toBe('gift');
    expect(result.content.topic).toMatchObject({ id: 'chem-quiz', title: 'Chem quiz' });
    const [bonds, salt, smallest, water, anarchy] = result.content.questions;
    expect(bonds).toMatchObject({
      id: 'which-bond-shares-a-pair-of-electrons',
      type: 'multiple-choice',
      choices: ['Covalent', 'Ionic', 'Metallic'],
      answer: 'Covalent',
      explanation: 'Right, both atoms share the pair.',
      difficulty: 'medium',
      concepts: ['chem-quiz'],
      source: 'Chem quiz.txt',
    });
    expect(salt).toMatchObject({
      type: 'true-false',
      answer: true,
      explanation: 'Sodium gives an electron to chlorine.',
    });
    expect(smallest).toMatchObject({
      type: 'short-answer',
      answers: ['atom', 'an atom'],
      explanation: "An atom keeps the element's properties.",
    });
    expect(water).toMatchObject({ type: 'true-false', answer: true, explanation: 'The statement is true.' });
    // A tag naming a shipped concept files the question under it.
    expect(anarchy).toMatchObject({ concepts: ['anarchy'] });
    expect(result.content.concepts.map((concept) => concept.id)).toEqual(['chem-quiz']);
    expect(result.notes).toEqual([
      'questions without a tag naming a known concept are filed under the concept chem-quiz',
      'explanation written from the answer for 2 questions without feedback',
      '1 category or description line skipped',
      'ids generated from the prompt for 5 questions',
      'difficulty defaulted to medium for 5 questions',
      'source set to "Chem quiz.txt" for 5 questions',
    ]);
  });

  it('GIVEN the YAML a GIFT file becomes THEN it reads back as the same topic', () => {
    const first = importGift('Chem quiz.txt');
    if (!first.ok) throw new Error('expected a valid topic');
    const again = importGift('Chem quiz.yaml', first.yaml);
    expect(again.ok && again.content.questions).toEqual(first.content.questions);
  });

  it('GIVEN a GIFT syntax error THEN the parser’s message comes at file:line:column', () => {
    expect(issuesOf(importGift('broken-gift-syntax.gift'))).toEqual([
      'broken-gift-syntax.gift:3:25 GIFT syntax error: Expected "}" but "\\n" found. Check the braces around the answers and escape a literal ~ = # { } or : with a backslash',
    ]);
  });

  it('GIVEN question types studyquiz does not play THEN each is named at its line with what is supported', () => {
    const issues = issuesOf(importGift('broken-gift-unsupported.gift'));
    expect(issues).toEqual([
      expect.stringMatching(
        /^broken-gift-unsupported\.gift:3:1 "Pairs" is a matching question, which studyquiz cannot play: studyquiz plays multiple choice \(\{=right ~wrong\}\), true\/false/,
      ),
      expect.stringMatching(/:9:1 "Sum" is a numerical question/),
      expect.stringMatching(/:11:1 "Essay" is an essay question/),
      expect.stringMatching(
        /:13:1 "Two right" has 2 right choices \(=\): a multiple-choice question needs exactly one/,
      ),
      expect.stringMatching(/:15:1 "Partial" gives choices partial credit/),
    ]);
  });

  it('GIVEN a question that breaks a bank limit THEN it is reported at the question’s line', () => {
    const text = `::Short:: Is this fine? {T}\n\n::Long:: Which one? {=${'x'.repeat(301)} ~y}\n`;
    const result = importGift('long.gift', text);
    if (result.ok) throw new Error('expected issues');
    expect(result.issues).toEqual([
      expect.objectContaining({
        line: 3,
        field: 'choices[0]',
        message: 'is too long: at most 300 characters',
      }),
      expect.objectContaining({ line: 3, field: 'answer', message: 'is too long: at most 300 characters' }),
    ]);
  });

  it('GIVEN answers inside the sentence THEN it says to put them after it', () => {
    const issues = issuesOf(importGift('gap.gift', 'The {=cat ~dog} sat on the mat.\n'));
    expect(issues).toEqual([
      expect.stringMatching(/^gap\.gift:1:1 question 1 has its answers inside the sentence/),
    ]);
  });
});
