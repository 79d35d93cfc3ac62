import { describe, expect, it } from 'vitest';
import {
  answerQuestion,
  botWorldPerTest,
  buttonIds,
  embedOf,
  letTimeRunOut,
  questionShown,
  startQuiz,
  waitForQuestion,
} from './botHarness.ts';

const worlds = botWorldPerTest();
const NOT_HERE = /does not belong to a question here/;

/** The id of the right answer's button, as a member could copy it from the message's payload. */
function rightButtonId(message: Parameters<typeof buttonIds>[0], choices: readonly string[], answer: string) {
  return buttonIds(message)[choices.indexOf(answer)] as string;
}

describe('an answer is taken only from its own round’s server, channel and question message', () => {
  it('GIVEN a custom id copied from another channel’s live round THEN it earns nothing and is refused politely', async () => {
    const w = await worlds.start();
    const [quiz, other] = w.loopback.world.guild(w.guildId).channels;
    const ann = w.member('Ann');
    await startQuiz(w, ann, { count: 1, topic: 'sample', difficulty: 'easy' }, quiz?.id).reply();
    await startQuiz(w, ann, { count: 1, topic: 'sample', difficulty: 'easy' }, other?.id).reply();
    const inQuiz = await waitForQuestion(w, 1, quiz?.id);
    const inOther = await waitForQuestion(w, 1, other?.id);
    const question = questionShown(w, inQuiz);
    if (question.type !== 'multiple-choice')
      throw new Error('the sample bank’s easy question is multiple choice');

    const bob = w.member('Bob');
    const copied = rightButtonId(inQuiz, question.choices, question.answer);
    const refusal = await bob.click(inOther, copied, { force: true }).reply();
    expect(refusal.ephemeral).toBe(true);
    expect(refusal.content).toMatch(NOT_HERE);
    expect(w.bot.context.app.rounds.inChannel(quiz?.id ?? '')?.answeredCount).toBe(0);

    const revealed = await letTimeRunOut(w, inQuiz);
    expect(JSON.stringify(embedOf(revealed).fields)).not.toContain('Bob');
    const board = await bob.runCommand('leaderboard', {}, { channelId: quiz?.id }).reply();
    expect(embedOf(board).description).not.toContain('Bob');
  });

  it('GIVEN a custom id copied from another server’s live round THEN it earns nothing in either server', async () => {
    const w = await worlds.start();
    const school = w.loopback.world.createGuild({ name: 'Other School', channels: ['quiz'] });
    const schoolChannel = school.channels[0]?.id ?? '';
    const ann = w.member('Ann');
    await startQuiz(w, ann, { count: 1, topic: 'sample', difficulty: 'easy' }).reply();
    const mallory = w.member('Mallory', { guildId: school.id });
    await startQuiz(w, mallory, { count: 1, topic: 'sample', difficulty: 'easy' }, schoolChannel).reply();
    const home = await waitForQuestion(w, 1);
    const abroad = await waitForQuestion(w, 1, schoolChannel);
    const question = questionShown(w, home);
    if (question.type !== 'multiple-choice')
      throw new Error('the sample bank’s easy question is multiple choice');

    const copied = rightButtonId(home, question.choices, question.answer);
    const refusal = await mallory.click(abroad, copied, { force: true }).reply();
    expect(refusal.content).toMatch(NOT_HERE);

    await letTimeRunOut(w, home);
    const board = await ann.runCommand('leaderboard', {}, { channelId: w.channelId }).reply();
    expect(embedOf(board).description).not.toContain('Mallory');
  });

  it('GIVEN the round’s own id on another message of the same channel THEN it is refused; on the question it counts', async () => {
    const w = await worlds.start();
    const ann = w.member('Ann');
    await startQuiz(w, ann, { count: 1, topic: 'sample', difficulty: 'easy' }).reply();
    const message = await waitForQuestion(w, 1);
    const question = questionShown(w, message);
    if (question.type !== 'multiple-choice')
      throw new Error('the sample bank’s easy question is multiple choice');
    const decoy = ann.say(w.channelId, 'look here');
    const copied = rightButtonId(message, question.choices, question.answer);

    expect((await ann.click(decoy, copied, { force: true }).reply()).content).toMatch(NOT_HERE);
    const locked = await (await answerQuestion(ann, message, question, true)).reply();
    expect(locked.content).toMatch(/Locked in/);
  });
});
