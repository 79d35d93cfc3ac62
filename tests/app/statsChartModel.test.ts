import { describe, expect, it } from 'vitest';
import { ScoreQueries } from '../../src/app/scoreQueries.ts';
import { statsChartModel } from '../../src/app/statsChartModel.ts';
import { Glossary } from '../../src/bank/glossary.ts';
import type { Bank } from '../../src/bank/loadBank.ts';
import { ManualScheduler } from '../../src/core/manualScheduler.ts';
import { MemoryScoreStore } from '../../src/store/MemoryScoreStore.ts';
import type { AnswerOutcome, QuestionResult } from '../../src/store/ScoreStore.ts';

const WEEK = 7 * 86_400_000;
/** Tuesday of 2026-W49. */
const NOW = Date.UTC(2026, 11, 1, 12);

const BANK: Bank = {
  files: [],
  topics: [
    { id: 'realism', title: 'Realism', description: undefined, file: 'realism.yaml' },
    { id: 'liberalism', title: 'Liberalism', description: undefined, file: 'liberalism.yaml' },
    { id: 'english-school', title: 'English School', description: undefined, file: 'english.yaml' },
  ],
  questions: [],
  glossary: new Glossary([]),
};

let question = 0;
function answered(topic: string, at: number, answers: AnswerOutcome[]): QuestionResult {
  question++;
  return { guildId: 'g', roundId: 'r', questionId: `q${question}`, topic, concepts: [], at, answers };
}
const ada = (correct: boolean, points: number): AnswerOutcome => ({
  userId: 'ada',
  displayName: 'Ada',
  correct,
  points,
  streak: 0,
});
const bob: AnswerOutcome = { userId: 'bob', displayName: 'Bob', correct: true, points: 999, streak: 1 };

describe('the /stats chart model', () => {
  it('GIVEN recorded results over weeks and topics THEN the chart gets each topic’s accuracy, the points of the last 8 ISO weeks and no review counts', async () => {
    const store = new MemoryScoreStore();
    const results = [
      answered('realism', NOW, [ada(true, 100), bob]),
      answered('realism', NOW - 1000, [ada(false, 0)]),
      answered('realism', NOW - WEEK, [ada(true, 120)]),
      answered('realism', NOW - WEEK, [ada(true, 80)]),
      answered('liberalism', NOW - 3 * WEEK, [ada(true, 50)]),
      answered('liberalism', NOW - 7 * WEEK, [ada(false, 0)]),
      answered('english-school', NOW - 7 * WEEK, [ada(true, 30)]),
      // Older than the chart's 8 weeks: in the totals, not in the weekly bars.
      answered('english-school', NOW - 8 * WEEK, [ada(true, 5000)]),
    ];
    for (const result of results) await store.record(result);
    const queries = new ScoreQueries({ store, bank: () => BANK, scheduler: new ManualScheduler(NOW) });
    const view = await queries.memberStats('g', 'ada');
    if (!view) throw new Error('Ada has stats');

    const model = statsChartModel({
      displayName: view.stats.displayName,
      topics: view.stats.topics,
      topicTitle: view.titles.topic,
      weeks: view.weeks,
      reviewsDue: undefined,
    });

    expect(model.title).toBe('Stats · Ada');
    expect(model.topics).toEqual([
      { label: 'Realism', percent: 75, answered: 4 },
      { label: 'English School', percent: 100, answered: 2 },
      { label: 'Liberalism', percent: 50, answered: 2 },
    ]);
    expect(model.moreTopics).toBe(0);
    expect(model.weeks.map((w) => [w.label, w.points])).toEqual([
      ['W42', 30],
      ['W43', 0],
      ['W44', 0],
      ['W45', 0],
      ['W46', 50],
      ['W47', 0],
      ['W48', 200],
      ['W49', 100],
    ]);
    expect(model.pointsAxisMax).toBe(200);
    expect(model.weeks.map((w) => w.share)).toEqual([0.15, 0, 0, 0, 0.25, 0, 1, 0.5]);
    expect(model.reviews).toBeUndefined();
  });

  it('GIVEN many topics, nothing scored and review counts THEN five topics show, the rest are counted, and the axis still has a height', () => {
    const topics = Object.fromEntries(
      ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((id, i) => [id, { answered: 10 - i, correct: 0 }]),
    );
    const model = statsChartModel({
      displayName: 'Cy',
      topics: { ...topics, unanswered: { answered: 0, correct: 0 } },
      topicTitle: (id) => id.toUpperCase(),
      weeks: [
        { week: '2026-W48', points: 0 },
        { week: '2026-W49', points: 0 },
      ],
      reviewsDue: { today: 4, week: 9 },
    });
    expect(model.topics.map((t) => t.label)).toEqual(['A', 'B', 'C', 'D', 'E']);
    expect(model.moreTopics).toBe(2);
    expect(model.pointsAxisMax).toBe(10);
    expect(model.weeks.map((w) => w.share)).toEqual([0, 0]);
    expect(model.reviews).toEqual({ today: 4, week: 9 });
  });
});
