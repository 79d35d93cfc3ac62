import { formatBankIssue } from '../bank/bankIssue.ts';
import { bankReport } from '../bank/bankReport.ts';
import { loadBank } from '../bank/loadBank.ts';
import { questionsDir } from './bankLocation.ts';
import { type CliCommand, line } from './cliIo.ts';
import { withDotenv } from './loadEnv.ts';
import { parseOptions } from './parseOptions.ts';

export const VALIDATE_USAGE = 'studyquiz validate [PATH…] [--json]';

export const validateCommand: CliCommand = async (args, io) => {
  const { values, positionals } = parseOptions(args, { json: { type: 'boolean' } }, VALIDATE_USAGE);
  const paths = positionals.length > 0 ? positionals : [questionsDir(withDotenv(io.env))];
  const result = await loadBank(paths);
  const report = bankReport(result);
  if (values.json) {
    line(io, JSON.stringify(report, null, 2));
    return report.ok ? 0 : 1;
  }
  for (const issue of report.errors) line(io, formatBankIssue(issue));
  const topics = Object.keys(report.byTopic).length;
  const summary = `${plural(report.questions, 'question')} in ${plural(topics, 'topic')}, ${plural(report.concepts, 'concept')}, ${plural(report.files, 'file')}`;
  if (report.ok) {
    line(io, `✔ ${paths.join(', ')} is valid: ${summary}`);
    return 0;
  }
  const problemFiles = new Set(report.errors.map((issue) => issue.file)).size;
  line(
    io,
    `✖ ${plural(report.errors.length, 'problem')} in ${plural(problemFiles, 'file')} (valid so far: ${summary})`,
  );
  return 1;
};

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
