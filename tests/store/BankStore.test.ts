import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { BankStore, StoredTopic } from '../../src/store/BankStore.ts';
import { type BankStoreConfig, createBankStore } from '../../src/store/createBankStore.ts';
import { JsonBankStore } from '../../src/store/JsonBankStore.ts';
import { startPostgres, type TestPostgres } from '../support/startPostgres.ts';

const GUILD_A = '100000000000000001';
const GUILD_B = '100000000000000002';

const topic = (topicId: string, yaml = `topic: ${topicId}\n`, uploadedAt = Date.UTC(2026, 10, 25)) =>
  ({ topicId, yaml, uploadedBy: '200000000000000001', uploadedAt }) satisfies StoredTopic;

let postgres: TestPostgres;
beforeAll(async () => {
  postgres = await startPostgres();
}, 60_000);
afterAll(() => postgres.remove());

// One specification, run against every store: they must behave the same.
describe.each(['memory', 'json', 'postgres'] as const)('GIVEN a %s bank store', (kind) => {
  let dir: string;
  let config: BankStoreConfig;
  let store: BankStore;
  const opened: BankStore[] = [];

  const open = async () => {
    const next = createBankStore(config);
    opened.push(next);
    await next.load();
    return next;
  };

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'studyquiz-banks-'));
    config =
      kind === 'memory'
        ? { kind }
        : kind === 'json'
          ? { kind, dir }
          : { kind, connectionString: await postgres.createDatabase() };
    store = await open();
  });

  afterEach(async () => {
    await Promise.all(opened.splice(0).map((s) => s.close()));
    await rm(dir, { recursive: true, force: true });
  });

  it('WHEN nothing was saved THEN a server has no topics and shows the shipped bank', async () => {
    expect(await store.guildBank(GUILD_A)).toEqual({ topics: [], shippedEnabled: true });
    expect(await store.guildIds()).toEqual([]);
  });

  it('WHEN topics are saved THEN they come back exactly, in id order, with who uploaded them and when', async () => {
    await store.saveTopic(GUILD_A, topic('zoology', 'topic: zoology # ✓ unicode kept\n'));
    await store.saveTopic(GUILD_A, topic('chem-101'));
    const bank = await store.guildBank(GUILD_A);
    expect(bank.topics).toEqual([topic('chem-101'), topic('zoology', 'topic: zoology # ✓ unicode kept\n')]);
    expect(await store.guildIds()).toEqual([GUILD_A]);
  });

  it('WHEN a topic of the same id is saved again THEN it replaces the first', async () => {
    await store.saveTopic(GUILD_A, topic('chem-101', 'first\n'));
    await store.saveTopic(GUILD_A, topic('chem-101', 'second\n', Date.UTC(2026, 10, 26)));
    expect((await store.guildBank(GUILD_A)).topics).toEqual([
      topic('chem-101', 'second\n', Date.UTC(2026, 10, 26)),
    ]);
  });

  it('WHEN a topic is removed THEN it is gone, and removing it again says so', async () => {
    await store.saveTopic(GUILD_A, topic('chem-101'));
    await store.saveTopic(GUILD_A, topic('physics'));
    expect(await store.removeTopic(GUILD_A, 'chem-101')).toBe(true);
    expect(await store.removeTopic(GUILD_A, 'chem-101')).toBe(false);
    expect((await store.guildBank(GUILD_A)).topics.map((t) => t.topicId)).toEqual(['physics']);
  });

  it('WHEN the shipped bank is hidden in one server THEN only that server hides it', async () => {
    await store.setShippedEnabled(GUILD_A, false);
    expect((await store.guildBank(GUILD_A)).shippedEnabled).toBe(false);
    expect((await store.guildBank(GUILD_B)).shippedEnabled).toBe(true);
    await store.setShippedEnabled(GUILD_A, true);
    expect((await store.guildBank(GUILD_A)).shippedEnabled).toBe(true);
  });

  it('WHEN two servers save a topic of the same id THEN each keeps its own', async () => {
    await store.saveTopic(GUILD_A, topic('chem-101', 'a\n'));
    await store.saveTopic(GUILD_B, topic('chem-101', 'b\n'));
    await store.removeTopic(GUILD_B, 'chem-101');
    expect((await store.guildBank(GUILD_A)).topics.map((t) => t.yaml)).toEqual(['a\n']);
    expect((await store.guildBank(GUILD_B)).topics).toEqual([]);
  });

  it.skipIf(kind === 'memory')(
    'WHEN the store is opened again (a restart) THEN every server keeps its topics and setting',
    async () => {
      await store.saveTopic(GUILD_A, topic('chem-101', 'topic: chem-101\ntitle: Chem\n'));
      await store.saveTopic(GUILD_B, topic('physics'));
      await store.setShippedEnabled(GUILD_B, false);
      await store.close();
      const again = await open();
      expect(await again.guildBank(GUILD_A)).toEqual({
        topics: [topic('chem-101', 'topic: chem-101\ntitle: Chem\n')],
        shippedEnabled: true,
      });
      expect(await again.guildBank(GUILD_B)).toEqual({ topics: [topic('physics')], shippedEnabled: false });
      expect((await again.guildIds()).sort()).toEqual([GUILD_A, GUILD_B]);
      expect(again.problems()).toEqual([]);
    },
  );

  it('WHEN many saves to one server race THEN every one of them is kept', async () => {
    await Promise.all(Array.from({ length: 12 }, (_, i) => store.saveTopic(GUILD_A, topic(`topic-${i}`))));
    expect((await store.guildBank(GUILD_A)).topics).toHaveLength(12);
    if (kind !== 'memory') {
      const again = await open();
      expect((await again.guildBank(GUILD_A)).topics).toHaveLength(12);
    }
  });
});

describe('GIVEN the JSON bank store', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'studyquiz-banks-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('THEN each topic is a YAML file of its own in a folder per server, beside a small bank.json', async () => {
    const store = new JsonBankStore(dir);
    await store.load();
    await store.saveTopic(GUILD_A, topic('chem-101', 'topic: chem-101\n'));
    expect(await readFile(join(dir, GUILD_A, 'chem-101.yaml'), 'utf8')).toBe('topic: chem-101\n');
    expect(JSON.parse(await readFile(join(dir, GUILD_A, 'bank.json'), 'utf8'))).toEqual({
      version: 1,
      shippedEnabled: true,
      topics: { 'chem-101': { uploadedBy: '200000000000000001', uploadedAt: '2026-11-25T00:00:00.000Z' } },
    });
  });

  it('WHEN a stored file cannot be read THEN it is reported with its server and topic, and the rest loads', async () => {
    const first = new JsonBankStore(dir);
    await first.load();
    await first.saveTopic(GUILD_A, topic('chem-101'));
    await first.saveTopic(GUILD_A, topic('physics'));
    await first.close();
    await writeFile(join(dir, GUILD_A, 'physics.yaml'), Buffer.from([0xff, 0xfe, 0x00, 0x41]));
    await writeFile(join(dir, GUILD_A, 'Bad Name.yaml'), 'topic: x\n');
    await rm(join(dir, GUILD_A, 'chem-101.yaml'));

    const store = new JsonBankStore(dir);
    await store.load();
    expect(store.problems()).toEqual([
      {
        guildId: GUILD_A,
        topicId: 'Bad Name',
        problem: expect.stringMatching(/Bad Name\.yaml is not named after a topic id/),
      },
      {
        guildId: GUILD_A,
        topicId: 'physics',
        problem: expect.stringMatching(/physics\.yaml is not UTF-8 text/),
      },
      {
        guildId: GUILD_A,
        topicId: 'chem-101',
        problem: 'is listed in bank.json but chem-101.yaml is missing',
      },
    ]);
    // The unreadable file is left for its owner to look at.
    expect(await readFile(join(dir, GUILD_A, 'physics.yaml'))).toHaveLength(4);
  });

  it('WHEN bank.json is corrupt THEN it is reported and kept aside, and the topics still load', async () => {
    const first = new JsonBankStore(dir);
    await first.load();
    await first.saveTopic(GUILD_A, topic('chem-101'));
    await writeFile(join(dir, GUILD_A, 'bank.json'), '{ not json');
    const store = new JsonBankStore(dir);
    await store.load();
    expect(store.problems()).toEqual([
      {
        guildId: GUILD_A,
        topicId: null,
        problem: expect.stringMatching(/bank\.json is not valid \(kept as .*bank\.json\.broken\)/),
      },
    ]);
    expect((await store.guildBank(GUILD_A)).topics.map((t) => [t.topicId, t.uploadedBy])).toEqual([
      ['chem-101', 'unknown'],
    ]);
    expect(await readFile(join(dir, GUILD_A, 'bank.json.broken'), 'utf8')).toBe('{ not json');
  });

  it('WHEN an id is not of the expected shape THEN nothing is written outside the folder', async () => {
    const store = new JsonBankStore(dir);
    await store.load();
    await expect(store.saveTopic(GUILD_A, topic('../escape'))).rejects.toThrow(/Not a topic id/);
    await expect(store.saveTopic('../x', topic('fine'))).rejects.toThrow(/Not a server id/);
  });
});
