import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Question } from '../../src/core/question.ts';
import type { MemberDriver, StoredMessage } from '../../src/loopback/index.ts';
import { createReviewStore } from '../../src/store/createReviewStore.ts';
import { PostgresScoreStore } from '../../src/store/postgres/PostgresScoreStore.ts';
import { startPostgres, type TestPostgres } from '../support/startPostgres.ts';
import {
  answerQuestion,
  type BotWorld,
  type BotWorldOptions,
  botWorldPerTest,
  buttonIds,
  embedOf,
  embedText,
  letTimeRunOut,
  questionShown,
  startQuiz,
  waitForQuestion,
  waitForSummary,
} from './botHarness.ts';

const DAY = 86_400_000;
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
let postgres: TestPostgres | undefined;
afterAll(() => postgres?.remove());
const worlds = botWorldPerTest();

/** The easy sample round (two questions); `correctOn` lists the question ids the member gets right. */
async function playEasyRound(
  w: BotWorld,
  member: MemberDriver,
  correctOn: string[],
  channelId = w.channelId,
) {
  await startQuiz(w, member, { count: 2, topic: 'sample', difficulty: 'easy' }, channelId).reply();
  const missed: string[] = [];
  for (const n of [1, 2]) {
    const message = await waitForQuestion(w, n, channelId);
    const question = questionShown(w, message);
    const correct = correctOn.includes(question.id);
    if (!correct) missed.push(question.id);
    await (await answerQuestion(member, message, question, correct)).reply();
    await letTimeRunOut(w, message);
    if (n === 1) w.scheduler.advance(5_000);
  }
  await waitForSummary(w, channelId);
  await w.bot.context.app.reviewRecorder.idle();
  return missed;
}

function secondChannel(w: BotWorld): string {
  return w.loopback.world.guild(w.guildId).channels[1]?.id ?? '';
}

function review(w: BotWorld, member: MemberDriver, options: Record<string, string | number> = {}) {
  return member.runCommand('review', { options }, { channelId: w.channelId });
}

function reviewQuestion(w: BotWorld, message: StoredMessage): Question {
  expect(embedOf(message).title).toMatch(/^Review \d+ of \d+/);
  return questionShown(w, message);
}

function cardField(message: StoredMessage): string {
  return embedOf(message).fields?.find((f) => f.name === 'Card')?.value ?? '';
}

describe('/review', () => {
  it('GIVEN a member missed questions in a round THEN /review brings exactly those back first, privately, and a right answer moves the card out', async () => {
    const w = await worlds.start();
    const ann = w.member('Ann');
    const missed = await playEasyRound(w, ann, ['sample-tf-1']);
    expect(missed).toEqual(['sample-mc-1']);
    const channelBefore = w.loopback.driver.messages(w.channelId).length;

    let message = await review(w, ann, { count: 2 }).reply();
    expect(message.ephemeral).toBe(true);
    const first = reviewQuestion(w, message);
    expect(first.id).toBe('sample-mc-1');
    expect(cardField(message)).toMatch(/^due <t:\d+:R>$/);
    expect(embedOf(message).fields?.map((f) => f.name)).not.toContain('Closes');

    message = await (await answerQuestion(ann, message, first, true)).reply();
    expect(message.ephemeral).toBe(true);
    const why = embedOf(message).fields?.find((f) => f.name === 'Why')?.value;
    expect(why).toBe(first.explanation);
    expect(embedText(message)).toMatch(/✅ Right/);
    expect(embedOf(message).fields?.find((f) => f.name === 'Comes back')?.value).toMatch(/^in \d+ days? \(/);
    const explain = buttonIds(message).filter((id) => id.startsWith('explain:'));
    expect(explain.length).toBeGreaterThan(0);
    const entry = await ann.click(message, explain[0] as string).reply();
    expect(entry.ephemeral).toBe(true);
    const card = (await w.reviewStore.cards(w.guildId, ann.id, ['sample-mc-1'])).get('sample-mc-1');
    expect((card?.due ?? 0) - w.scheduler.now()).toBeGreaterThanOrEqual(DAY);

    // The other card (answered right in the round) is days away: the second question is new.
    message = await ann.click(message, buttonIds(message).at(-1) as string).reply();
    const second = reviewQuestion(w, message);
    expect(['sample-mc-1', 'sample-tf-1']).not.toContain(second.id);
    expect(cardField(message)).toBe('new to you');
    if (second.type === 'open') {
      message = await ann.click(message, buttonIds(message)[0] as string).reply();
      message = await ann.click(message, buttonIds(message)[2] as string).reply();
    } else {
      message = await (await answerQuestion(ann, message, second, false)).reply();
      expect(embedText(message)).toMatch(/again in 10 minutes/);
    }
    message = await ann.click(message, buttonIds(message).at(-1) as string).reply();
    expect(embedOf(message).title).toBe('Review done');
    expect(embedOf(message).description).toMatch(/You reviewed 2 questions/);
    expect(w.loopback.driver.messages(w.channelId)).toHaveLength(channelBefore);
  });

  it('GIVEN a topic never played THEN every kind of question is reviewed: buttons, the typed-answer box, and the rating of an open one', async () => {
    const w = await worlds.start();
    const ann = w.member('Ann');
    let message = await review(w, ann, { topic: 'sample', count: 8 }).reply();
    const seen = new Set<string>();
    for (let n = 1; n <= 8; n++) {
      const question = reviewQuestion(w, message);
      seen.add(question.type);
      expect(cardField(message)).toBe('new to you');
      if (question.type === 'open') {
        message = await ann.click(message, buttonIds(message)[0] as string).reply();
        expect(embedOf(message).fields?.[0]).toEqual({ name: 'Model answer', value: question.modelAnswer });
        expect(buttonIds(message).map((id) => id.split(':')[4])).toEqual(['1', '2', '3', '4']);
        message = await ann.click(message, buttonIds(message)[3] as string).reply();
        expect(embedText(message)).toMatch(/You rated it \*\*Easy\*\*/);
      } else {
        message = await (await answerQuestion(ann, message, question, n % 2 === 0)).reply();
        expect(embedText(message)).toMatch(
          n % 2 === 0 ? /✅ Right/ : /❌ Not quite[\s\S]*again in 10 minutes/,
        );
      }
      message = await ann.click(message, buttonIds(message).at(-1) as string).reply();
    }
    expect(seen).toEqual(new Set(['multiple-choice', 'true-false', 'short-answer', 'open']));
    expect(embedOf(message).title).toBe('Review done');
    expect(embedOf(message).description).toMatch(
      /You reviewed 8 questions: 3 right, 4 missed, 1 rated by you/,
    );
    const due = await w.bot.context.app.reviews.dueCounts(w.guildId, ann.id, w.scheduler.now());
    expect(due).toEqual({ today: 4, week: 7 });
  });

  it('GIVEN two members and two servers THEN their cards never mix', async () => {
    const w = await worlds.start();
    const other = w.loopback.world.createGuild({ name: 'Other School', channels: ['quiz'] });
    const ann = w.member('Ann');
    const bob = w.member('Bob');
    await playEasyRound(w, ann, ['sample-tf-1']);
    await playEasyRound(w, bob, ['sample-mc-1'], secondChannel(w));

    const annFirst = await review(w, ann, { count: 1 }).reply();
    expect(reviewQuestion(w, annFirst).id).toBe('sample-mc-1');
    const bobFirst = await review(w, bob, { count: 1 }).reply();
    expect(reviewQuestion(w, bobFirst).id).toBe('sample-tf-1');
    // Bob cannot answer Ann's review with her button id copied onto his own message.
    const forged = await bob.click(bobFirst, buttonIds(annFirst)[0] as string, { force: true }).reply();
    expect(forged.ephemeral).toBe(true);
    expect(forged.content).toMatch(/belongs to someone else/);

    const annAbroad = w.member('Ann', { guildId: other.id });
    const abroad = await annAbroad
      .runCommand('review', {}, { channelId: other.channels[0]?.id ?? '' })
      .reply();
    expect(abroad.ephemeral).toBe(true);
    expect(abroad.content).toMatch(/Nothing to review yet/);
  });

  it('GIVEN a round running in the channel THEN a review works beside it and never touches the channel', async () => {
    const w = await worlds.start();
    const ann = w.member('Ann');
    const bob = w.member('Bob');
    await playEasyRound(w, ann, [], secondChannel(w));
    await startQuiz(w, bob, { count: 1, topic: 'sample', difficulty: 'medium' }).reply();
    const question = await waitForQuestion(w, 1);
    const before = w.loopback.driver.messages(w.channelId).map((m) => [m.id, m.history.length]);
    const message = await review(w, ann, { count: 1 }).reply();
    const shown = reviewQuestion(w, message);
    await (await answerQuestion(ann, message, shown, true)).reply();
    expect(w.loopback.driver.messages(w.channelId).map((m) => [m.id, m.history.length])).toEqual(before);
    await letTimeRunOut(w, question);
    await waitForSummary(w);
  });

  it('GIVEN a stale review button after the session moved on THEN the member gets a polite private reply', async () => {
    const w = await worlds.start();
    const ann = w.member('Ann');
    await playEasyRound(w, ann, []);
    const message = await review(w, ann, { count: 2 }).reply();
    const staleIds = buttonIds(message);
    await (await answerQuestion(ann, message, reviewQuestion(w, message), true)).reply();
    const stale = await ann.click(message, staleIds[0] as string, { force: true }).reply();
    expect(stale.ephemeral).toBe(true);
    expect(stale.content).toMatch(/answered this one already/);
    const unknown = await ann.click(message, 'review:next:zzzzzzzz:0', { force: true }).reply();
    expect(unknown.content).toMatch(/This review has ended/);
  });

  it('GIVEN an open question in a round THEN its private model answer offers Again/Hard/Good/Easy, which schedules the card', async () => {
    const w = await worlds.start();
    const ann = w.member('Ann');
    await startQuiz(w, ann, { count: 1, topic: 'sample', difficulty: 'hard' }).reply();
    // The hard questions are drawn in a seeded order; skip to the open one.
    for (let n = 1; ; n++) {
      const message = await waitForQuestion(w, 1);
      if (questionShown(w, message).type === 'open') break;
      await letTimeRunOut(w, message);
      await waitForSummary(w);
      if (n > 5) throw new Error('no open question drawn');
      w.scheduler.advance(1_000);
      await startQuiz(w, ann, { count: 1, topic: 'sample', difficulty: 'hard' }).reply();
    }
    const message = (await waitForQuestion(w, 1)) as StoredMessage;
    const publicBefore = JSON.stringify(message.components);
    const model = await ann.click(message, buttonIds(message)[0] as string).reply();
    expect(model.ephemeral).toBe(true);
    expect(buttonIds(model)).toEqual([1, 2, 3, 4].map((r) => `review:grade:sample-open-1:${r}`));
    const rated = await ann.click(model, 'review:grade:sample-open-1:1').reply();
    expect(rated.content).toMatch(/You rated it \*\*Again\*\*: it comes back for review again in 10 minutes/);
    expect(rated.components).toEqual([]);
    expect(JSON.stringify(w.loopback.driver.message(message.id)?.components)).toBe(publicBefore);
    const card = (await w.reviewStore.cards(w.guildId, ann.id, ['sample-open-1'])).get('sample-open-1');
    expect((card?.due ?? 0) - w.scheduler.now()).toBe(10 * 60_000);
  });
});

describe('cards survive a restart', () => {
  async function missThenRestart(options: BotWorldOptions) {
    const w = await worlds.start(options);
    const ann = w.member('Ann');
    expect(await playEasyRound(w, ann, ['sample-tf-1'])).toEqual(['sample-mc-1']);
    await w.restart();
    const message = await review(w, ann, { count: 1 }).reply();
    expect(reviewQuestion(w, message).id).toBe('sample-mc-1');
    expect(cardField(message)).toMatch(/^due/);
  }

  it('GIVEN the JSON store THEN the missed card comes back after a restart', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'studyquiz-reviews-e2e-'));
    dirs.push(dir);
    await missThenRestart({ storeFile: path.join(dir, 'scores.json') });
  });

  describe('on PostgreSQL', () => {
    beforeAll(async () => {
      postgres = await startPostgres();
    }, 60_000);

    it('GIVEN the PostgreSQL store THEN the missed card comes back after a restart', async () => {
      const url = await (postgres as TestPostgres).createDatabase();
      await missThenRestart({
        store: new PostgresScoreStore({ connectionString: url }),
        reviewStore: () => createReviewStore({ kind: 'postgres', connectionString: url }),
      });
    });
  });
});
