import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { ScoreQueries } from '../../src/app/scoreQueries.ts';
import { Glossary } from '../../src/bank/glossary.ts';
import type { Bank } from '../../src/bank/loadBank.ts';
import { ManualScheduler } from '../../src/core/manualScheduler.ts';
import { renderStatsChart } from '../../src/discord/render/renderStatsChart.ts';
import { MemoryScoreStore } from '../../src/store/MemoryScoreStore.ts';
import type { Scenario } from '../benchTypes.ts';
import { percentile, round2 } from '../percentile.ts';

const WEEK_MS = 7 * 86_400_000;
const TOPICS = 12;
const MEMBERS = 200;

/**
 * What `/stats` does past its store reads for one member's chart: the stats view (member stats,
 * rank, 8 weeks of points from a memory store of 200 members over 12 topics and 8 ISO weeks),
 * then the chart model, the SVG and the PNG (resvg with the packaged font). One render at a time,
 * as one member asks; the first render (the renderer's start-up) is reported apart, and so is the
 * longest the event loop was held meanwhile (drawing and compressing run on thread pools).
 */
export const statsChartScenario: Scenario = {
  name: 'stats chart',
  async run(context) {
    const now = Date.UTC(2026, 11, 1, 12);
    const store = new MemoryScoreStore();
    let question = 0;
    for (let week = 0; week < 8; week++) {
      for (let topic = 0; topic < TOPICS; topic++) {
        question++;
        await store.record({
          guildId: 'bench',
          roundId: `r${week}`,
          questionId: `q${question}`,
          topic: `topic-${topic}`,
          concepts: [`concept-${topic}`],
          at: now - week * WEEK_MS,
          answers: Array.from({ length: MEMBERS }, (_, m) => ({
            userId: `member-${m}`,
            displayName: `Member ${m}`,
            correct: (m + topic + week) % 3 !== 0,
            points: (m + topic + week) % 3 !== 0 ? 100 : 0,
            streak: 0,
          })),
        });
      }
    }
    const bank: Bank = {
      files: [],
      topics: Array.from({ length: TOPICS }, (_, t) => ({
        id: `topic-${t}`,
        title: `Topic number ${t} of international relations`,
        description: undefined,
        file: `topic-${t}.yaml`,
      })),
      questions: [],
      glossary: new Glossary([]),
    };
    const queries = new ScoreQueries({ store, bank: () => bank, scheduler: new ManualScheduler(now) });
    const renders = context.scale === 'full' ? 200 : context.scale === 'quick' ? 50 : 5;
    const times: number[] = [];
    let bytes = 0;
    // How long the event loop is held at a time: clicks wait that long while a chart renders.
    const loop = monitorEventLoopDelay({ resolution: 1 });
    loop.enable();
    let cpu = process.cpuUsage();
    for (let i = 0; i <= renders; i++) {
      const start = performance.now();
      const view = await queries.memberStats('bench', `member-${i % MEMBERS}`);
      if (!view) throw new Error('the bench member has no stats');
      const png = await renderStatsChart({
        displayName: view.stats.displayName,
        topics: view.stats.topics,
        topicTitle: view.titles.topic,
        weeks: view.weeks,
        reviewsDue: i % 2 === 0 ? undefined : { today: i, week: 3 * i },
      });
      times.push(performance.now() - start);
      bytes = png.length;
      // The first render warms up; CPU is counted from the second on.
      if (i === 0) cpu = process.cpuUsage();
    }
    const used = process.cpuUsage(cpu);
    loop.disable();
    const first = times.shift() as number;
    const statsChartP99Ms = round2(percentile(times, 99));
    return [
      {
        name: `/stats chart render, 1000×560 PNG (${renders} renders, ${Math.round(bytes / 1024)} KB each)`,
        metrics: {
          statsChartP99Ms,
          statsChartP50Ms: round2(percentile(times, 50)),
          statsChartFirstMs: round2(first),
          // Every thread of the process: the event loop's and the thread pools' share of each chart.
          statsChartCpuMs: round2((used.user + used.system) / 1000 / renders),
          statsChartLoopBlockMaxMs: round2(loop.max / 1e6),
        },
        goal: 'p99 < 150 ms',
        pass: statsChartP99Ms < 150,
      },
    ];
  },
};
