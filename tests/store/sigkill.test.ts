import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createScoreStore } from '../../src/store/createScoreStore.ts';
import type { ScoreStore } from '../../src/store/ScoreStore.ts';
import { KILL_GUILD, KILL_MEMBERS, killResult } from './killSequence.ts';

const KILLS = 20;
const PADDING_MEMBERS = 3000;
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const writer = fileURLToPath(new URL('./writerProcess.ts', import.meta.url));

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'studyquiz-kill-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Deterministic pseudo-random numbers (mulberry32), so every run kills at the same moments. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Moment = { on: 'writing' | 'flushed'; count: number };

/**
 * Runs the writer and kills it with SIGKILL on its `count`-th `writing` line (it has just created
 * the temporary file and is writing or syncing it) or `flushed` line (it is recording and
 * serialising the next results). Returns where it started and the highest count it reported as
 * flushed, including lines it printed before dying.
 */
async function runAndKill(file: string, moment: Moment): Promise<{ started: number; flushed: number }> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', writer, file], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr += String(chunk);
  });
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) => {
    child.on('exit', (code, signal) => resolve(signal ?? code));
  });
  let started = -1;
  let flushed = -1;
  let seen = 0;
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const closed = new Promise((resolve) => lines.once('close', resolve));
  lines.on('line', (line) => {
    const [word, count] = line.split(' ');
    if (word === 'ready') started = flushed = Number(count);
    if (word === 'flushed') flushed = Math.max(flushed, Number(count));
    if (word === moment.on && ++seen === moment.count) child.kill('SIGKILL');
  });
  const how = await exited;
  await closed;
  if (how !== 'SIGKILL') throw new Error(`the writer ended by itself (${String(how)}): ${stderr}`);
  return { started, flushed };
}

async function totalAnswered(store: ScoreStore): Promise<number> {
  let total = 0;
  for (const id of KILL_MEMBERS) total += (await store.memberStats(KILL_GUILD, id))?.answered ?? 0;
  return total;
}

it('GIVEN a writer killed with SIGKILL at many moments THEN the file always loads and holds every flushed result', async () => {
  const file = join(dir, 'scores.json');

  // Other members make each write long enough for kills to land in the middle of one.
  const seed = createScoreStore({ kind: 'json', file });
  await seed.load();
  await seed.record({
    guildId: 'padding',
    roundId: 'r',
    questionId: 'q',
    topic: 't',
    concepts: ['c'],
    at: 0,
    answers: Array.from({ length: PADDING_MEMBERS }, (_, i) => ({
      userId: `p${i}`,
      displayName: `Padding ${i}`,
      correct: true,
      points: i,
      streak: 1,
    })),
  });
  await seed.close();

  // The expected state: a memory store fed the same sequence, as far as the file got.
  const expected = createScoreStore({ kind: 'memory' });
  let expectedCount = 0;
  const next = random(20261125);
  let reported = 0;

  for (let kill = 0; kill < KILLS; kill++) {
    const moment: Moment = { on: next() < 0.6 ? 'writing' : 'flushed', count: 1 + Math.floor(next() * 6) };
    const run = await runAndKill(file, moment);
    expect(run.started).toBeGreaterThanOrEqual(reported);
    reported = Math.max(reported, run.flushed);

    const reopened = createScoreStore({ kind: 'json', file });
    await reopened.load(); // throws if the file does not parse
    const inFile = await totalAnswered(reopened);
    expect(inFile).toBeGreaterThanOrEqual(reported);

    // The file holds exactly the first `inFile` results: no torn or mixed state.
    while (expectedCount < inFile) await expected.record(killResult(expectedCount++));
    for (const id of KILL_MEMBERS) {
      expect(await reopened.memberStats(KILL_GUILD, id)).toEqual(await expected.memberStats(KILL_GUILD, id));
    }
    const now = killResult(inFile).at;
    expect(await reopened.leaderboard(KILL_GUILD, { period: 'week', limit: 5, offset: 0, now })).toEqual(
      await expected.leaderboard(KILL_GUILD, { period: 'week', limit: 5, offset: 0, now }),
    );
    expect(
      (await reopened.leaderboard('padding', { period: 'all-time', limit: 1, offset: 0, now })).total,
    ).toBe(PADDING_MEMBERS);
  }
  expect(reported).toBeGreaterThan(KILLS);
  // Kills inside a write leave write-file-atomic's temporary files behind; the score file is whole.
  if (process.env.STUDYQUIZ_KILL_DEBUG) console.log((await readdir(dir)).join(' '));
}, 120_000); // twenty writer processes, each started and killed: slow on a busy 2-core machine
