/** One problem in a bank file, precise enough for an author to go straight to it. */
export interface BankIssue {
  file: string;
  line: number;
  column: number;
  questionId: string | null;
  field: string | null;
  message: string;
}

export function formatBankIssue(issue: BankIssue): string {
  const where = `${issue.file}:${issue.line}:${issue.column}`;
  const what = [issue.questionId && `question ${issue.questionId}`, issue.field && `field \`${issue.field}\``]
    .filter(Boolean)
    .join(', ');
  return what ? `${where} ${what}: ${issue.message}` : `${where} ${issue.message}`;
}

export function compareIssues(a: BankIssue, b: BankIssue): number {
  return a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column;
}
