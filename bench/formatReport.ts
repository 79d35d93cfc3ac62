import type { BenchReport } from './runBench.ts';

/** The report as a table for a terminal: one line per metric, the scenario's goal and verdict once. */
export function formatReport(report: BenchReport): string {
  const m = report.machine;
  const rows: string[][] = [['scenario', 'metric', 'value', 'goal', 'result']];
  for (const scenario of report.scenarios) {
    Object.entries(scenario.metrics).forEach(([name, value], i) => {
      rows.push([
        i === 0 ? scenario.name : '',
        name,
        String(value),
        i === 0 ? scenario.goal : '',
        i === 0 ? (scenario.pass ? 'pass' : 'FAIL') : '',
      ]);
    });
  }
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((row) => (row[c] ?? '').length))) ?? [];
  const lines = rows.map((row) =>
    row
      .map((cell, c) => (c === 2 ? cell.padStart(widths[c] ?? 0) : cell.padEnd(widths[c] ?? 0)))
      .join('  ')
      .trimEnd(),
  );
  const passed = report.scenarios.filter((s) => s.pass).length;
  return [
    `studyquiz bench (${m.scale}) — ${m.date}`,
    `${m.cpuModel}, ${m.cores} cores, ${m.memoryGb} GB, Node ${m.node}, ${m.platform}`,
    '',
    lines[0] ?? '',
    lines[0]?.replace(/./g, '-') ?? '',
    ...lines.slice(1),
    '',
    `${passed} of ${report.scenarios.length} scenarios meet their goal (${m.seconds} s).`,
  ].join('\n');
}
