import type { BenchContext, BenchScale, ScenarioResult } from './benchTypes.ts';
import { type MachineInfo, machineInfo } from './machineInfo.ts';
import { autocompleteScenario } from './scenarios/autocomplete.ts';
import { bankLoadScenario } from './scenarios/bankLoad.ts';
import { discordScenarios } from './scenarios/discordScenarios.ts';
import { postgresStoreScenario } from './scenarios/postgresStore.ts';
import { reviewStartScenario } from './scenarios/reviewStart.ts';
import { scoreStoreScenario } from './scenarios/scoreStore.ts';
import { statsChartScenario } from './scenarios/statsChart.ts';
import { thousandRoundsScenario } from './scenarios/thousandRounds.ts';
import { twoShardsScenario } from './scenarios/twoShards.ts';

export interface BenchReport {
  machine: MachineInfo & { scale: BenchScale; date: string; seconds: number };
  scenarios: ScenarioResult[];
}

/** In the order; each scenario cleans up after itself, so one failing does not skew the next. */
const SCENARIOS = [
  discordScenarios,
  thousandRoundsScenario,
  bankLoadScenario,
  autocompleteScenario,
  scoreStoreScenario,
  postgresStoreScenario,
  reviewStartScenario,
  statsChartScenario,
  twoShardsScenario,
];

export const SCENARIO_NAMES = SCENARIOS.map((scenario) => scenario.name);

/** Every scenario, or those named in `only`. */
export async function runBench(context: BenchContext, only?: readonly string[]): Promise<BenchReport> {
  const started = Date.now();
  const scenarios: ScenarioResult[] = [];
  for (const scenario of SCENARIOS.filter((s) => !only || only.includes(s.name))) {
    context.progress(`▶ ${scenario.name}`);
    scenarios.push(...(await scenario.run(context)));
  }
  return {
    machine: {
      ...machineInfo(),
      scale: context.scale,
      date: new Date(started).toISOString(),
      seconds: Math.round((Date.now() - started) / 100) / 10,
    },
    scenarios,
  };
}
