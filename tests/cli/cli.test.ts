import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { reviewCard } from '../../src/app/reviewScheduling.ts';
import { runCli } from '../../src/cli/main.ts';
import { JsonReviewStore, reviewFileBeside } from '../../src/store/JsonReviewStore.ts';
import { captureIo } from '../support/captureIo.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SAMPLE = path.join(ROOT, 'tests/fixtures/sample-bank');
const BROKEN = path.join(ROOT, 'tests/fixtures/broken');

describe('studyquiz --help', () => {
  it('GIVEN --help THEN only the commands that work are listed', async () => {
    const { io, stdout } = captureIo();
    expect(await runCli(['--help'], io)).toBe(0);
    const commands = [...stdout().matchAll(/^ {2}studyquiz (\S+)/gm)].map((m) => m[1]);
    expect(commands).toEqual([
      'start',
      'deploy-commands',
      'validate',
      'import',
      'explain',
      'play',
      'demo',
      'bench',
    ]);
  });

  it('GIVEN an unknown command THEN it says so and exits 1', async () => {
    const { io, stderr } = captureIo();
    expect(await runCli(['frobnicate'], io)).toBe(1);
    expect(stderr()).toMatch(/Unknown command "frobnicate"/);
  });
});

describe('studyquiz validate', () => {
  it('GIVEN a valid bank THEN it says so and exits 0', async () => {
    const { io, stdout } = captureIo();
    expect(await runCli(['validate', SAMPLE], io)).toBe(0);
    expect(stdout()).toMatch(/✔ .* is valid: 8 questions in 1 topic, 3 concepts, 2 files/);
  });

  it('GIVEN broken files THEN every problem is listed with file:line:column and it exits 1', async () => {
    const files = ['bad-difficulty.yaml', 'unknown-concept.yaml'].map((f) => path.join(BROKEN, f));
    const { io, stdout } = captureIo();
    expect(await runCli(['validate', ...files], io)).toBe(1);
    expect(stdout()).toContain(`${files[0]}:6:17 question bd-1, field \`difficulty\`: must be one of`);
    expect(stdout()).toContain(`${files[1]}:7:25 question uc-1, field \`concepts[1]\``);
    expect(stdout()).toMatch(/✖ 2 problems in 2 files/);
  });

  it('GIVEN --json THEN one JSON object with the documented fields is printed', async () => {
    const { io, stdout } = captureIo();
    expect(await runCli(['validate', path.join(BROKEN, 'missing-id.yaml'), '--json'], io)).toBe(1);
    const report = JSON.parse(stdout());
    expect(Object.keys(report)).toEqual([
      'ok',
      'files',
      'questions',
      'byType',
      'byTopic',
      'byDifficulty',
      'concepts',
      'questionsPerConcept',
      'errors',
    ]);
    expect(report.ok).toBe(false);
    expect(report.errors[0]).toEqual({
      file: path.join(BROKEN, 'missing-id.yaml'),
      line: 4,
      column: 5,
      questionId: null,
      field: 'id',
      message: 'is missing: add it (expected a string)',
    });
  });

  it('GIVEN QUESTIONS_DIR in a .env file THEN validate uses it, as start does', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'studyquiz-env-'));
    try {
      writeFileSync(path.join(dir, '.env'), `QUESTIONS_DIR=${SAMPLE}\n`);
      const { stdout } = await promisify(execFile)(
        process.execPath,
        [path.join(ROOT, 'bin/studyquiz.js'), 'validate', '--json'],
        {
          cwd: dir,
        },
      );
      expect(JSON.parse(stdout).questions).toBe(8);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('GIVEN no path THEN QUESTIONS_DIR is validated', async () => {
    const { io, stdout } = captureIo('', { QUESTIONS_DIR: SAMPLE });
    expect(await runCli(['validate', '--json'], io)).toBe(0);
    expect(JSON.parse(stdout()).questions).toBe(8);
  });
});

describe('studyquiz explain', () => {
  it('GIVEN an alias in another case THEN the entry is printed', async () => {
    const { io, stdout } = captureIo();
    expect(await runCli(['explain', 'Spiral', 'Model', '--bank', SAMPLE], io)).toBe(0);
    expect(stdout()).toMatch(/^Security dilemma \(security-dilemma\)/);
    expect(stdout()).toMatch(/Related: Anarchy, Offense–defense balance/);
    expect(stdout()).toMatch(/Sources:\n {2}- Herz 1950/);
  });

  it('GIVEN an unknown concept THEN the closest matches are printed and it exits 1', async () => {
    const { io, stderr } = captureIo();
    expect(await runCli(['explain', 'securty-dilema', '--bank', SAMPLE], io)).toBe(1);
    expect(stderr()).toMatch(
      /No concept matches "securty-dilema"\.\nClosest: Security dilemma \(security-dilemma\)/,
    );
  });

  it('GIVEN an invalid bank THEN the problems are listed instead of an entry', async () => {
    const { io, stderr } = captureIo();
    expect(
      await runCli(
        ['explain', 'anarchy', '--bank', path.join(ROOT, 'tests/fixtures/broken-banks/no-glossary')],
        io,
      ),
    ).toBe(1);
    expect(stderr()).toMatch(/has 1 problem:\n.*glossary\.yaml:1:1 is missing/);
  });
});

describe('studyquiz play', () => {
  it('GIVEN scripted answers THEN each question is revealed with its explanation and the score is shown', async () => {
    const { io, stdout } = captureIo('B\nA\n');
    expect(await runCli(['play', '--count', '2', '--seed', '1', '--bank', SAMPLE], io)).toBe(0);
    const output = stdout();
    expect(output).toMatch(
      /Question 1 of 2 · sample · hard\nIn realist theory, anarchy means…\n {2}A\) Chaos/,
    );
    expect(output).toMatch(/✓ Correct! \+100\nAnarchy is the absence of a world government/);
    expect(output).toMatch(/Question 2 of 2/);
    expect(output).toMatch(/Round over\.\nScore: 2\/2 correct, 200 points\./);
  });

  it('GIVEN an answer that fits nothing THEN a hint is shown and the question waits', async () => {
    const { io, stdout } = captureIo('Z\nC\n');
    expect(await runCli(['play', '--count', '1', '--seed', '1', '--bank', SAMPLE], io)).toBe(0);
    expect(stdout()).toMatch(
      /Type a letter from A to C\.\n> ✗ Not quite\. The answer: No authority above states/,
    );
    expect(stdout()).toMatch(/Score: 0\/1 correct, 0 points\./);
    expect(stdout()).toMatch(
      /Hardest question: 1\. In realist theory, anarchy means…\n {2}wrong answer picked: C\) Rule by the strongest state\nConcepts to work on: anarchy/,
    );
  });

  it('GIVEN input ends early THEN the round stops cleanly with the score so far', async () => {
    const { io, stdout } = captureIo('B\n');
    expect(await runCli(['play', '--count', '3', '--seed', '1', '--bank', SAMPLE], io)).toBe(0);
    expect(stdout()).toMatch(
      /No more answers on standard input: stopping the round\.\n\nRound stopped\.\nScore: 1\/1 correct/,
    );
  });

  it('GIVEN an unknown topic THEN the valid topics are listed', async () => {
    const { io, stderr } = captureIo();
    expect(await runCli(['play', '--topic', 'nope', '--bank', SAMPLE], io)).toBe(1);
    expect(stderr()).toMatch(/There is no topic "nope"\. Pick one from the list: `sample`/);
  });

  it('GIVEN a hostile count THEN it is refused with the valid range', async () => {
    const { io, stderr } = captureIo();
    expect(await runCli(['play', '--count', '1e9'], io)).toBe(1);
    expect(stderr()).toMatch(/--count must be a whole number from 1 to 50, not "1e9"/);
  });
});

describe('the installed command', () => {
  const run = promisify(execFile);
  const bin = path.join(ROOT, 'bin/studyquiz.js');

  for (const [label, env] of [
    ['the compiled build when it is fresh, else the sources', {}],
    ['the TypeScript sources through tsx', { STUDYQUIZ_FROM_SOURCE: '1' }],
  ] as const) {
    it(`GIVEN bin/studyquiz.js running ${label} THEN it runs the CLI with its exit code`, async () => {
      const options = { env: { ...process.env, ...env } };
      const { stdout } = await run(process.execPath, [bin, 'validate', SAMPLE, '--json'], options);
      expect(JSON.parse(stdout).ok).toBe(true);
      await expect(
        run(process.execPath, [bin, 'explain', 'nothing-like-this'], options),
      ).rejects.toMatchObject({
        code: 1,
      });
    });
  }
});

describe('studyquiz play --review', () => {
  it("GIVEN a member's missed card in the review file THEN it is asked, judged, and saved further out", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'studyquiz-play-review-'));
    try {
      const file = reviewFileBeside(path.join(dir, 'scores.json'));
      const seeded = new JsonReviewStore(file);
      await seeded.load();
      const missed = reviewCard(
        undefined,
        { id: 'sample-mc-1', topic: 'sample' },
        1,
        Date.now() - 60_000,
        'round',
      );
      await seeded.save([{ guildId: 'g1', userId: 'ann', ...missed }]);
      await seeded.close();

      const { io, stdout } = captureIo('B\n', { SCORES_FILE: path.join(dir, 'scores.json'), STORE: 'json' });
      const args = ['play', '--review', '--guild', 'g1', '--member', 'ann', '--count', '1', '--bank', SAMPLE];
      expect(await runCli(args, io)).toBe(0);
      expect(stdout()).toMatch(
        /Review 1 of 1 · sample · easy · due\nWho coined the term "security dilemma"\?/,
      );
      expect(stdout()).toMatch(/✓ Correct!\nHerz named it in 1950.*\nComes back in \d+ days?\./);
      expect(stdout()).toMatch(/Review done: 1 reviewed, 1 right, 0 missed\. Next card due /);

      const reread = new JsonReviewStore(file);
      await reread.load();
      const card = (await reread.cards('g1', 'ann', ['sample-mc-1'])).get('sample-mc-1');
      expect((card?.due ?? 0) - Date.now()).toBeGreaterThan(86_400_000 - 60_000);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('GIVEN --review without the member THEN it says which options it needs', async () => {
    const { io, stderr } = captureIo();
    expect(await runCli(['play', '--review', '--bank', SAMPLE], io)).toBe(1);
    expect(stderr()).toMatch(/--review needs --guild and --member/);
  });
});
