import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readTopicUpload } from '../../src/bank/topicUpload.ts';
import { runCli } from '../../src/cli/main.ts';
import { captureIo } from '../support/captureIo.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const IMPORTS = path.join(ROOT, 'tests/fixtures/imports');
const SAMPLE = path.join(ROOT, 'tests/fixtures/sample-bank');
const fixture = (name: string) => path.join(IMPORTS, name);

let scratch: string | undefined;
afterEach(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
  scratch = undefined;
});

describe('studyquiz import', () => {
  it('GIVEN a TSV export THEN the bank’s YAML is printed and what was filled in is said on stderr', async () => {
    const { io, stdout, stderr } = captureIo();
    expect(await runCli(['import', fixture('Chem 101.tsv')], io)).toBe(0);
    expect(stdout()).toMatch(/^topic: chem-101\ntitle: Chem 101\nglossary:\n {2}- id: atom\n/);
    expect(stderr()).toMatch(
      /^✔ .*Chem 101\.tsv \(tsv\) → stdout: topic chem-101, 12 questions, 6 concepts of its own\n {2}- 6 cards turned into/,
    );
  });

  it('GIVEN -o THEN the YAML is written there and reads back as a valid upload', async () => {
    scratch = mkdtempSync(path.join(tmpdir(), 'studyquiz-import-'));
    const out = path.join(scratch, 'chem-quiz.yaml');
    const { io, stdout } = captureIo();
    expect(await runCli(['import', fixture('Chem quiz.txt'), '-o', out, '--topic', 'chem-quiz'], io)).toBe(0);
    expect(stdout()).toBe('');
    const again = readTopicUpload({
      fileName: out,
      text: readFileSync(out, 'utf8'),
      knownConceptIds: new Set(['anarchy']),
      reservedQuestionIds: new Set(),
      reservedConceptIds: new Set(['anarchy']),
    });
    expect(again.ok && again.content.questions).toHaveLength(5);
  });

  it('GIVEN --format THEN the content is read that way', async () => {
    const { io, stdout } = captureIo();
    expect(await runCli(['import', fixture('Chem 101.tsv'), '--format', 'csv'], io)).toBe(1);
    expect(stdout()).toMatch(/Chem 101\.tsv:1:1 has no comma between a term and its definition/);
    expect(stdout()).toMatch(/✖ 6 problems in .*Chem 101\.tsv \(read as csv\): nothing was written/);
  });

  it('GIVEN an invalid file THEN the report is printed as validate prints it and it exits 1', async () => {
    const { io, stdout } = captureIo();
    expect(await runCli(['import', fixture('broken-gift-unsupported.gift')], io)).toBe(1);
    expect(stdout()).toContain(
      `${fixture('broken-gift-unsupported.gift')}:3:1 "Pairs" is a matching question`,
    );
    expect(stdout()).not.toMatch(/^topic:/m);
  });

  it('GIVEN a format that does not exist or no file THEN the usage is shown', async () => {
    const bad = captureIo();
    expect(await runCli(['import', fixture('Chem 101.tsv'), '--format', 'xlsx'], bad.io)).toBe(1);
    expect(bad.stderr()).toMatch(/--format must be one of yaml, tsv, csv, gift, not "xlsx"/);
    const none = captureIo();
    expect(await runCli(['import'], none.io)).toBe(1);
    expect(none.stderr()).toMatch(/Give exactly one file to import\.\nUsage: studyquiz import FILE/);
  });
});

describe('studyquiz validate with imports', () => {
  it('GIVEN term–definition and GIFT files THEN they are converted and counted with the bank', async () => {
    const { io, stdout } = captureIo();
    expect(
      await runCli(
        ['validate', fixture('Chem 101.tsv'), fixture('biology.csv'), fixture('Chem quiz.txt')],
        io,
      ),
    ).toBe(0);
    expect(stdout()).toMatch(/is valid: 25 questions in 3 topics, 11 concepts, 3 files/);
  });

  it('GIVEN a bank folder beside an import THEN the import is checked against that bank', async () => {
    const { io, stdout } = captureIo();
    expect(await runCli(['validate', SAMPLE, fixture('anki-realism.txt'), '--json'], io)).toBe(0);
    const report = JSON.parse(stdout());
    expect(report.byTopic).toEqual({ sample: 8, 'anki-realism': 10 });
    // The sample bank defines security-dilemma and anarchy, so the cards' concepts get ids of their own.
    expect(Object.keys(report.questionsPerConcept)).toEqual(
      expect.arrayContaining(['security-dilemma-2', 'anarchy-2']),
    );
  });

  it('GIVEN a broken import THEN the same issues as import gives, at file:line', async () => {
    const file = fixture('broken-cards.tsv');
    const validate = captureIo();
    expect(await runCli(['validate', file], validate.io)).toBe(1);
    const imported = captureIo();
    expect(await runCli(['import', file], imported.io)).toBe(1);
    const issues = (text: string) => text.split('\n').filter((l) => l.startsWith(file));
    expect(issues(validate.stdout())).toHaveLength(3);
    expect(issues(validate.stdout())).toEqual(issues(imported.stdout()));
    expect(validate.stdout()).toContain(`${file}:3:1 has no tab between a term and its definition`);
  });

  it('GIVEN --format yaml THEN a YAML file is checked as an upload: ids, sources and difficulty may be left out', async () => {
    const file = fixture('upload-topic.yaml');
    const asBank = captureIo();
    expect(await runCli(['validate', file], asBank.io)).toBe(1);
    const asUpload = captureIo();
    expect(await runCli(['validate', file, '--format', 'yaml'], asUpload.io)).toBe(0);
    expect(asUpload.stdout()).toMatch(/is valid: 4 questions in 1 topic, 2 concepts, 1 file/);
  });
});
