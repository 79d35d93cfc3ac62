import { PermissionFlagsBits } from 'discord.js';
import { describe, expect, it } from 'vitest';
import {
  answerQuestion,
  type BotWorld,
  botWorldPerTest,
  buttonIds,
  embedOf,
  letTimeRunOut,
  questionShown,
  startQuiz,
  waitForQuestion,
  waitForSummary,
} from './botHarness.ts';

const worlds = botWorldPerTest();

async function oneQuestionRound(w: BotWorld, options: Record<string, string | number> = {}) {
  const starter = w.member('Ann');
  await startQuiz(w, starter, { count: 1, topic: 'sample', difficulty: 'easy', ...options }).reply();
  const message = await waitForQuestion(w, 1);
  return { starter, message, question: questionShown(w, message) };
}

describe('clicks that come too late are still answered politely', () => {
  it('GIVEN a click on a question that has closed THEN the member is told privately', async () => {
    const w = await worlds.start();
    await startQuiz(w, w.member('Ann'), { count: 2, topic: 'sample', difficulty: 'easy' }).reply();
    const message = await waitForQuestion(w, 1);
    const stale = buttonIds(message)[0] as string;
    await letTimeRunOut(w, message);
    const reply = await w.member('Bob').click(message, stale, { force: true }).reply();
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toMatch(/This question has closed/);
  });

  it('GIVEN a click on a round that has ended or was stopped THEN the member is told the round is over', async () => {
    const w = await worlds.start();
    const { starter, message } = await oneQuestionRound(w);
    await starter.runCommand('quiz', { subcommand: 'stop' }, { channelId: w.channelId }).reply();
    await waitForSummary(w);
    const reply = await w
      .member('Bob')
      .click(message, buttonIds(message)[0] as string, { force: true })
      .reply();
    expect(reply.content).toMatch(/This round is over/);
  });

  it('GIVEN a short answer typed after the question closed THEN the modal submission is refused politely', async () => {
    const w = await worlds.start();
    const ann = w.member('Ann');
    await startQuiz(w, ann, { count: 8, topic: 'sample' }).reply();
    let n = 1;
    let message = await waitForQuestion(w, n);
    while (questionShown(w, message).type !== 'short-answer') {
      await ann.runCommand('quiz', { subcommand: 'skip' }, { channelId: w.channelId }).reply();
      await ann.runCommand('quiz', { subcommand: 'skip' }, { channelId: w.channelId }).reply();
      message = await waitForQuestion(w, ++n);
    }
    const bob = w.member('Bob');
    const opened = bob.click(message, buttonIds(message)[0] as string);
    expect((await opened.modal()).title).toBe(`Question ${n}: your answer`);
    await letTimeRunOut(w, message);
    const reply = await (await bob.submitModal(opened, { answer: 'Jervis' })).reply();
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toMatch(/This question has closed/);
  });

  it('GIVEN the bot restarted THEN a click on a question of the old process is answered, not failed', async () => {
    const w = await worlds.start();
    const { message } = await oneQuestionRound(w);
    await w.restart();
    await waitForSummary(w);
    const reply = await w
      .member('Bob')
      .click(message, buttonIds(message)[0] as string, { force: true })
      .reply();
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toMatch(/no longer running|is over/);
  });

  it('GIVEN a button id the bot never made THEN it answers that the button is no longer in use', async () => {
    const w = await worlds.start();
    const { message } = await oneQuestionRound(w);
    for (const forged of ['quiz:answer:../../etc:0:9', 'quiz:typed:abc:0']) {
      const reply = await w.member('Bob').click(message, forged, { force: true }).reply();
      expect(reply.content, forged).toMatch(/no longer in use/);
    }
  });
});

describe('a channel never stays stuck', () => {
  it('GIVEN the bot loses Send Messages mid-round THEN the round ends, the starter is told privately, and a new round can start once it is fixed', async () => {
    const w = await worlds.start();
    const starter = w.member('Ann');
    await startQuiz(w, starter, { count: 3, topic: 'sample', difficulty: 'easy' }).reply();
    const first = await waitForQuestion(w, 1);
    const notice = w.loopback.driver.waitFor(() =>
      w.loopback.driver
        .interactions()
        .flatMap((i) => i.followUpIds)
        .map((id) => w.loopback.driver.message(id))
        .find((m) => m?.content.includes('has stopped')),
    );
    w.loopback.world.setBotPermissions(w.channelId, { deny: PermissionFlagsBits.SendMessages });
    await letTimeRunOut(w, first);
    w.scheduler.advance(5_000);
    expect((await notice).content).toMatch(/I am not allowed to post there any more.*Send Messages/);
    await w.loopback.driver.waitFor(() => w.bot.context.app.rounds.liveCount === 0);
    w.loopback.world.setBotPermissions(w.channelId, { allow: PermissionFlagsBits.SendMessages });
    await startQuiz(w, starter, { count: 1 }).reply();
    await waitForQuestion(w, 1);
    expect(w.bot.context.app.rounds.liveCount).toBe(1);
  });

  it('GIVEN the bot may not post in a channel THEN /quiz start says which permissions it needs instead of starting a round', async () => {
    const w = await worlds.start();
    w.loopback.world.setBotPermissions(w.channelId, { deny: PermissionFlagsBits.EmbedLinks });
    const reply = await startQuiz(w, w.member('Ann'), { count: 1 }).reply();
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toMatch(/I can't run a round in this channel: I need Embed Links here\./);
    expect(w.bot.context.app.rounds.liveCount).toBe(0);
  });

  it('GIVEN the channel is deleted mid-round THEN the round ends and nothing is left running', async () => {
    const w = await worlds.start();
    await oneQuestionRound(w);
    w.loopback.world.deleteChannel(w.channelId);
    await w.loopback.driver.waitFor(() => w.bot.context.app.rounds.liveCount === 0);
    w.scheduler.advance(60_000);
    await w.bot.context.presenter.idle();
    expect(w.scheduler.pendingTimers).toBe(0);
  });

  it('GIVEN Discord answers 5xx a few times THEN discord.js retries and the round goes on', async () => {
    const w = await worlds.start();
    w.loopback.driver.faults.serverError('POST /channels/:channelId/messages', { times: 2, status: 502 });
    const { message, question } = await oneQuestionRound(w);
    await (await answerQuestion(w.member('Bob'), message, question, true)).reply();
    await letTimeRunOut(w, message);
    expect(embedOf(await waitForSummary(w)).description).toMatch(/\*\*Bob\*\* — 100 pts/);
  });

  it('GIVEN Discord keeps answering 5xx THEN the round ends and the starter can start again', async () => {
    const w = await worlds.start();
    const starter = w.member('Ann');
    w.loopback.driver.faults.serverError('POST /channels/:channelId/messages', { times: 4, status: 500 });
    await startQuiz(w, starter, { count: 2 }).reply();
    await w.loopback.driver.waitFor(() => w.bot.context.app.rounds.liveCount === 0);
    await startQuiz(w, starter, { count: 1 }).reply();
    await waitForQuestion(w, 1);
  });

  it('GIVEN a 429 on the question post THEN it is retried after Retry-After and the round goes on', async () => {
    const w = await worlds.start();
    w.loopback.driver.faults.rateLimit('POST /channels/:channelId/messages', { times: 1, retryAfterMs: 10 });
    const { message } = await oneQuestionRound(w);
    expect(embedOf(message).title).toMatch(/^Question 1 of 1/);
  });

  it('GIVEN the gateway reconnects mid-round THEN clicks after the RESUME still count', async () => {
    const w = await worlds.start();
    const { message, question } = await oneQuestionRound(w);
    w.loopback.driver.gateway.reconnect();
    await w.loopback.driver.gateway.waitForResumes(1);
    await (await answerQuestion(w.member('Bob'), message, question, true)).reply();
    w.loopback.driver.gateway.invalidateSession();
    await w.loopback.driver.gateway.waitForIdentifies(2);
    await w.loopback.driver.gateway.waitUntilOnline();
    await (await answerQuestion(w.member('Cy'), message, question, false)).reply();
    await letTimeRunOut(w, message);
    expect(embedOf(await waitForSummary(w)).description).toMatch(
      /\*\*Bob\*\* — 100 pts[\s\S]*\*\*Cy\*\* — 0 pts/,
    );
  });
});

describe('no pings, no stack traces', () => {
  it('GIVEN a member named @everyone THEN every message the bot sends pings nobody', async () => {
    const w = await worlds.start();
    const troll = w.member('@everyone <@&1>');
    await startQuiz(w, troll, { count: 1, topic: 'sample', difficulty: 'easy' }).reply();
    const message = await waitForQuestion(w, 1);
    await (await answerQuestion(troll, message, questionShown(w, message), true)).reply();
    await letTimeRunOut(w, message);
    await waitForSummary(w);
    const sent = w.loopback.driver
      .messages(w.channelId, { includeEphemeral: true })
      .filter((m) => m.origin !== 'member');
    expect(sent.length).toBeGreaterThan(3);
    for (const m of sent) expect(m.allowedMentions, `message ${m.id}: ${m.content}`).toEqual({ parse: [] });
  });

  it('GIVEN a handler fails THEN the member gets a short apology and the log has the context, without the token', async () => {
    const w = await worlds.start();
    w.store.memberStats = () => {
      throw new Error(`disk on fire (token ${w.loopback.token})`);
    };
    const reply = await w.member('Ann').runCommand('stats', {}, { channelId: w.channelId }).reply();
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toBe(
      'Sorry — something went wrong on our side. It has been logged; please try again.',
    );
    const logs = w.logs.join('');
    expect(logs).toMatch(/"command":"stats".*"msg":"interaction failed"/);
    expect(logs).toContain('disk on fire');
    expect(logs).not.toContain(w.loopback.token);
  });
});
