import { PermissionFlagsBits } from 'discord.js';
import { describe, expect, it } from 'vitest';
import {
  answerQuestion,
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

const worlds = botWorldPerTest();

describe('who may stop and skip a round', () => {
  it('GIVEN a member who neither started the round nor moderates THEN stop and skip are refused privately and the round goes on', async () => {
    const w = await worlds.start();
    await startQuiz(w, w.member('Ann'), { count: 2 }).reply();
    await waitForQuestion(w, 1);
    for (const subcommand of ['stop', 'skip']) {
      const refusal = await w
        .member('Bob')
        .runCommand('quiz', { subcommand }, { channelId: w.channelId })
        .reply();
      expect(refusal.ephemeral).toBe(true);
      expect(refusal.content).toMatch(
        new RegExp(`Only the member who started this round.*can ${subcommand} it`),
      );
    }
    expect(w.bot.context.app.rounds.inChannel(w.channelId)?.phase).toBe('asking');
  });

  it('GIVEN the starter skips THEN the question closes at once with the answers so far', async () => {
    const w = await worlds.start();
    const ann = w.member('Ann');
    await startQuiz(w, ann, { count: 2 }).reply();
    const message = await waitForQuestion(w, 1);
    await (await answerQuestion(ann, message, questionShown(w, message), true)).reply();
    const skipped = await ann.runCommand('quiz', { subcommand: 'skip' }, { channelId: w.channelId }).reply();
    expect(skipped.content).toMatch(/\*\*Ann\*\* closed this question early/);
    const revealed = await w.loopback.driver.waitForEdit(message, (m) => embedText(m).includes('✅'));
    expect(embedText(revealed)).toMatch(/Ann \*\*\+100\*\*/);
  });

  it('GIVEN a moderator with Manage Messages stops a round THEN it ends with a summary and the channel is free', async () => {
    const w = await worlds.start();
    const ann = w.member('Ann');
    await startQuiz(w, ann, { count: 3 }).reply();
    const first = await waitForQuestion(w, 1);
    await (await answerQuestion(ann, first, questionShown(w, first), true)).reply();
    await letTimeRunOut(w, first);
    w.scheduler.advance(5_000);
    await waitForQuestion(w, 2);
    const mod = w.member('Mod', {
      permissions: PermissionFlagsBits.SendMessages | PermissionFlagsBits.ManageMessages,
    });
    const stopped = await mod.runCommand('quiz', { subcommand: 'stop' }, { channelId: w.channelId }).reply();
    expect(stopped.content).toMatch(/\*\*Mod\*\* stopped the round/);
    const summary = await waitForSummary(w);
    expect(embedOf(summary).title).toMatch(/^Round stopped/);
    expect(embedOf(summary).description).toBe('🥇 **Ann** — 100 pts · 1/1 correct (100%)');
    expect(embedOf(summary).footer?.text).toMatch(/^1 of 3 questions played · 1 player/);
    const again = await startQuiz(w, w.member('Bob'), { count: 1 }).reply();
    expect(again.content).toMatch(/\*\*Bob\*\* started a quiz/);
  });

  it('GIVEN a live round THEN a second /quiz start in the channel is refused privately with a pointer to it', async () => {
    const w = await worlds.start();
    await startQuiz(w, w.member('Ann'), { count: 2 }).reply();
    const question = await waitForQuestion(w, 1);
    const refusal = await startQuiz(w, w.member('Bob'), { count: 5 }).reply();
    expect(refusal.ephemeral).toBe(true);
    expect(refusal.content).toMatch(
      /A round is already running in this channel \(question 1 of 2, started by <@\d+>\)/,
    );
    expect(refusal.content).toContain(`/channels/${w.guildId}/${w.channelId}/${question.id}`);
  });
});

describe('a stopped round closes its open question', () => {
  const closedBy = async (
    w: Awaited<ReturnType<typeof worlds.start>>,
    message: Parameters<typeof embedText>[0],
    why: RegExp,
  ) => {
    const closed = await w.loopback.driver.waitForEdit(message, (m) =>
      (embedOf(m).fields ?? []).some((field) => field.name === 'Round stopped'),
    );
    const components = JSON.stringify(closed.components);
    expect(components).not.toContain('"disabled":false');
    expect(buttonIds(closed).length).toBeGreaterThan(0);
    expect(embedText(closed)).not.toMatch(/<t:\d+:R>/);
    expect(embedText(closed)).toMatch(why);
    expect(embedText(closed)).toMatch(/This question was not scored/);
    return closed;
  };

  it('GIVEN a member stops the round mid-question THEN the question message shows the round stopped, buttons disabled', async () => {
    const w = await worlds.start();
    const ann = w.member('Ann');
    await startQuiz(w, ann, { count: 2 }).reply();
    const message = await waitForQuestion(w, 1);
    await ann.runCommand('quiz', { subcommand: 'stop' }, { channelId: w.channelId }).reply();
    await closedBy(w, message, /A member stopped the round/);
    const late = await w
      .member('Bob')
      .click(message, buttonIds(message)[0] as string, { force: true })
      .reply();
    expect(late.content).toMatch(/This round is over/);
  });

  it('GIVEN the bot shuts down mid-question THEN the question message says the bot is restarting', async () => {
    const w = await worlds.start();
    await startQuiz(w, w.member('Ann'), { count: 2 }).reply();
    const message = await waitForQuestion(w, 1);
    await w.bot.shutdown();
    await closedBy(w, message, /The bot is restarting/);
  });

  it('GIVEN a stop during a reveal THEN the reveal stays as it was', async () => {
    const w = await worlds.start();
    const ann = w.member('Ann');
    await startQuiz(w, ann, { count: 2 }).reply();
    const message = await waitForQuestion(w, 1);
    await letTimeRunOut(w, message);
    const versionsAtReveal = message.history.length;
    await ann.runCommand('quiz', { subcommand: 'stop' }, { channelId: w.channelId }).reply();
    await waitForSummary(w);
    expect(message.history.length).toBe(versionsAtReveal);
    expect(embedText(message)).toMatch(/✅/);
  });
});

describe('answers', () => {
  it('GIVEN a member clicks twice, even at the same moment THEN only the first counts and the second is refused politely', async () => {
    const w = await worlds.start();
    const ann = w.member('Ann');
    await startQuiz(w, ann, { count: 1, topic: 'sample', difficulty: 'easy' }).reply();
    const message = await waitForQuestion(w, 1);
    const question = questionShown(w, message);
    const [first, second] = await Promise.all([
      answerQuestion(ann, message, question, true).then((h) => h.reply()),
      answerQuestion(ann, message, question, true).then((h) => h.reply()),
    ]);
    const texts = [first.content, second.content].sort();
    expect(texts[0]).toMatch(/already locked in/);
    expect(texts[1]).toMatch(/^🔒 Locked in/);
    await letTimeRunOut(w, message);
    const summary = await waitForSummary(w);
    expect(embedOf(summary).description).toMatch(/\*\*Ann\*\* — 100 pts · 1\/1 correct/);
  });

  it('GIVEN speed scoring THEN the faster correct answer earns more, as the reveal shows', async () => {
    const w = await worlds.start();
    const [ann, bob] = [w.member('Ann'), w.member('Bob')];
    await startQuiz(w, ann, {
      count: 1,
      scoring: 'speed',
      seconds: 20,
      topic: 'sample',
      difficulty: 'easy',
    }).reply();
    const message = await waitForQuestion(w, 1);
    const question = questionShown(w, message);
    await (await answerQuestion(ann, message, question, true)).reply();
    w.scheduler.advance(10_000);
    await (await answerQuestion(bob, message, question, true)).reply();
    const revealed = await letTimeRunOut(w, message, 10);
    expect(embedText(revealed)).toMatch(/Ann \*\*\+1000\*\*\nBob \*\*\+750\*\*/);
  });

  it('GIVEN many members answer THEN the question message shows the count, edited at most every 5 s', async () => {
    const w = await worlds.start();
    await startQuiz(w, w.member('Starter'), {
      count: 1,
      seconds: 20,
      topic: 'sample',
      difficulty: 'easy',
    }).reply();
    const message = await waitForQuestion(w, 1);
    const question = questionShown(w, message);
    for (let second = 0; second < 15; second++) {
      const clicks = [0, 1, 2].map((i) =>
        answerQuestion(w.member(`P${second}-${i}`), message, question, true),
      );
      await Promise.all((await Promise.all(clicks)).map((h) => h.reply()));
      w.scheduler.advance(1_000);
    }
    await w.loopback.driver.waitForEdit(message, (m) => embedText(m).includes('45 answers so far'));
    await letTimeRunOut(w, message, 5);
    const edits = message.history.length;
    // One post, count edits at 5, 10 and 15 s, one reveal: never one edit per click.
    expect(edits).toBeLessThanOrEqual(5);
    expect(w.loopback.driver.rateLimitedCount).toBe(0);
    expect(buttonIds(message).length).toBeGreaterThan(0);
  });
});
