import { describe, expect, it } from 'vitest';
import {
  answerQuestion,
  botWorldPerTest,
  embedText,
  letTimeRunOut,
  questionShown,
  startQuiz,
  waitForQuestion,
} from './botHarness.ts';

const worlds = botWorldPerTest();

describe('a round with no pause after each reveal (QUIZ_REVEAL_SECONDS=0)', () => {
  it('GIVEN the next question opens at once THEN the previous one is still revealed on its own message', async () => {
    const w = await worlds.start({ revealSeconds: 0 });
    const ann = w.member('Ann');
    await startQuiz(w, ann, { count: 2, topic: 'sample', difficulty: 'easy' }).reply();
    const first = await waitForQuestion(w, 1);
    await (await answerQuestion(ann, first, questionShown(w, first), true)).reply();
    const revealed = await letTimeRunOut(w, first);
    expect(embedText(revealed)).toMatch(/Ann \*\*\+\d+\*\*/);
    const second = await waitForQuestion(w, 2);
    expect(second.id).not.toBe(first.id);
    w.loopback.driver.assertClean();
  });
});
