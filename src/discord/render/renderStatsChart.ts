import { type StatsChartInput, statsChartModel } from '../../app/statsChartModel.ts';
import { renderChartPng } from './renderChartPng.ts';
import { statsChartSvg } from './statsChartSvg.ts';

/** The file name the /stats reply attaches its chart under. */
export const STATS_CHART_FILE = 'stats.png';

/** The /stats chart as PNG bytes: model, then SVG, then PNG. */
export function renderStatsChart(input: StatsChartInput): Promise<Buffer> {
  return renderChartPng(statsChartSvg(statsChartModel(input)));
}
