import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadBank } from '../../src/bank/loadBank.ts';
import { normalizeParagraphs } from '../../src/bank/paragraphs.ts';
import { wrapText } from '../../src/cli/wrapText.ts';

const TWO_PARAGRAPHS = 'States fear one another under anarchy.\n\nSo each arms, and each feels less safe.';

const STYLES: Record<string, string> = {
  plain: `    explanation: States fear one another
      under anarchy.

      So each arms, and each feels less safe.`,
  'double-quoted': `    explanation: "States fear one another
      under anarchy.

      So each arms, and each feels less safe."`,
  folded: `    explanation: >
      States fear one another
      under anarchy.

      So each arms, and each feels less safe.`,
  literal: `    explanation: |
      States fear one another
      under anarchy.

      So each arms, and each feels
      less safe.`,
};

const dir = mkdtempSync(path.join(tmpdir(), 'studyquiz-paragraphs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function topicFile(explanation: string): string {
  return `topic: sample
title: Sample
questions:
  - id: p-1
    type: true-false
    difficulty: easy
    concepts: [anarchy]
    prompt: Anarchy means chaos.
    answer: false
${explanation}
    source: test
`;
}

describe('explanations keep their paragraphs', () => {
  it.each(Object.entries(STYLES))(
    'GIVEN a %s scalar with a blank line THEN it is two paragraphs',
    async (style, yaml) => {
      const bankDir = mkdtempSync(path.join(dir, `${style}-bank-`));
      writeFileSync(path.join(bankDir, 'sample.yaml'), topicFile(yaml));
      writeFileSync(
        path.join(bankDir, 'glossary.yaml'),
        'concepts:\n  - id: anarchy\n    title: Anarchy\n    summary: No world government.\n    explanation: No authority above states.\n    sources: [test]\n',
      );
      const { bank, issues } = await loadBank([bankDir]);
      expect(issues).toEqual([]);
      expect(bank.questions[0]?.explanation).toBe(TWO_PARAGRAPHS);
    },
  );

  it('GIVEN two paragraphs THEN the terminal wraps each and keeps a blank line between them', () => {
    expect(wrapText(TWO_PARAGRAPHS, 30)).toBe(
      'States fear one another under\nanarchy.\n\nSo each arms, and each feels\nless safe.',
    );
  });

  it('GIVEN a literal block THEN blank lines part paragraphs and the lines within one are joined', () => {
    expect(normalizeParagraphs('one line\nwrapped here\n\n\n  second\n')).toBe(
      'one line wrapped here\n\nsecond',
    );
  });

  it('GIVEN line breaks but no blank line THEN each line is a paragraph, as folded and plain scalars mean', () => {
    expect(normalizeParagraphs('first\nsecond\n')).toBe('first\n\nsecond');
    expect(normalizeParagraphs('  just one  ')).toBe('just one');
  });
});
