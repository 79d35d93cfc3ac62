import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.ts';
import { captureIo } from '../support/captureIo.ts';

const METRICS = [
  'clickAckP50Ms',
  'clickAckP99Ms',
  'failedInteractions',
  'crowdAckP99Ms',
  'crowdFailedInteractions',
  'restCallsPerQuestion3',
  'restCallsPerQuestion300',
  'rateLimited',
  'rssMbAfterClass',
  'cpuPerClickUs',
  'rssMbFor1000Rounds',
  'deadlineDriftP99Ms',
  'bankLoad10kMs',
  'autocompleteP99Ms',
  'storeFlush100kMs',
  'storeLoad100kMs',
  'postgresRecordP99Ms',
  'postgresPageP99Ms',
  'postgresRankP99Ms',
  'reviewStartJsonP99Ms',
  'reviewStartPostgresP99Ms',
  'statsChartP99Ms',
  'shardsDeadlineDriftP99Ms',
  'shard0RssMb',
  'shard1RssMb',
];

describe('studyquiz bench --json', () => {
  // The smallest scale: this checks the report's shape, never the figures (benchmarks are not tests).
  it('GIVEN a tiny run THEN every metric of the issue is reported as a number with a goal and a verdict', async () => {
    const { io, stdout } = captureIo();
    expect(await runCli(['bench', '--quick', '--json', '--scale', 'tiny'], io)).toBe(0);
    const report = JSON.parse(stdout()) as {
      machine: Record<string, unknown>;
      scenarios: { name: string; metrics: Record<string, unknown>; goal: unknown; pass: unknown }[];
    };
    expect(report.machine).toMatchObject({ cores: expect.any(Number), node: process.version });
    const metrics = new Map<string, unknown>();
    for (const scenario of report.scenarios) {
      expect(typeof scenario.name).toBe('string');
      expect(typeof scenario.goal).toBe('string');
      expect(typeof scenario.pass).toBe('boolean');
      for (const [name, value] of Object.entries(scenario.metrics)) metrics.set(name, value);
    }
    for (const name of METRICS) {
      expect(Number.isFinite(metrics.get(name)), `${name} = ${String(metrics.get(name))}`).toBe(true);
    }
    // Two shard processes start 5.5 s apart, each loading the bank and connecting to PostgreSQL.
  }, 240_000);
});
