/** One row of the benchmark table: its figures, the goal in words and whether every figure meets it. */
export interface ScenarioResult {
  name: string;
  metrics: Record<string, number>;
  goal: string;
  pass: boolean;
}

/**
 * How big a run is. `full` is the table; `quick` keeps every scenario but shrinks it to
 * finish in under a minute; `tiny` is for the test that only checks every metric is reported.
 */
export type BenchScale = 'full' | 'quick' | 'tiny';

export interface BenchContext {
  scale: BenchScale;
  /** Progress lines for a person watching (stderr), never part of the report. */
  progress(text: string): void;
}

export interface Scenario {
  name: string;
  run(context: BenchContext): Promise<ScenarioResult[]>;
}
