import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDemoCommand } from '../../src/cli/demoCommand.ts';
import { runCli } from '../../src/cli/main.ts';
import { ManualScheduler } from '../../src/core/manualScheduler.ts';
import { captureIo } from '../support/captureIo.ts';

const tempRoots: string[] = [];
afterEach(async () => {
  for (const dir of tempRoots.splice(0)) await rm(dir, { recursive: true, force: true });
});

/** The demo with the bot's clock moved by the demo itself, so the round takes no real time. */
async function runFastDemo(args: string[]) {
  const tempRoot = await mkdtemp(path.join(tmpdir(), 'studyquiz-demo-test-'));
  tempRoots.push(tempRoot);
  const captured = captureIo();
  const command = createDemoCommand({
    scheduler: new ManualScheduler(Date.now()),
    tempRoot,
    signal: new AbortController().signal,
  });
  const code = await command(args, captured.io);
  return { code, transcript: captured.stdout(), stderr: captured.stderr(), left: await readdir(tempRoot) };
}

describe('studyquiz demo', () => {
  it('GIVEN two members, two questions of 5 s THEN the transcript shows the round from /quiz start to /leaderboard, and nothing is left behind', async () => {
    const { code, transcript, stderr, left } = await runFastDemo([
      '--members',
      '2',
      '--questions',
      '2',
      '--seconds',
      '5',
      '--seed',
      '7',
    ]);

    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(transcript).toContain('Members: Ann (knows almost everything) · Bo (average)');
    expect(transcript).toMatch(/^\d\d:\d\d {2}Ann used \/quiz start count: 2 seconds: 5 scoring: speed$/m);
    expect(transcript).toMatch(/┃ Question 1 of 2 · /);
    expect(transcript).toMatch(/^ {7}(\[[A-F]\]( |$))+$|^ {7}\[True\] \[False\]$|^ {7}\[Answer\]$/m);
    expect(transcript).toMatch(/studyquiz \(only (Ann|Bo) sees this\) {2}🔒 Locked in: /);
    expect(transcript).toMatch(/✎ studyquiz edited Question 1 of 2:\n(.*\n)*? {7}┃ Answer: ✅ /);
    expect(transcript).toMatch(/\(disabled\)$/m);
    expect(transcript).toMatch(
      /Bo used \/explain concept: security-dilemma\n.*studyquiz\n {7}┃ Security dilemma\n/,
    );
    expect(transcript).toMatch(/┃ Round over · .*\n {7}┃ 🥇 /);
    expect(transcript).toMatch(
      /Bo used \/leaderboard\n.*studyquiz\n {7}┃ Leaderboard · Study Group · all time\n/,
    );
    expect(transcript).toContain('Done in ');
    expect(left).toEqual([]);
  });

  it('GIVEN the same seed twice THEN the same questions and answers are played', async () => {
    const answers = (text: string) => text.split('\n').filter((line) => /(clicked|Locked in)/.test(line));
    const first = await runFastDemo(['--members', '1', '--questions', '1', '--seconds', '5', '--seed', '42']);
    const second = await runFastDemo([
      '--members',
      '1',
      '--questions',
      '1',
      '--seconds',
      '5',
      '--seed',
      '42',
    ]);
    expect(first.code).toBe(0);
    expect(answers(second.transcript)).toEqual(answers(first.transcript));
  });

  it('GIVEN an unknown topic or a timer under the bot’s minimum THEN it says what is valid and exits 1', async () => {
    const topic = captureIo();
    expect(await runCli(['demo', '--topic', 'astrology'], topic.io)).toBe(1);
    expect(topic.stderr()).toMatch(/There is no topic "astrology"\. Topics: .*security-dilemma/);

    const seconds = captureIo();
    expect(await runCli(['demo', '--seconds', '3'], seconds.io)).toBe(1);
    expect(seconds.stderr()).toMatch(/--seconds must be a whole number from 5 to 30/);
  });
});
