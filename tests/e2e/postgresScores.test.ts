import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgresScoreStore } from '../../src/store/postgres/PostgresScoreStore.ts';
import { startPostgres, type TestPostgres } from '../support/startPostgres.ts';
import {
  answerQuestion,
  botWorldPerTest,
  embedOf,
  letTimeRunOut,
  questionShown,
  startQuiz,
  waitForQuestion,
  waitForSummary,
} from './botHarness.ts';

let postgres: TestPostgres;
beforeAll(async () => {
  postgres = await startPostgres();
}, 60_000);
afterAll(() => postgres.remove());
const worlds = botWorldPerTest();

describe('the bot on PostgreSQL', () => {
  it('GIVEN the database goes away during a round THEN the reveal says so, and once it is back the next question saves both', async () => {
    // The harness loads it, as start does.
    const store = new PostgresScoreStore({ connectionString: await postgres.createDatabase() });
    const w = await worlds.start({ store });
    const ann = w.member('Ann');
    await startQuiz(w, ann, { count: 2, topic: 'sample', difficulty: 'easy' }).reply();

    const first = await waitForQuestion(w, 1);
    await (await answerQuestion(ann, first, questionShown(w, first), true)).reply();
    await postgres.stop();
    try {
      const revealed = await letTimeRunOut(w, first);
      expect(embedOf(revealed).footer?.text).toMatch(/Scores could not be saved just now/);
    } finally {
      await postgres.start();
    }

    w.scheduler.advance(5_000);
    const second = await waitForQuestion(w, 2);
    await (await answerQuestion(ann, second, questionShown(w, second), true)).reply();
    const secondReveal = await letTimeRunOut(w, second);
    expect(embedOf(secondReveal).footer?.text).toBe('Answers are closed.');
    await waitForSummary(w);

    const board = await ann.runCommand('leaderboard', {}, { channelId: w.channelId }).reply();
    expect(embedOf(board).description).toBe('`#1` **Ann** — 200 pts · 2/2 correct (100%)');
    expect(w.logs.join('')).toMatch(/scores could not be saved/);
  });
});
