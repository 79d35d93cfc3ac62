import { type BankIssue, formatBankIssue } from '../../bank/bankIssue.ts';
import { inertText, plural } from './text.ts';

/** Problems shown in a reply; the rest are counted. */
const SHOWN = 8;
const MAX_LINE = 300;

/**
 * An invalid upload's first problems, each line as `studyquiz validate` prints it, with Markdown
 * escaped: the file's own text quoted in the messages shows as written.
 */
export function renderBankIssues(fileName: string, issues: readonly BankIssue[]): string {
  const lines = issues.slice(0, SHOWN).map((issue) => `• ${inertText(formatBankIssue(issue), MAX_LINE)}`);
  const rest = issues.length - lines.length;
  return [
    `✖ **${inertText(fileName, 100)}** has ${plural(issues.length, 'problem')}; nothing was saved.`,
    ...lines,
    rest > 0
      ? `…and ${plural(rest, 'more problem')}: \`studyquiz validate\` lists them all.`
      : 'Fix them and upload the file again.',
  ].join('\n');
}
