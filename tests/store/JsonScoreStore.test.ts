import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JsonScoreStore } from '../../src/store/JsonScoreStore.ts';
import { ScoreFileError } from '../../src/store/ScoreFileError.ts';
import { writeFileDurably } from '../../src/store/writeFileDurably.ts';
import { MONDAY_EARLY, result, right, SUNDAY_LATE, wrong } from './results.ts';

let dir: string;
let file: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'studyquiz-json-'));
  file = join(dir, 'scores.json');
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A writer that counts writes and can hold each one until released. */
function countingWriter() {
  const writes: string[] = [];
  let hold: Promise<void> | undefined;
  let release = () => {};
  return {
    writes,
    holdNext() {
      hold = new Promise((resolve) => {
        release = resolve;
      });
    },
    release: () => release(),
    async writeFile(path: string, data: string) {
      writes.push(data);
      const held = hold;
      hold = undefined;
      await held;
      await writeFileDurably(path, data);
    },
  };
}

describe('GIVEN a JSON score file', () => {
  it('GIVEN scores flushed and the store reopened THEN everything is back', async () => {
    const store = new JsonScoreStore(file);
    await store.load();
    store.record(
      result({ at: SUNDAY_LATE, topic: 'history', concepts: ['anarchy'], answers: [right('ada', 300, 4)] }),
    );
    store.record(result({ at: MONDAY_EARLY, answers: [right('bob', 100), wrong('ada')] }));
    store.record(result({ guildId: 'guild-b', answers: [right('ada', 5)] }));
    await store.close();

    const again = new JsonScoreStore(file);
    await again.load();
    expect(await again.weeklyPoints('guild-a', 'ada', 2, MONDAY_EARLY)).toEqual([
      { week: '2026-W48', points: 300 },
      { week: '2026-W49', points: 0 },
    ]);
    for (const guildId of ['guild-a', 'guild-b']) {
      for (const period of ['all-time', 'week'] as const) {
        for (const now of [SUNDAY_LATE, MONDAY_EARLY]) {
          expect(await again.leaderboard(guildId, { period, limit: 10, offset: 0, now })).toEqual(
            await store.leaderboard(guildId, { period, limit: 10, offset: 0, now }),
          );
        }
      }
      expect(await again.memberStats(guildId, 'ada')).toEqual(await store.memberStats(guildId, 'ada'));
    }
    expect((await again.memberStats('guild-a', 'ada'))?.bestStreak).toBe(4);
    expect((await again.rankOf('guild-a', 'bob', 'week', MONDAY_EARLY))?.rank).toBe(1);

    // Recording after a reopen carries on from the loaded totals.
    again.record(result({ answers: [right('bob', 1000)] }));
    expect(await again.rankOf('guild-a', 'bob', 'all-time', MONDAY_EARLY)).toMatchObject({
      rank: 1,
      points: 1100,
    });
    await again.close();
  });

  it('GIVEN no file THEN the store starts empty and creates the missing directories on the first write', async () => {
    const nested = join(dir, 'data', 'deeper', 'scores.json');
    const store = new JsonScoreStore(nested);
    await store.load();
    expect(
      (await store.leaderboard('guild-a', { period: 'all-time', limit: 10, offset: 0, now: 0 })).total,
    ).toBe(0);
    store.record(result({ answers: [right('ada')] }));
    await store.flush();
    const saved = JSON.parse(await readFile(nested, 'utf8'));
    expect(saved).toMatchObject({ format: 'studyquiz-scores', version: 2 });
    expect(saved.guilds['guild-a'].members.id).toEqual(['ada']);
    await store.close();
  });

  it('GIVEN many records in a burst THEN they are coalesced into few writes', async () => {
    const writer = countingWriter();
    const store = new JsonScoreStore(file, writer.writeFile);
    await store.load();
    for (let i = 0; i < 200; i++) store.record(result({ answers: [right(`m${i % 7}`, 10)] }));
    await store.flush();
    expect(writer.writes).toHaveLength(1);
    await store.close();
  });

  it('GIVEN records during a write THEN one more write covers them all and flush waits for it', async () => {
    const writer = countingWriter();
    const store = new JsonScoreStore(file, writer.writeFile);
    await store.load();

    writer.holdNext();
    store.record(result({ answers: [right('ada', 10)] }));
    const first = store.flush();
    expect(writer.writes).toHaveLength(1); // in flight, held

    for (let i = 0; i < 50; i++) store.record(result({ answers: [right('bob', 10)] }));
    let secondDone = false;
    const second = store.flush().then(() => {
      secondDone = true;
    });
    writer.release();
    await first;
    await second;
    expect(secondDone).toBe(true);
    expect(writer.writes).toHaveLength(2);
    const saved = JSON.parse(await readFile(file, 'utf8'));
    expect(saved.guilds['guild-a'].members.points).toEqual([10, 500]);

    // Nothing new: flushing again writes nothing.
    await store.flush();
    expect(writer.writes).toHaveLength(2);
    await store.close();
  });

  it('GIVEN a flush requested while the covering write is in flight THEN it does not wait for a second write', async () => {
    const writer = countingWriter();
    const store = new JsonScoreStore(file, writer.writeFile);
    await store.load();
    writer.holdNext();
    store.record(result({ answers: [right('ada', 10)] }));
    const first = store.flush();
    const second = store.flush();
    writer.release();
    await Promise.all([first, second]);
    expect(writer.writes).toHaveLength(1);
    await store.close();
  });

  it('GIVEN a write fails THEN the record rejects, the scores stay pending and the next flush writes them', async () => {
    let failNext = true;
    const store = new JsonScoreStore(file, async (path, data) => {
      if (failNext) {
        failNext = false;
        throw new Error('ENOSPC: no space left on device');
      }
      await writeFileDurably(path, data);
    });
    await store.load();
    await expect(store.record(result({ answers: [right('ada', 10)] }))).rejects.toThrow(/ENOSPC/);
    await store.flush();
    const saved = JSON.parse(await readFile(file, 'utf8'));
    expect(saved.guilds['guild-a'].members.id).toEqual(['ada']);
    await store.close();
  });

  it('GIVEN a store that was not loaded THEN recording is refused, so an existing file is never replaced', async () => {
    const store = new JsonScoreStore(file);
    await expect(store.record(result({ answers: [right('ada')] }))).rejects.toThrow(/Load the score file/);
  });
});

describe('GIVEN a score file of an older format', () => {
  const VERSION_1 = {
    format: 'studyquiz-scores',
    version: 1,
    guilds: {
      'guild-a': {
        members: {
          id: ['ada'],
          name: ['Ada'],
          points: [300],
          answered: [4],
          correct: [3],
          bestStreak: [2],
          reachedAt: [SUNDAY_LATE],
        },
        topics: {},
        concepts: {},
        weeks: {},
      },
    },
  };

  it('GIVEN a version 1 file THEN it loads, is rewritten as version 2 and the original is kept beside it', async () => {
    const original = JSON.stringify(VERSION_1);
    await writeFile(file, original);
    const store = new JsonScoreStore(file);
    await store.load();

    expect(await store.rankOf('guild-a', 'ada', 'all-time', SUNDAY_LATE)).toMatchObject({
      rank: 1,
      points: 300,
    });
    expect(await readFile(`${file}.v1.bak`, 'utf8')).toBe(original);
    const migrated = JSON.parse(await readFile(file, 'utf8'));
    expect(migrated).toMatchObject({ version: 2, guilds: { 'guild-a': { recorded: [] } } });
    await store.record(result({ answers: [right('ada', 10)] }));
    await store.close();

    const again = new JsonScoreStore(file);
    await again.load();
    expect((await again.memberStats('guild-a', 'ada'))?.points).toBe(310);
    await again.close();
  });

  it('GIVEN a backup from an earlier migration THEN it is never overwritten', async () => {
    await writeFile(`${file}.v1.bak`, 'the first backup');
    await writeFile(file, JSON.stringify(VERSION_1));
    const store = new JsonScoreStore(file);
    await store.load();
    await store.close();
    expect(await readFile(`${file}.v1.bak`, 'utf8')).toBe('the first backup');
    const backups = (await readdir(dir)).filter((name) => name.startsWith('scores.json.v1.bak.'));
    expect(backups).toHaveLength(1);
  });
});

describe('GIVEN a score file in a folder that cannot be written', () => {
  it('GIVEN a file where the folder should be THEN load refuses, naming the folder and what to do', async () => {
    await writeFile(join(dir, 'not-a-folder'), '');
    const store = new JsonScoreStore(join(dir, 'not-a-folder', 'scores.json'));
    const error = await store.load().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ScoreFileError);
    expect(String((error as Error).message)).toMatch(
      /folder .*not-a-folder cannot be written \(E\w+\), so no score could be saved.*set SCORES_FILE/s,
    );
    await expect(store.record(result({ answers: [right('ada')] }))).rejects.toBeInstanceOf(ScoreFileError);
  });

  it.skipIf(process.getuid?.() === 0)(
    'GIVEN a read-only folder THEN load refuses before any round could show points',
    async () => {
      const folder = join(dir, 'read-only');
      await mkdir(folder, { mode: 0o555 });
      const store = new JsonScoreStore(join(folder, 'scores.json'));
      await expect(store.load()).rejects.toThrow(/cannot be written \(EACCES\)/);
    },
  );
});

describe('GIVEN a score file that cannot be used', () => {
  const cases: { name: string; content: string | undefined; message: RegExp }[] = [
    {
      name: 'invalid JSON',
      content: '{"format": "studyquiz-scores",\n  "version": 1,,\n}',
      message: /not valid JSON.*line 2, column 16/,
    },
    {
      name: 'a truncated file',
      content: '{"format": "studyquiz-scores", "version": 1, "gui',
      message: /ends too early/,
    },
    { name: 'an empty file', content: '', message: /is empty/ },
    { name: 'a list', content: '[1, 2]', message: /holds a list, not a studyquiz score file/ },
    {
      name: 'another format',
      content: '{"format": "other", "version": 1}',
      message: /not a studyquiz score file \("format" is "other"/,
    },
    {
      name: 'a newer version',
      content: '{"format": "studyquiz-scores", "version": 3, "guilds": {}}',
      message: /format version 3, written by a newer studyquiz/,
    },
    {
      name: 'an unknown version',
      content: '{"format": "studyquiz-scores", "version": "one", "guilds": {}}',
      message: /unknown format version "one"/,
    },
    {
      name: 'a wrong shape',
      content: JSON.stringify({
        format: 'studyquiz-scores',
        version: 1,
        guilds: {
          g1: {
            members: {
              id: ['a'],
              name: ['A'],
              points: [1],
              answered: [-1],
              correct: [1],
              bestStreak: [1],
              reachedAt: [1],
            },
            topics: {},
            concepts: {},
            weeks: {},
          },
        },
      }),
      message: /wrong shape: at guilds\.g1\.members\.answered\[0\]: expected a whole number ≥ 0, got -1/,
    },
    {
      name: 'columns of different lengths',
      content: JSON.stringify({
        format: 'studyquiz-scores',
        version: 1,
        guilds: {
          g1: {
            members: {
              id: ['a'],
              name: ['A'],
              points: [1],
              answered: [1],
              correct: [1],
              bestStreak: [1],
              reachedAt: [1],
            },
            topics: { t: { member: [0, 3], answered: [1, 1], correct: [1] } },
            concepts: {},
            weeks: {},
          },
        },
      }),
      message: /guilds\.g1\.topics\.t\.correct: has 1 entries but "member" has 2.*no member has index 3/,
    },
    {
      name: 'a member id listed twice',
      content: JSON.stringify({
        format: 'studyquiz-scores',
        version: 1,
        guilds: {
          g1: {
            members: {
              id: ['a', 'b', 'a'],
              name: ['A', 'B', 'A'],
              points: [1, 2, 3],
              answered: [1, 1, 1],
              correct: [1, 1, 1],
              bestStreak: [1, 1, 1],
              reachedAt: [1, 1, 1],
            },
            topics: {},
            concepts: {},
            weeks: {},
          },
        },
      }),
      message: /wrong shape: at guilds\.g1\.members\.id\[2\]: member id "a" appears twice/,
    },
    {
      name: 'a missing guilds field',
      content: '{"format": "studyquiz-scores", "version": 1}',
      message: /at guilds: /,
    },
    { name: 'a directory', content: undefined, message: /is a directory, not a file/ },
  ];

  for (const { name, content, message } of cases) {
    it(`GIVEN ${name} THEN load throws a ScoreFileError that explains, and the file is left as it was`, async () => {
      if (content === undefined) await mkdir(file);
      else await writeFile(file, content);
      const before = content === undefined ? undefined : await readFile(file);

      const store = new JsonScoreStore(file);
      const error = await store.load().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ScoreFileError);
      const { message: text, file: named } = error as ScoreFileError;
      expect(named).toBe(file);
      expect(text).toContain(file);
      expect(text).toMatch(message);
      expect(text).toMatch(/left untouched.*move it aside.*restore it from a backup/s);

      await expect(store.record(result({ answers: [right('ada')] }))).rejects.toThrow(ScoreFileError);
      await expect(store.flush()).rejects.toBeInstanceOf(ScoreFileError);
      await expect(store.close()).rejects.toBeInstanceOf(ScoreFileError);
      if (before !== undefined) expect(await readFile(file)).toEqual(before);
    });
  }

  it('GIVEN bytes that are not UTF-8 THEN load says so', async () => {
    await writeFile(file, Buffer.from([0x7b, 0xff, 0xfe, 0x7d]));
    await expect(new JsonScoreStore(file).load()).rejects.toThrow(/not UTF-8 text/);
  });
});
