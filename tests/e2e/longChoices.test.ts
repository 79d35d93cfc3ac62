import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBank } from '../../src/bank/loadBank.ts';
import { runCli } from '../../src/cli/main.ts';
import { captureIo } from '../support/captureIo.ts';
import {
  botWorldPerTest,
  buttonIds,
  embedOf,
  letTimeRunOut,
  questionShown,
  startQuiz,
  waitForQuestion,
} from './botHarness.ts';

const LONG_CHOICES = path.resolve(import.meta.dirname, '../fixtures/long-choices-bank');
const worlds = botWorldPerTest();

describe('a topic whose choices run to 300 characters', () => {
  it('GIVEN it THEN it validates', async () => {
    const { io, stdout } = captureIo();
    expect(await runCli(['validate', LONG_CHOICES], io)).toBe(0);
    expect(stdout()).toMatch(/is valid/);
  });

  it('GIVEN it played in the terminal THEN every choice is printed in full', async () => {
    const { io, stdout } = captureIo('A\n');
    expect(await runCli(['play', '--bank', LONG_CHOICES, '--count', '1', '--seed', '1'], io)).toBe(0);
    const printed = stdout().replace(/\s+/g, ' ');
    const { bank } = await loadBank([LONG_CHOICES]);
    const question = bank.questions[0];
    if (question?.type !== 'multiple-choice')
      throw new Error('the fixture holds one multiple-choice question');
    for (const choice of question.choices) expect(printed).toContain(choice);
    expect(printed).toContain(question.explanation.replace(/\s+/g, ' '));
  });

  it('GIVEN it played on Discord THEN the message shows every choice in full and the buttons carry the letters', async () => {
    const w = await worlds.start({ bankDir: LONG_CHOICES });
    const ann = w.member('Ann');
    await startQuiz(w, ann, { count: 1 }).reply();
    const message = await waitForQuestion(w, 1);
    const question = questionShown(w, message);
    if (question.type !== 'multiple-choice')
      throw new Error('the fixture holds one multiple-choice question');
    for (const choice of question.choices) expect(embedOf(message).description).toContain(choice);
    const labels = message.components.flatMap((row) =>
      (row as { components: { label?: string }[] }).components.map((button) => button.label),
    );
    expect(labels).toEqual(['A', 'B', 'C', 'D']);
    const locked = await ann.click(message, buttonIds(message)[0] as string).reply();
    expect(locked.content).toContain(question.choices[0]);
    const revealed = await letTimeRunOut(w, message);
    const why = embedOf(revealed).fields?.find((field) => field.name === 'Why')?.value;
    expect(why).toBe(question.explanation);
    expect(why).toContain('\n\n');
    w.loopback.driver.assertClean();
  });
});
