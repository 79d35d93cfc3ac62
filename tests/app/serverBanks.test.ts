import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GuildBanks } from '../../src/app/guildBanks.ts';
import { parseUploadInWorker } from '../../src/app/parseUploadInWorker.ts';
import { ServerBanks, type UploadParser } from '../../src/app/serverBanks.ts';
import { resolveTopic, searchTopics } from '../../src/app/topicChoice.ts';
import { type Bank, loadBank } from '../../src/bank/loadBank.ts';
import { readTopicUpload } from '../../src/bank/topicUpload.ts';
import { matchTypedAnswer } from '../../src/core/answerMatching.ts';
import { UserError } from '../../src/core/userError.ts';
import { MemoryBankStore } from '../../src/store/MemoryBankStore.ts';
import { SAMPLE_BANK } from '../e2e/botHarness.ts';

const GUILD = '100000000000000001';
const OTHER_GUILD = '100000000000000002';
const CHEM = readFileSync(path.resolve(import.meta.dirname, '../fixtures/imports/upload-topic.yaml'), 'utf8');
const moderator = { guildId: GUILD, userId: '300000000000000001', canManage: true };
const member = { ...moderator, userId: '300000000000000002', canManage: false };

/** A plain topic of `count` true/false questions, with ids of its own. */
function plainTopic(id: string, count: number): string {
  const questions = Array.from(
    { length: count },
    (_, i) =>
      `  - id: ${id}-q${i}\n    type: true-false\n    concepts: [anarchy]\n    prompt: Statement ${i} of ${id}.\n    answer: true\n    explanation: Because.\n`,
  );
  return `topic: ${id}\ntitle: Topic ${id}\nquestions:\n${questions.join('')}`;
}

const inProcess: UploadParser = async (input) => readTopicUpload(input);

let shipped: Bank;
beforeAll(async () => {
  shipped = (await loadBank([SAMPLE_BANK])).bank;
});

let now: number;
let store: MemoryBankStore;
let banks: GuildBanks;
let tokens: number;
const make = (parse: UploadParser = inProcess, limits = {}) =>
  new ServerBanks({
    banks,
    store,
    parse,
    now: () => now,
    token: () => `token${++tokens}`,
    limits: {
      fileBytes: 1024 * 1024,
      questionsPerServer: 2000,
      topicsPerServer: 200,
      parseMs: 5000,
      pendingMs: 60_000,
      ...limits,
    },
  });

beforeEach(() => {
  now = Date.UTC(2026, 10, 25, 12);
  tokens = 0;
  store = new MemoryBankStore();
  banks = new GuildBanks({ shipped, store, readTopic: readTopicUpload });
});

async function previewOf(app: ServerBanks, text = CHEM, fileName = 'chem.yaml') {
  const outcome = await app.upload({ actor: moderator, fileName, text });
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.issues));
  return outcome.preview;
}

describe('GIVEN a moderator uploads a valid YAML topic', () => {
  it('THEN the preview counts its questions by type and difficulty, shows the first, and says what was filled in', async () => {
    const preview = await previewOf(make());
    expect(preview).toMatchObject({
      format: 'yaml',
      topicId: 'chem-101',
      title: 'Chemistry 101',
      questions: 4,
      concepts: 2,
      byType: { 'multiple-choice': 1, 'true-false': 1, 'short-answer': 1, open: 1 },
      byDifficulty: { easy: 1, medium: 2, hard: 1 },
      replaces: undefined,
    });
    expect(preview.first.prompt).toBe('Which bond shares a pair of electrons?');
    expect(preview.notes.join(' ')).toMatch(/id/);
    // Nothing is saved before the Save button.
    expect(banks.bank(GUILD).topics.map((t) => t.id)).toEqual(['sample']);
  });

  it('WHEN saved THEN the server plays it beside the shipped bank, and /explain knows its concepts and the shipped ones', async () => {
    const app = make();
    const preview = await previewOf(app);
    expect(await app.save(preview.token, moderator, false)).toEqual({
      status: 'saved',
      topicId: 'chem-101',
      title: 'Chemistry 101',
      questions: 4,
      replaced: false,
    });
    const bank = banks.bank(GUILD);
    expect(bank.topics.map((t) => t.id)).toEqual(['sample', 'chem-101']);
    expect(resolveTopic(bank, 'Chemistry 101')?.id).toBe('chem-101');
    expect(searchTopics(bank, 'chem')).toEqual([{ id: 'chem-101', title: 'Chemistry 101', questions: 4 }]);
    expect(bank.glossary.find('molecular bond')?.id).toBe('covalent-bond');
    expect(bank.glossary.get('anarchy')?.id).toBe('anarchy');
    expect((await store.guildBank(GUILD)).topics[0]).toMatchObject({
      topicId: 'chem-101',
      yaml: CHEM,
      uploadedBy: moderator.userId,
      uploadedAt: now,
    });
  });

  it('THEN another server never sees it', async () => {
    const app = make();
    await app.save((await previewOf(app)).token, moderator, false);
    expect(banks.bank(OTHER_GUILD)).toBe(shipped);
    expect(banks.bank(OTHER_GUILD).glossary.get('covalent-bond')).toBeUndefined();
    expect(app.list(OTHER_GUILD).server).toEqual([]);
  });

  it("THEN the judge's known terms cover the whole composed bank: a shipped answer is wrong for the server's question", async () => {
    const app = make();
    await app.save((await previewOf(app)).token, moderator, false);
    const bank = banks.bank(GUILD);
    const short = bank.questions.find((q) => q.topic === 'chem-101' && q.type === 'short-answer');
    if (short?.type !== 'short-answer') throw new Error('no short answer');
    expect(short.knownTerms).toContain('Security dilemma');
    expect(matchTypedAnswer('covalent', short)).toBe('covalent');
    expect(matchTypedAnswer('Ionic bond', short)).toBeUndefined();
  });

  it('WHEN the shipped bank is hidden THEN only the server topics are played, and the shipped glossary still explains', async () => {
    const app = make();
    await app.save((await previewOf(app)).token, moderator, false);
    await app.setShipped(moderator, false);
    const bank = banks.bank(GUILD);
    expect(bank.topics.map((t) => t.id)).toEqual(['chem-101']);
    expect(new Set(bank.questions.map((q) => q.topic))).toEqual(new Set(['chem-101']));
    expect(bank.glossary.get('security-dilemma')).toBeDefined();
    expect(app.list(GUILD).shippedEnabled).toBe(false);
    await app.setShipped(moderator, true);
    expect(banks.bank(GUILD).topics).toHaveLength(2);
  });
});

describe('GIVEN an upload with Markdown, masked links and mentions', () => {
  it('THEN the server plays it as member text: escaped where Markdown is read, links and mentions broken elsewhere', async () => {
    const app = make();
    const text = plainTopic('tricks', 1)
      .replace('Statement 0 of tricks.', '"# Big [click](https://evil.example) <@123>"')
      .replace('title: Topic tricks', 'title: "[Free](https://evil.example)"');
    await app.save((await previewOf(app, text)).token, moderator, false);
    const bank = banks.bank(GUILD);
    const question = bank.questions.find((q) => q.topic === 'tricks');
    expect(question?.prompt).toBe('\\# Big \\[click\\]\\(https\\://evil.example\\) \\<\\@123\\>');
    expect(bank.topics.find((t) => t.id === 'tricks')?.title).toBe('[Free]\u200b(https://evil.example)');
    expect(store.snapshot(GUILD).topics[0]?.yaml).toBe(text);
  });
});

describe('GIVEN a topic of the same id exists', () => {
  it('WHEN Save is pressed THEN it asks to confirm the replacement, and replaces only when confirmed', async () => {
    const app = make();
    await app.save((await previewOf(app)).token, moderator, false);
    now += 1000;
    const second = await previewOf(app, CHEM.replace('title: Chemistry 101', 'title: Chemistry One'));
    expect(second.replaces).toMatchObject({
      topicId: 'chem-101',
      questions: 4,
      uploadedBy: moderator.userId,
    });
    const asked = await app.save(second.token, moderator, false);
    expect(asked).toMatchObject({ status: 'confirm-replace', token: second.token, topicId: 'chem-101' });
    expect(banks.bank(GUILD).topics[1]?.title).toBe('Chemistry 101');
    expect(await app.save(second.token, moderator, true)).toMatchObject({ status: 'saved', replaced: true });
    expect(banks.bank(GUILD).topics[1]?.title).toBe('Chemistry One');
  });
});

describe('GIVEN buttons that are not this member’s to press', () => {
  it('THEN a forged, used, expired or someone else’s token is refused politely, and nothing is saved', async () => {
    const app = make();
    const preview = await previewOf(app);
    await expect(app.save('forged', moderator, false)).rejects.toThrow(/expired or was already used/);
    const otherModerator = { ...moderator, userId: '300000000000000009' };
    await expect(app.save(preview.token, otherModerator, false)).rejects.toThrow(/someone else/);
    await expect(app.save(preview.token, { ...moderator, guildId: OTHER_GUILD }, false)).rejects.toThrow(
      /someone else/,
    );
    now += 60_000;
    await expect(app.save(preview.token, moderator, false)).rejects.toThrow(/expired/);
    expect(await store.guildIds()).toEqual([]);
  });

  it('THEN a member without Manage Server can neither upload nor save', async () => {
    const app = make();
    await expect(app.upload({ actor: member, fileName: 'chem.yaml', text: CHEM })).rejects.toThrow(
      /Manage Server/,
    );
    const preview = await previewOf(app);
    await expect(app.save(preview.token, { ...moderator, canManage: false }, false)).rejects.toThrow(
      /Manage Server/,
    );
  });

  it('WHEN Cancel is pressed THEN the preview is gone', async () => {
    const app = make();
    const preview = await previewOf(app);
    expect(app.cancel(preview.token, moderator)).toBe('upload');
    await expect(app.save(preview.token, moderator, false)).rejects.toThrow(/expired or was already used/);
  });
});

describe('GIVEN limits', () => {
  it('WHEN the file is over the size limit THEN it is refused with the limit and what to do', async () => {
    const app = make(inProcess, { fileBytes: 100 });
    await expect(app.upload({ actor: moderator, fileName: 'chem.yaml', text: CHEM })).rejects.toThrow(
      /chem\.yaml is 0\.00 MB; a file may be at most 0\.00 MB\. Split it into several topics/,
    );
  });

  it('WHEN the server would pass its question limit THEN it is refused and nothing is saved', async () => {
    const app = make(inProcess, { questionsPerServer: 5 });
    await app.save((await previewOf(app)).token, moderator, false);
    const other = plainTopic('physics', 2);
    const error = await app.upload({ actor: moderator, fileName: 'b.yaml', text: other }).catch((e) => e);
    expect(error).toBeInstanceOf(UserError);
    expect(error.message).toMatch(
      /has 2 questions and this server's other topics 4: a server may have at most 5/,
    );
  });

  it('WHEN the server has as many topics as allowed THEN a new one is refused, but replacing one is not', async () => {
    const app = make(inProcess, { topicsPerServer: 1 });
    await app.save((await previewOf(app)).token, moderator, false);
    const other = plainTopic('physics', 1);
    await expect(app.upload({ actor: moderator, fileName: 'b.yaml', text: other })).rejects.toThrow(
      /already has 1 topics, the most a server may have/,
    );
    await expect(previewOf(app)).resolves.toMatchObject({ topicId: 'chem-101' });
  });

  it('WHEN reading takes too long THEN the upload is refused with the time limit', async () => {
    const app = make(async () => 'timed-out');
    await expect(app.upload({ actor: moderator, fileName: 'slow.yaml', text: CHEM })).rejects.toThrow(
      /took longer than 5 s, so it was stopped/,
    );
  });
});

describe('GIVEN ids already used in the server', () => {
  it("THEN a second topic reusing a question id of the first gets validate's issue for it", async () => {
    const app = make();
    await app.save((await previewOf(app)).token, moderator, false);
    const other = plainTopic('physics', 1).replace('physics-q0', 'chem-open-1');
    const outcome = await app.upload({ actor: moderator, fileName: 'b.yaml', text: other });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.issues.map((i) => i.message).join('\n')).toMatch(/chem-open-1/);
  });
});

describe('GIVEN a stored topic that no longer validates', () => {
  it('THEN it is listed with its problem, exported as stored, and not played', async () => {
    await store.saveTopic(GUILD, {
      topicId: 'broken',
      yaml: 'topic: broken\ntitle: Broken\nquestions: [{ type: nope }]\n',
      uploadedBy: moderator.userId,
      uploadedAt: now,
    });
    const problems = await banks.load();
    expect(problems).toEqual([
      {
        guildId: GUILD,
        topicId: 'broken',
        problem: expect.stringMatching(/^no longer validates.*broken\.yaml:3/),
      },
    ]);
    const app = make();
    expect(app.list(GUILD).server).toMatchObject([{ topicId: 'broken', problem: expect.any(String) }]);
    expect(app.export(GUILD, 'broken').yaml).toMatch(/type: nope/);
    expect(banks.bank(GUILD).topics.map((t) => t.id)).toEqual(['sample']);
  });
});

describe('GIVEN removal', () => {
  it('THEN it needs the confirmation button, and a shipped topic cannot be removed', async () => {
    const app = make();
    await app.save((await previewOf(app)).token, moderator, false);
    expect(() => app.requestRemoval(moderator, 'sample')).toThrow(/shipped with the bot/);
    const { token, topic } = app.requestRemoval(moderator, 'chem-101');
    expect(topic).toMatchObject({ topicId: 'chem-101', questions: 4 });
    expect(banks.bank(GUILD).topics).toHaveLength(2);
    await app.confirmRemoval(token, moderator);
    expect(banks.bank(GUILD).topics.map((t) => t.id)).toEqual(['sample']);
    expect(() => app.export(GUILD, 'chem-101')).toThrow(/no topic "chem\\-101"/);
  });
});

describe('GIVEN uploads read in a worker thread', () => {
  it('THEN a valid file reads as in process', async () => {
    const app = make(parseUploadInWorker(20_000));
    expect((await previewOf(app)).questions).toBe(4);
  });
});

describe('GIVEN a server with several topics', () => {
  it('WHEN one changes THEN only that one is read again, and the others stay as they were', async () => {
    const reads: string[] = [];
    const counting = new GuildBanks({
      shipped,
      store,
      readTopic: (input) => {
        reads.push(input.fileName);
        return readTopicUpload(input);
      },
    });
    for (const id of ['alpha', 'beta', 'gamma'])
      await store.saveTopic(GUILD, {
        topicId: id,
        yaml: plainTopic(id, 2),
        uploadedBy: '1',
        uploadedAt: now,
      });
    await counting.load();
    expect(reads).toEqual(['alpha.yaml', 'beta.yaml', 'gamma.yaml']);
    reads.length = 0;
    await store.saveTopic(GUILD, {
      topicId: 'beta',
      yaml: plainTopic('beta', 3),
      uploadedBy: '1',
      uploadedAt: now,
    });
    await counting.refresh(GUILD);
    expect(reads).toEqual(['beta.yaml']);
    expect(counting.bank(GUILD).questions.filter((q) => q.topic !== 'sample')).toHaveLength(7);
  });
});
