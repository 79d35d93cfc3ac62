import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { reviewCard } from '../../src/app/reviewScheduling.ts';
import { createStudyApp } from '../../src/app/studyApp.ts';
import { Glossary } from '../../src/bank/glossary.ts';
import type { Bank } from '../../src/bank/loadBank.ts';
import { ManualScheduler } from '../../src/core/manualScheduler.ts';
import type { Question } from '../../src/core/question.ts';
import { seededRandom } from '../../src/core/random.ts';
import { createLogger } from '../../src/logger.ts';
import { createReviewStore } from '../../src/store/createReviewStore.ts';
import { JsonReviewStore } from '../../src/store/JsonReviewStore.ts';
import { MemoryScoreStore } from '../../src/store/MemoryScoreStore.ts';
import type { CardUpdate, ReviewStore } from '../../src/store/ReviewStore.ts';
import type { Scenario, ScenarioResult } from '../benchTypes.ts';
import { percentile, round2 } from '../percentile.ts';
import { databaseForBench, vacuum } from './postgresStore.ts';

/** Cards per member, and members: 10 × 10,000 = 100,000 cards in the server. */
const CARDS = { full: 10_000, quick: 10_000, tiny: 500 } as const;
const MEMBERS = 10;
const SAMPLES = { full: 300, quick: 100, tiny: 10 } as const;
const GUILD = 'bench-guild';
const NOW = Date.UTC(2026, 11, 1, 12, 0, 0);
const GOAL = 'p99 < 20 ms to pick the first due card';

/**
 * `/review` start (the use case, as the command calls it) for one member with 10,000 cards in a
 * server of 100,000, half of them due: the time until the first question is ready, on the JSON
 * file (loaded from disk) and on PostgreSQL.
 */
export const reviewStartScenario: Scenario = {
  name: 'review start',
  async run(context) {
    const cards = CARDS[context.scale];
    const samples = SAMPLES[context.scale];
    const bank = benchBank(cards);
    const results: ScenarioResult[] = [];
    const dir = await mkdtemp(path.join(os.tmpdir(), 'studyquiz-reviews-'));
    try {
      const file = path.join(dir, 'reviews.json');
      const filling = new JsonReviewStore(file);
      await filling.load();
      for (const batch of cardBatches(bank, cards)) await filling.save(batch);
      await filling.close();
      const json = new JsonReviewStore(file);
      const loadStart = performance.now();
      await json.load();
      const loadMs = performance.now() - loadStart;
      const p99 = await measure(bank, json, samples);
      results.push({
        name: `review start, JSON file, ${(cards * MEMBERS).toLocaleString('en')} cards (${samples} starts)`,
        metrics: {
          reviewStartJsonP99Ms: round2(p99),
          reviewFileLoadMs: round2(loadMs),
          reviewFileMb: round2((await stat(file)).size / 1024 ** 2),
        },
        goal: GOAL,
        pass: p99 < 20,
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    const server = await databaseForBench();
    if ('skipped' in server) {
      results.push({
        name: `review start, PostgreSQL: not run (${server.skipped})`,
        metrics: {},
        goal: GOAL,
        pass: false,
      });
      return results;
    }
    const store = createReviewStore({ kind: 'postgres', connectionString: server.url });
    try {
      await store.load();
      context.progress(`  filling ${(cards * MEMBERS).toLocaleString('en')} review cards`);
      for (const batch of cardBatches(bank, cards)) await store.save(batch);
      await vacuum(server.url);
      const p99 = await measure(bank, store, samples);
      results.push({
        name: `review start, PostgreSQL, ${(cards * MEMBERS).toLocaleString('en')} cards (${samples} starts)`,
        metrics: { reviewStartPostgresP99Ms: round2(p99) },
        goal: GOAL,
        pass: p99 < 20,
      });
    } finally {
      await store.close();
      await server.remove();
    }
    return results;
  },
};

async function measure(bank: Bank, store: ReviewStore, samples: number): Promise<number> {
  const app = createStudyApp({
    bank: () => bank,
    store: new MemoryScoreStore(),
    reviewStore: store,
    scheduler: new ManualScheduler(NOW),
    random: seededRandom(1),
    logger: createLogger({ level: 'silent', secrets: [] }),
    defaults: { count: 10, seconds: 20, scoring: 'accuracy', revealSeconds: 5 },
    observers: [],
  });
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const start = performance.now();
    const step = await app.reviews.start({ guildId: GUILD, userId: memberId(i % MEMBERS), count: 10 });
    times.push(performance.now() - start);
    if (step.kind !== 'question' || step.card === undefined)
      throw new Error('the bench member had nothing due');
  }
  return percentile(times, 99);
}

function memberId(m: number): string {
  return String(200_000_000_000_000_000n + BigInt(m));
}

function benchBank(questions: number): Bank {
  const topics = Array.from({ length: 10 }, (_, t) => ({
    id: `topic-${t}`,
    title: `Topic ${t}`,
    description: undefined,
    file: `topic-${t}.yaml`,
  }));
  const list: Question[] = Array.from({ length: questions }, (_, q) => ({
    id: `bench-q-${q}`,
    topic: `topic-${q % 10}`,
    type: 'multiple-choice',
    prompt: `Bench question ${q}?`,
    choices: ['Right', 'Wrong', 'Also wrong'],
    answer: 'Right',
    explanation: 'Because.',
    difficulty: 'medium',
    concepts: [],
    tags: [],
    source: 'bench',
  }));
  return { files: [], topics, questions: list, glossary: new Glossary([]) };
}

/** Every member answered every question once, a while ago: about half the cards are due now. */
function* cardBatches(bank: Bank, cards: number): Generator<CardUpdate[]> {
  const random = seededRandom(7);
  for (let m = 0; m < MEMBERS; m++) {
    let batch: CardUpdate[] = [];
    for (const question of bank.questions.slice(0, cards)) {
      const answeredAt = NOW - Math.floor(random() * 8 * 86_400_000);
      const rating = random() < 0.5 ? 1 : 3;
      batch.push({
        guildId: GUILD,
        userId: memberId(m),
        ...reviewCard(undefined, question, rating, answeredAt, 'round'),
      });
      if (batch.length === 1_000) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0) yield batch;
  }
}
