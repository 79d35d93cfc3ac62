import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { JsonScoreStore } from '../../src/store/JsonScoreStore.ts';
import { Scoreboard } from '../../src/store/Scoreboard.ts';
import { writeFileDurably } from '../../src/store/writeFileDurably.ts';
import { result, right, wrong } from './results.ts';

/** One result big enough that its file text is built over several turns of the event loop. */
const crowd = result({
  guildId: 'big',
  topic: 'history',
  answers: Array.from({ length: 100_000 }, (_, i) => (i % 3 ? right(`m${i}`, i % 500) : wrong(`m${i}`))),
});

it('GIVEN scores recorded while a snapshot is turned into text THEN the text is the state at the snapshot', async () => {
  const board = new Scoreboard();
  board.record(crowd);
  const building = board.snapshot().toJson();
  expect(building).toBeInstanceOf(Promise);

  // Changes to existing rows, new rows, new tables and a new guild, before and after a turn.
  board.record(result({ guildId: 'big', topic: 'history', answers: [right('m1', 1000), right('newcomer')] }));
  await new Promise((resolve) => setImmediate(resolve));
  board.record(result({ guildId: 'big', topic: 'art', concepts: ['new'], answers: [right('m4', 7)] }));
  board.record(result({ guildId: 'other', answers: [right('ada')] }));

  const unchanged = new Scoreboard();
  unchanged.record(crowd);
  expect(await building).toBe(await unchanged.snapshot().toJson());

  // The live scores moved on, and the next snapshot has every change.
  expect(board.memberStats('big', 'm1')?.points).toBe(1001);
  const later = JSON.parse(await board.snapshot().toJson());
  const big = later.guilds.big;
  expect(big.members.id.at(-1)).toBe('newcomer');
  expect(big.members.points[1]).toBe(1001);
  expect(Object.keys(big.topics)).toEqual(['history', 'art']);
  expect(Object.keys(later.guilds)).toEqual(['big', 'other']);
});

it('GIVEN records while a large write is being prepared THEN one more write covers them and the file has all', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'studyquiz-snapshot-'));
  try {
    const file = join(dir, 'scores.json');
    const writes: string[] = [];
    const store = new JsonScoreStore(file, async (path, data) => {
      writes.push(data);
      await writeFileDurably(path, data);
    });
    await store.load();
    const first = store.record(crowd);
    const started = store.flush(); // the first write starts now, not at the next turn
    const second = store.record(result({ guildId: 'big', answers: [right('late', 42)] }));
    await Promise.all([first, started, second]);
    expect(writes).toHaveLength(2);
    expect(JSON.parse(writes[0] ?? '').guilds.big.members.id).not.toContain('late');
    const saved = JSON.parse(await readFile(file, 'utf8'));
    expect(saved.guilds.big.members.id.at(-1)).toBe('late');
    await store.close();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
