import { writeFile } from 'node:fs/promises';
import { formatBankIssue } from '../bank/bankIssue.ts';
import { loadBank } from '../bank/loadBank.ts';
import { UserError } from '../core/userError.ts';
import { questionsDir } from './bankLocation.ts';
import { checkImportFile, formatOption } from './checkImportFile.ts';
import { type CliCommand, line } from './cliIo.ts';
import { withDotenv } from './loadEnv.ts';
import { parseOptions } from './parseOptions.ts';

export const IMPORT_USAGE = 'studyquiz import FILE [--format yaml|tsv|csv|gift] [--topic ID] [-o OUT.yaml]';

export const importCommand: CliCommand = async (args, io) => {
  const { values, positionals } = parseOptions(
    args,
    { format: { type: 'string' }, topic: { type: 'string' }, output: { type: 'string', short: 'o' } },
    IMPORT_USAGE,
  );
  const [file, ...extra] = positionals;
  if (file === undefined || extra.length > 0)
    throw new UserError(`Give exactly one file to import.\nUsage: ${IMPORT_USAGE}`);
  // Checked against the shipped bank, as an upload is: its ids are taken and its concepts may be named.
  const { bank } = await loadBank([questionsDir(withDotenv(io.env))]);
  const result = await checkImportFile(file, bank, {
    format: formatOption(values.format),
    topicId: values.topic,
  });
  if (!result.ok) {
    for (const issue of result.issues) line(io, formatBankIssue(issue));
    const count = result.issues.length;
    line(
      io,
      `✖ ${count} problem${count === 1 ? '' : 's'} in ${file}${result.format ? ` (read as ${result.format})` : ''}: nothing was written`,
    );
    return 1;
  }
  const { content } = result;
  const summary = `${content.questions.length} questions, ${content.concepts.length} concepts of its own`;
  if (values.output) await writeFile(values.output, result.yaml);
  else io.stdout.write(result.yaml);
  io.stderr.write(
    `✔ ${file} (${result.format}) → ${values.output ?? 'stdout'}: topic ${content.topic.id}, ${summary}\n${result.notes.map((note) => `  - ${note}\n`).join('')}`,
  );
  return 0;
};
