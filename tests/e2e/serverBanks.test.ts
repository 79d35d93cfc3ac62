import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PermissionFlagsBits } from 'discord.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BANK_LIMITS } from '../../src/app/bankLimits.ts';
import { formatBankIssue } from '../../src/bank/bankIssue.ts';
import { loadBank } from '../../src/bank/loadBank.ts';
import { readTopicUpload } from '../../src/bank/topicUpload.ts';
import { inertText } from '../../src/discord/render/text.ts';
import type { MemberDriver, OptionValue, StoredMessage } from '../../src/loopback/index.ts';
import { createBankStore } from '../../src/store/createBankStore.ts';
import { startPostgres, type TestPostgres } from '../support/startPostgres.ts';
import {
  type BotWorld,
  botWorldPerTest,
  buttonIds,
  embedOf,
  letTimeRunOut,
  questionShown,
  SAMPLE_BANK,
  startQuiz,
  waitForQuestion,
  waitForSummary,
} from './botHarness.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures');
const CHEM_FILE = path.join(FIXTURES, 'imports/upload-topic.yaml');
const MODERATOR = PermissionFlagsBits.SendMessages | PermissionFlagsBits.ManageGuild;

const worlds = botWorldPerTest();
let chem: string;
let dirs: string[] = [];
beforeAll(async () => {
  chem = await readFile(CHEM_FILE, 'utf8');
});
afterEach(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  dirs = [];
});

const moderator = (w: BotWorld, guildId?: string) =>
  w.member('Mo', { permissions: MODERATOR, ...(guildId ? { guildId } : {}) });

function upload(
  w: BotWorld,
  member: MemberDriver,
  filename: string,
  content: string | Uint8Array,
  options: Record<string, OptionValue> = {},
  channelId = w.channelId,
) {
  return member.runCommand(
    'bank',
    { subcommand: 'upload', options: { file: { attachment: { filename, content } }, ...options } },
    { channelId },
  );
}

function bank(
  w: BotWorld,
  member: MemberDriver,
  subcommand: string,
  options: Record<string, OptionValue> = {},
) {
  return member.runCommand('bank', { subcommand, options }, { channelId: w.channelId });
}

const button = (message: StoredMessage, action: string) => {
  const id = buttonIds(message).find((custom) => custom.startsWith(`bank:${action}:`));
  if (!id) throw new Error(`no ${action} button on ${message.content}`);
  return id;
};

/** Uploads, checks the preview, presses Save; returns the final message. */
async function uploadAndSave(w: BotWorld, member: MemberDriver, filename: string, content: string) {
  const preview = await upload(w, member, filename, content).reply({ timeoutMs: 20_000 });
  expect(preview.ephemeral).toBe(true);
  return member.click(preview, button(preview, 'save')).reply();
}

describe('GIVEN a moderator uploads a YAML topic', () => {
  it('THEN it is previewed privately, saved, played in a round and explained', async () => {
    const w = await worlds.start();
    const mo = moderator(w);
    const preview = await upload(w, mo, 'chem.yaml', chem).reply({ timeoutMs: 20_000 });
    expect(preview.ephemeral).toBe(true);
    expect(preview.content).toMatch(/\*\*Chemistry 101\*\* \(`chem-101`, yaml\): 4 questions/);
    expect(preview.content).toMatch(
      /1 multiple-choice, 1 true-false, 1 short-answer, 1 open; 1 easy, 2 medium, 1 hard/,
    );
    expect(preview.content).toMatch(/2 concepts of its own/);
    expect(embedOf(preview).description).toMatch(/^Which bond shares a pair of electrons\?/);
    expect(embedOf(preview).title).toContain('Chemistry 101');
    expect(buttonIds(preview).filter((id) => id.startsWith('bank:'))).toHaveLength(2);

    const saved = await mo.click(preview, button(preview, 'save')).reply();
    expect(saved.content).toMatch(/^Saved \*\*Chemistry 101\*\* \(`chem-101`, 4 questions\)/);
    expect(saved.components).toEqual([]);

    const offered = await mo
      .autocomplete('quiz', { subcommand: 'start', options: { topic: 'chem' }, focused: 'topic' })
      .choices();
    expect(offered).toEqual([{ name: 'Chemistry 101 (4 questions)', value: 'chem-101' }]);

    await startQuiz(w, mo, { topic: 'chem-101', count: 1 }).reply();
    const question = await waitForQuestion(w, 1);
    expect(embedOf(question).title).toContain('Chemistry 101');
    expect(questionShown(w, question).topic).toBe('chem-101');
    await letTimeRunOut(w, question);
    await waitForSummary(w);

    const explained = await mo.runCommand('explain', { options: { concept: 'molecular bond' } }).reply();
    expect(embedOf(explained).title).toContain('Covalent bond');
    const shipped = await mo.runCommand('explain', { options: { concept: 'anarchy' } }).reply();
    expect(embedOf(shipped).title).toContain('Anarchy');
  });

  it('THEN /bank export gives back the YAML that was saved, as a file', async () => {
    const w = await worlds.start();
    const mo = moderator(w);
    await uploadAndSave(w, mo, 'chem.yaml', chem);
    const exported = await bank(w, mo, 'export', { topic: 'chem-101' }).reply();
    expect(exported.ephemeral).toBe(true);
    expect(exported.content).toBe('Here is `chem-101.yaml` as it was saved.');
    // The loopback keeps a multipart body's JSON only: the file itself is checked where it is kept.
    const sent = w.loopback.driver.requests.find(
      (r) =>
        r.method === 'POST' &&
        r.path.includes('/callback') &&
        JSON.stringify(r.body).includes('chem-101.yaml'),
    );
    const body = (sent?.body ?? {}) as { data?: { attachments?: unknown[] } };
    expect(body.data?.attachments).toHaveLength(1);
    expect(w.bot.context.app.serverBanks?.export(w.guildId, 'chem-101').yaml).toBe(chem);
    expect((await w.bankStore.guildBank(w.guildId)).topics[0]?.yaml).toBe(chem);
  });

  it('WHEN the same topic is uploaded again THEN Save asks before replacing it', async () => {
    const w = await worlds.start();
    const mo = moderator(w);
    await uploadAndSave(w, mo, 'chem.yaml', chem);
    const again = await upload(w, mo, 'chem.yaml', chem.replace('Chemistry 101', 'Chemistry One')).reply();
    expect(again.content).toMatch(/already has a topic `chem-101`/);
    const asked = await mo.click(again, button(again, 'save')).reply();
    expect(asked.content).toMatch(/Replace it with the new file\?/);
    const replaced = await mo.click(asked, button(asked, 'replace')).reply();
    expect(replaced.content).toMatch(/^Replaced \*\*Chemistry One\*\*/);
    expect(w.bot.context.app.topics('chem', w.guildId)).toEqual([
      { id: 'chem-101', title: 'Chemistry One', questions: 4 },
    ]);
  });

  it('WHEN a topic is removed THEN only after the confirmation', async () => {
    const w = await worlds.start();
    const mo = moderator(w);
    await uploadAndSave(w, mo, 'chem.yaml', chem);
    const asked = await bank(w, mo, 'remove', { topic: 'chem-101' }).reply();
    expect(asked.content).toMatch(/Remove \*\*Chemistry 101\*\* \(`chem-101`, 4 questions\)/);
    expect(w.bot.context.app.topics('chem', w.guildId)).toHaveLength(1);
    const removed = await mo.click(asked, button(asked, 'remove')).reply();
    expect(removed.content).toMatch(/^Removed \*\*Chemistry 101\*\*/);
    expect(w.bot.context.app.topics('chem', w.guildId)).toEqual([]);
  });

  it('WHEN the shipped bank is hidden THEN /quiz offers only the server topics and /explain keeps the shipped glossary', async () => {
    const w = await worlds.start();
    const mo = moderator(w);
    await uploadAndSave(w, mo, 'chem.yaml', chem);
    const hidden = await bank(w, mo, 'shipped', { enabled: false }).reply();
    expect(hidden.content).toMatch(/hidden from `\/quiz` in this server/);
    const offered = await mo
      .autocomplete('quiz', { subcommand: 'start', options: { topic: '' }, focused: 'topic' })
      .choices();
    expect(offered?.map((c) => c.value)).toEqual(['chem-101']);
    const list = await bank(w, mo, 'list').reply();
    expect(list.content).toMatch(/hidden here/);
    expect(list.content).toMatch(
      /\*\*Chemistry 101\*\* \(`chem-101`, 4 questions, uploaded by <@\d+> <t:\d+:R>\)/,
    );
    const shipped = await mo.runCommand('explain', { options: { concept: 'security-dilemma' } }).reply();
    expect(embedOf(shipped).title).toContain('Security dilemma');
  });
});

describe('GIVEN a moderator uploads a term–definition export', () => {
  it('WHEN it is a Quizlet TSV THEN it is previewed, saved, played, explained, and exported as the bank’s YAML', async () => {
    const w = await worlds.start();
    const mo = moderator(w);
    const tsv = await readFile(path.join(FIXTURES, 'imports/Chem 101.tsv'), 'utf8');
    const preview = await upload(w, mo, 'Chem 101.tsv', tsv).reply({ timeoutMs: 20_000 });
    expect(preview.content).toMatch(
      /^\*\*Chem 101\*\* \(`chem-101`, tsv\): 12 questions — 6 multiple-choice, 6 short-answer; 12 medium; 6 concepts of its own\./,
    );
    expect(preview.content).toMatch(/6 cards turned into 6 multiple-choice and 6 short-answer questions/);
    const saved = await mo.click(preview, button(preview, 'save')).reply();
    expect(saved.content).toMatch(/^Saved \*\*Chem 101\*\*/);

    await startQuiz(w, mo, { topic: 'chem-101', count: 1 }).reply();
    const question = await waitForQuestion(w, 1);
    expect(embedOf(question).title).toContain('Chem 101');
    const definitions = tsv.split('\n').flatMap((line) => line.split('\t')[1] ?? []);
    const shown = (embedOf(question).description ?? '').replace(/\\(.)/g, '$1');
    expect(definitions.some((definition) => shown.includes(definition))).toBe(true);
    await letTimeRunOut(w, question);
    await waitForSummary(w);
    const explained = await mo.runCommand('explain', { options: { concept: 'covalent bond' } }).reply();
    expect(embedOf(explained).title).toContain('Covalent bond');

    const exported = w.bot.context.app.serverBanks?.export(w.guildId, 'chem-101');
    expect(exported?.yaml).toBe((await w.bankStore.guildBank(w.guildId)).topics[0]?.yaml);
    expect(exported?.yaml).toMatch(/^topic: chem-101\n/);
    // What export gives back is a valid topic in the bank's own format.
    const again = await upload(w, mo, 'chem-101.yaml', exported?.yaml ?? '').reply();
    expect(again.content).toMatch(/^\*\*Chem 101\*\* \(`chem-101`, yaml\): 12 questions/);
  });

  it('WHEN it is a CSV with a topic: option THEN the topic takes that id', async () => {
    const w = await worlds.start();
    const mo = moderator(w);
    const csv = await readFile(path.join(FIXTURES, 'imports/biology.csv'), 'utf8');
    const preview = await upload(w, mo, 'biology.csv', csv, { topic: 'bio-basics' }).reply({
      timeoutMs: 20_000,
    });
    expect(preview.content).toMatch(/\(`bio-basics`, csv\): 8 questions/);
    expect(preview.content).toMatch(/read as column names, not a card/);
  });
});

describe('GIVEN a moderator uploads a GIFT file (Moodle), as .txt', () => {
  it('THEN the content tells the format, and it is previewed, saved, played and explained', async () => {
    const w = await worlds.start();
    const mo = moderator(w);
    const gift = await readFile(path.join(FIXTURES, 'imports/Chem quiz.txt'), 'utf8');
    const preview = await upload(w, mo, 'Chem quiz.txt', gift).reply({ timeoutMs: 20_000 });
    expect(preview.content).toMatch(
      /^\*\*Chem quiz\*\* \(`chem-quiz`, gift\): 5 questions — 1 multiple-choice, 3 true-false, 1 short-answer; 5 medium/,
    );
    expect(preview.content).toMatch(/ids generated from the prompt for 5 questions/);
    expect(embedOf(preview).description).toMatch(/^Which bond shares a pair of electrons\?/);
    await mo.click(preview, button(preview, 'save')).reply();

    await startQuiz(w, mo, { topic: 'Chem quiz', count: 1 }).reply();
    const question = await waitForQuestion(w, 1);
    expect(questionShown(w, question).topic).toBe('chem-quiz');
    await letTimeRunOut(w, question);
    await waitForSummary(w);
    const explained = await mo.runCommand('explain', { options: { concept: 'chem-quiz' } }).reply();
    expect(embedOf(explained).title).toContain('Chem quiz');
    expect(w.bot.context.app.serverBanks?.export(w.guildId, 'chem-quiz').yaml).toMatch(/^topic: chem-quiz\n/);
  });
});

describe('GIVEN members who may not manage the bank', () => {
  it('THEN Discord hides /bank from them, and the bot refuses it anyway', async () => {
    const w = await worlds.start();
    const bob = w.member('Bob');
    expect(() => bank(w, bob, 'list')).toThrow(/hidden from bob/);
    const refused = await bob
      .runCommand(
        'bank',
        { subcommand: 'shipped', options: { enabled: false } },
        { channelId: w.channelId, force: true },
      )
      .reply();
    expect(refused.ephemeral).toBe(true);
    expect(refused.content).toMatch(/Only members with Manage Server/);
    expect((await w.bankStore.guildBank(w.guildId)).shippedEnabled).toBe(true);
  });

  it('THEN a forged or stale button gets a polite private refusal', async () => {
    const w = await worlds.start();
    const mo = moderator(w);
    const preview = await upload(w, mo, 'chem.yaml', chem).reply();
    const forged = await mo.click(preview, 'bank:save:0123456789abcdef', { force: true }).reply();
    expect(forged.ephemeral).toBe(true);
    expect(forged.content).toMatch(/expired or was already used/);
    const save = button(preview, 'save');
    const cancelled = await mo.click(preview, button(preview, 'cancel')).reply();
    expect(cancelled.content).toBe('Cancelled: nothing was saved.');
    const stale = await mo.click(preview, save, { force: true }).reply();
    expect(stale.content).toMatch(/expired or was already used/);
    expect(await w.bankStore.guildIds()).toEqual([]);
  });
});

describe('GIVEN a broken file', () => {
  it('THEN the reply gives the problems as `studyquiz validate` words them, privately, and nothing is saved', async () => {
    const w = await worlds.start();
    const mo = moderator(w);
    const file = path.join(FIXTURES, 'broken/bad-difficulty.yaml');
    const refused = await upload(w, mo, 'bad-difficulty.yaml', await readFile(file, 'utf8')).reply();
    const validate = (await loadBank([file])).issues.filter((issue) => issue.file === file);
    expect(validate.length).toBeGreaterThan(0);
    expect(refused.ephemeral).toBe(true);
    expect(refused.content).toMatch(/^✖ \*\*bad-difficulty\.yaml\*\* has 1 problem; nothing was saved\./);
    for (const issue of validate)
      expect(refused.content).toContain(
        inertText(formatBankIssue({ ...issue, file: 'bad-difficulty.yaml' }), 300),
      );
    expect(await w.bankStore.guildIds()).toEqual([]);
  });

  it('THEN every file of the broken corpus is refused with its own problems, and the bot keeps running', async () => {
    const w = await worlds.start();
    const mo = moderator(w);
    const { bank: shipped } = await loadBank([SAMPLE_BANK]);
    const dir = path.join(FIXTURES, 'broken');
    // Valid as uploads: ids are generated, and an upload's topic id need not match its file name.
    const validUploads = new Set(['glossary.yaml', 'missing-id.yaml', 'topic-mismatch.yaml']);
    for (const name of (await readdir(dir)).filter((f) => !validUploads.has(f)).sort()) {
      const bytes = await readFile(path.join(dir, name));
      const refused = await upload(w, mo, name, bytes).reply({ timeoutMs: 20_000 });
      expect(refused.ephemeral, name).toBe(true);
      expect(buttonIds(refused), name).toEqual([]);
      let text: string;
      try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      } catch {
        expect(refused.content, name).toMatch(/is not UTF-8 text/);
        continue;
      }
      const read = readTopicUpload({
        fileName: name,
        text,
        knownConceptIds: new Set(shipped.glossary.concepts.map((c) => c.id)),
        reservedQuestionIds: new Set(shipped.questions.map((q) => q.id)),
        reservedConceptIds: new Set(shipped.glossary.concepts.map((c) => c.id)),
      });
      if (read.ok) throw new Error(`${name} reads as valid`);
      expect(refused.content, name).toContain(inertText(formatBankIssue(read.issues[0] as never), 300));
      if (read.issues.length > 8) expect(refused.content, name).toMatch(/…and \d+ more problems?/);
    }
    expect(await w.bankStore.guildIds()).toEqual([]);
  }, 180_000);

  it('THEN the broken-bank corpus goes through /bank upload too: topics are checked against the server’s bank', async () => {
    const w = await worlds.start();
    const mo = moderator(w);
    const corpus = path.join(FIXTURES, 'broken-banks');
    const read = (file: string) => readFile(path.join(corpus, file), 'utf8');
    const glossary = await upload(
      w,
      mo,
      'glossary.yaml',
      await read('broken-glossary/glossary.yaml'),
    ).reply();
    expect(glossary.content).toMatch(/^✖ \*\*glossary\.yaml\*\* has \d+ problems?/);
    await uploadAndSave(w, mo, 'first.yaml', await read('duplicate-across-files/first.yaml'));
    const second = await upload(
      w,
      mo,
      'second.yaml',
      await read('duplicate-across-files/second.yaml'),
    ).reply();
    expect(second.content).toMatch(/^✖ \*\*second\.yaml\*\*/);
    expect(second.content).toMatch(/shared-1/);
    const lonely = await upload(w, mo, 'lonely.yaml', await read('no-glossary/lonely.yaml')).reply();
    expect(lonely.content).toMatch(/\*\*Lonely\*\* \(`lonely`, yaml\): 1 question/);
  }, 60_000);

  it('THEN broken imports, an empty file and prose are refused with the problems the reader finds, at their lines', async () => {
    const w = await worlds.start();
    const mo = moderator(w);
    const { bank: shipped } = await loadBank([SAMPLE_BANK]);
    const dir = path.join(FIXTURES, 'imports');
    for (const name of (await readdir(dir)).filter((f) => /^(broken-|empty\.|not-a-bank\.)/.test(f)).sort()) {
      const text = await readFile(path.join(dir, name), 'utf8');
      const refused = await upload(w, mo, name, text).reply({ timeoutMs: 20_000 });
      const ids = new Set(shipped.glossary.concepts.map((c) => c.id));
      const read = readTopicUpload({
        fileName: name,
        text,
        knownConceptIds: ids,
        reservedQuestionIds: new Set(shipped.questions.map((q) => q.id)),
        reservedConceptIds: ids,
      });
      if (read.ok) throw new Error(`${name} reads as valid`);
      expect(refused.content, name).toMatch(/^✖ /);
      expect(refused.content, name).toContain(inertText(formatBankIssue(read.issues[0] as never), 300));
    }
  }, 60_000);

  it('WHEN the file is over 1 MB THEN it is refused with the limit and what to do', async () => {
    const w = await worlds.start();
    const mo = moderator(w);
    const refused = await upload(w, mo, 'huge.yaml', 'a'.repeat(1024 * 1024 + 1)).reply();
    expect(refused.content).toMatch(/over the 1 MB limit: split it into smaller files/);
  });
});

describe('GIVEN a server at its limits', () => {
  it('THEN an upload past the questions or the topics allowed is refused with the limit and what to do', async () => {
    const w = await worlds.start({
      bankLimits: { ...BANK_LIMITS, questionsPerServer: 5, topicsPerServer: 2 },
    });
    const mo = moderator(w);
    await uploadAndSave(w, mo, 'chem.yaml', chem);
    const topic = (id: string, count: number) =>
      `topic: ${id}\ntitle: ${id}\nquestions:\n${Array.from({ length: count }, (_, i) => `  - { id: ${id}-${i}, type: true-false, concepts: [anarchy], prompt: "Claim ${i}", answer: true, explanation: "Yes." }\n`).join('')}`;
    const tooMany = await upload(w, mo, 'more.yaml', topic('more', 2)).reply();
    expect(tooMany.content).toMatch(
      /^This topic has 2 questions and this server's other topics 4: a server may have at most 5\. Remove a topic with `\/bank remove`/,
    );
    await uploadAndSave(w, mo, 'one.yaml', topic('one', 1));
    const third = await upload(w, mo, 'two.yaml', topic('two', 1)).reply();
    expect(third.content).toMatch(/already has 2 topics, the most a server may have/);
    expect((await w.bankStore.guildBank(w.guildId)).topics.map((t) => t.topicId)).toEqual([
      'chem-101',
      'one',
    ]);
  });
});

describe('GIVEN two servers', () => {
  it("THEN one server's topics and concepts never show in the other", async () => {
    const w = await worlds.start();
    const other = w.loopback.world.createGuild({ name: 'Other Group', channels: ['quiz'] });
    const otherChannel = other.channels[0]?.id ?? '';
    await uploadAndSave(w, moderator(w), 'chem.yaml', chem);
    const outsider = moderator(w, other.id);
    const offered = await outsider
      .autocomplete(
        'quiz',
        { subcommand: 'start', options: { topic: 'chem' }, focused: 'topic' },
        { channelId: otherChannel },
      )
      .choices();
    expect(offered).toEqual([]);
    const concepts = await outsider
      .autocomplete(
        'explain',
        { options: { concept: 'covalent' }, focused: 'concept' },
        { channelId: otherChannel },
      )
      .choices();
    expect(concepts).toEqual([]);
    const list = await outsider
      .runCommand('bank', { subcommand: 'list' }, { channelId: otherChannel })
      .reply();
    expect(list.content).toMatch(/none yet/);
    const refused = await outsider
      .runCommand(
        'quiz',
        { subcommand: 'start', options: { topic: 'chem-101' } },
        { channelId: otherChannel },
      )
      .reply();
    expect(refused.content).toMatch(/There is no topic "chem\\-101"/);
  });
});

describe('GIVEN a restart', () => {
  it('WITH the JSON store THEN the server keeps its topics, one YAML file each', async () => {
    const banksDir = await mkdtemp(path.join(tmpdir(), 'studyquiz-banks-'));
    dirs.push(banksDir);
    const w = await worlds.start({ banksDir });
    const mo = moderator(w);
    await uploadAndSave(w, mo, 'chem.yaml', chem);
    expect(await readFile(path.join(banksDir, w.guildId, 'chem-101.yaml'), 'utf8')).toBe(chem);
    await w.restart();
    const list = await bank(w, mo, 'list').reply();
    expect(list.content).toMatch(/\*\*Chemistry 101\*\* \(`chem-101`, 4 questions/);
    expect(w.bot.context.app.topics('chem', w.guildId)).toHaveLength(1);
  });

  describe('WITH the PostgreSQL store', () => {
    let postgres: TestPostgres;
    beforeAll(async () => {
      postgres = await startPostgres();
    }, 60_000);
    afterAll(() => postgres.remove());

    it('THEN the server keeps its topics and its shipped-bank setting', async () => {
      const url = await postgres.createDatabase();
      const w = await worlds.start({
        makeBankStore: () => createBankStore({ kind: 'postgres', connectionString: url }),
      });
      const mo = moderator(w);
      await uploadAndSave(w, mo, 'chem.yaml', chem);
      await bank(w, mo, 'shipped', { enabled: false }).reply();
      await w.restart();
      expect(w.bot.context.app.topics('', w.guildId)).toEqual([
        { id: 'chem-101', title: 'Chemistry 101', questions: 4 },
      ]);
      const exported = w.bot.context.app.serverBanks?.export(w.guildId, 'chem-101');
      expect(exported?.yaml).toBe(chem);
    });
  });
});
