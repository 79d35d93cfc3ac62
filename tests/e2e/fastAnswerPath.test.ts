import { Events } from 'discord.js';
import { describe, expect, it } from 'vitest';
import type { BotWorld } from './botHarness.ts';
import {
  answerQuestion,
  botWorldPerTest,
  buttonIds,
  embedText,
  letTimeRunOut,
  questionShown,
  startQuiz,
  waitForQuestion,
  waitForSummary,
} from './botHarness.ts';

const worlds = botWorldPerTest();

/** Every interaction discord.js itself turned into an object and emitted. */
function builtByDiscordJs(w: BotWorld): string[] {
  const ids: string[] = [];
  w.bot.client.on(Events.InteractionCreate, (interaction) => {
    ids.push('customId' in interaction ? interaction.customId : interaction.type.toString());
  });
  return ids;
}

async function easyQuestion(w: BotWorld) {
  await startQuiz(w, w.member('Starter'), { count: 2, topic: 'sample', difficulty: 'easy' }).reply();
  const message = await waitForQuestion(w, 1);
  return { message, question: questionShown(w, message) };
}

describe('answers take the fast path, and discord.js builds nothing for them', () => {
  it('GIVEN answer clicks and a typed answer THEN each is acknowledged once and discord.js emits none of them', async () => {
    const w = await worlds.start();
    const built = builtByDiscordJs(w);
    const ann = w.member('Ann');
    await startQuiz(w, ann, { count: 8, topic: 'sample' }).reply();
    let typed = false;
    for (let n = 1; n <= 8 && !typed; n++) {
      const message = await waitForQuestion(w, n);
      const question = questionShown(w, message);
      if (question.type !== 'open') {
        const handle = await answerQuestion(ann, message, question, true);
        expect((await handle.reply()).content).toMatch(/^🔒 Locked in/);
        expect(handle.record.rejectedCallbacks).toEqual([]);
        typed = question.type === 'short-answer';
      }
      await letTimeRunOut(w, message);
      w.scheduler.advance(5_000);
    }
    expect(typed).toBe(true);
    // Only the slash command went through discord.js; a discord.js upgrade that handles claimed
    // packets anyway would show the clicks here (and acknowledge them twice).
    expect(built.filter((id) => id.startsWith('quiz:'))).toEqual([]);
    w.loopback.driver.assertClean();
  });

  it('GIVEN a second click, a click after the question closed, and one after the round ended THEN each gets the same polite refusal as before', async () => {
    const w = await worlds.start();
    const ann = w.member('Ann');
    const { message, question } = await easyQuestion(w);
    await (await answerQuestion(ann, message, question, true)).reply();
    expect((await (await answerQuestion(ann, message, question, false)).reply()).content).toMatch(
      /already locked in/,
    );
    await letTimeRunOut(w, message);
    const closed = await w
      .member('Bob')
      .click(message, buttonIds(message)[0] as string, { force: true })
      .reply();
    expect(closed.content).toMatch(/This question has closed/);
    await w.member('Starter').runCommand('quiz', { subcommand: 'stop' }, { channelId: w.channelId }).reply();
    await waitForSummary(w);
    const over = await w
      .member('Cy')
      .click(message, buttonIds(message)[0] as string, { force: true })
      .reply();
    expect(over.content).toMatch(/This round is over/);
  });

  it('GIVEN a well-formed id of no round THEN it is refused privately; a malformed one goes to the router', async () => {
    const w = await worlds.start();
    const { message } = await easyQuestion(w);
    const unknown = await w.member('Bob').click(message, 'quiz:answer:zzzzzz:0:1', { force: true }).reply();
    expect(unknown.ephemeral).toBe(true);
    expect(unknown.content).toMatch(/no longer running/);
    const malformed = await w.member('Bob').click(message, 'quiz:answer:zz:0:9', { force: true }).reply();
    expect(malformed.content).toMatch(/no longer in use/);
  });

  it('GIVEN an answer that arrives while the question closes THEN it is refused, acknowledged once, and scores nothing', async () => {
    const w = await worlds.start();
    const ann = w.member('Ann');
    const { message, question } = await easyQuestion(w);
    w.scheduler.advance(19_500);
    const late = await answerQuestion(ann, message, question, true);
    // The deadline passes while the click is still on its way to the bot.
    w.scheduler.advance(600);
    expect((await late.reply()).content).toMatch(/This question has closed/);
    expect(late.record.rejectedCallbacks).toEqual([]);
    const revealed = await w.loopback.driver.waitForEdit(message, (m) => embedText(m).includes('✅'));
    expect(embedText(revealed)).toMatch(/Got it right: 0 of 0 answers/);
  });

  it('GIVEN a typed answer with a forgiven typo THEN the confirmation says what it counted as', async () => {
    const w = await worlds.start();
    const ann = w.member('Ann');
    await startQuiz(w, ann, { count: 8, topic: 'sample' }).reply();
    for (let n = 1; n <= 8; n++) {
      const message = await waitForQuestion(w, n);
      const question = questionShown(w, message);
      if (question.type === 'short-answer' && question.answers.includes('Robert Jervis')) {
        const opened = ann.click(message, buttonIds(message)[0] as string);
        const typed = await ann.submitModal(opened, { answer: 'Robert Jervos' });
        expect((await typed.reply()).content).toBe(
          '🔒 Locked in: **Robert Jervos** (counted as *Robert Jervis*). The answer is revealed when the question closes.',
        );
        return;
      }
      await letTimeRunOut(w, message);
      w.scheduler.advance(5_000);
    }
    throw new Error('the sample topic has a question answered by Robert Jervis');
  });
});

describe('the answer path is warmed before the bot is ready', () => {
  it('GIVEN a bot that has just started THEN its warm-up callbacks were refused as unknown and changed nothing', async () => {
    const w = await worlds.start();
    const callbacks = w.loopback.driver.requests.filter(
      (request) => request.routeKey === 'POST /interactions/:interactionId/:token/callback',
    );
    expect(callbacks.length).toBeGreaterThan(0);
    expect(
      callbacks.every((request) => request.params.interactionId === '0' && request.errorCode === 10062),
    ).toBe(true);
    // Nothing was posted, edited or answered anywhere.
    const channelOrWebhookCalls = w.loopback.driver.requests.filter((request) =>
      /^\S+ \/(channels|webhooks)\//.test(request.routeKey ?? ''),
    );
    expect(channelOrWebhookCalls).toEqual([]);
  });
});
