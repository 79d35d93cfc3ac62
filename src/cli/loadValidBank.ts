import { formatBankIssue } from '../bank/bankIssue.ts';
import { type Bank, loadBank } from '../bank/loadBank.ts';
import { UserError } from '../core/userError.ts';

/** The bank at `dir`, or a UserError listing every problem, as `studyquiz validate` would. */
export async function loadValidBank(dir: string): Promise<Bank> {
  const { bank, issues } = await loadBank([dir]);
  if (issues.length > 0) {
    const list = issues.map((issue) => `  ${formatBankIssue(issue)}`).join('\n');
    throw new UserError(
      `The question bank in ${dir} has ${issues.length} problem${issues.length === 1 ? '' : 's'}:\n${list}\nFix them and run \`studyquiz validate\` to check.`,
    );
  }
  return bank;
}
