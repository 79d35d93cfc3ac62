import { stat } from 'node:fs/promises';
import { compareIssues, formatBankIssue } from '../bank/bankIssue.ts';
import { bankReport } from '../bank/bankReport.ts';
import { Glossary } from '../bank/glossary.ts';
import { type BankLoadResult, loadBank } from '../bank/loadBank.ts';
import { questionsDir } from './bankLocation.ts';
import { checkImportFile, formatOption } from './checkImportFile.ts';
import { type CliCommand, line } from './cliIo.ts';
import { withDotenv } from './loadEnv.ts';
import { parseOptions } from './parseOptions.ts';

export const VALIDATE_USAGE = 'studyquiz validate [PATH…] [--format yaml|tsv|csv|gift] [--json]';

export const validateCommand: CliCommand = async (args, io) => {
  const { values, positionals } = parseOptions(
    args,
    { json: { type: 'boolean' }, format: { type: 'string' } },
    VALIDATE_USAGE,
  );
  const format = formatOption(values.format);
  const paths = positionals.length > 0 ? positionals : [questionsDir(withDotenv(io.env))];
  const bankPaths: string[] = [];
  const importFiles: string[] = [];
  for (const given of paths) ((await isImportFile(given, format)) ? importFiles : bankPaths).push(given);
  const result = await withImports(
    await loadBank(bankPaths),
    bankPaths.length > 0,
    importFiles,
    format,
    io.env,
  );
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

/**
 * A file that is not bank YAML (or any file with --format) is checked as an upload: converted,
 * then validated against the bank given beside it, or else the shipped bank.
 */
async function isImportFile(given: string, format: string | undefined): Promise<boolean> {
  try {
    if (!(await stat(given)).isFile()) return false;
  } catch {
    return false;
  }
  return format !== undefined || !/\.ya?ml$/i.test(given);
}

async function withImports(
  loaded: BankLoadResult,
  hasBank: boolean,
  files: readonly string[],
  format: ReturnType<typeof formatOption>,
  env: NodeJS.ProcessEnv,
): Promise<BankLoadResult> {
  if (files.length === 0) return loaded;
  const reference = hasBank ? loaded.bank : (await loadBank([questionsDir(withDotenv(env))])).bank;
  const issues = [...loaded.issues];
  const topics = [...loaded.bank.topics];
  const questions = [...loaded.bank.questions];
  const concepts = [...loaded.bank.glossary.concepts];
  for (const file of files) {
    const result = await checkImportFile(file, reference, { format });
    if (!result.ok) {
      issues.push(...result.issues);
      continue;
    }
    topics.push(result.content.topic);
    questions.push(...result.content.questions);
    concepts.push(...result.content.concepts);
  }
  return {
    bank: {
      files: [...loaded.bank.files, ...files],
      topics,
      questions,
      glossary: new Glossary(concepts),
    },
    issues: issues.sort(compareIssues),
  };
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
