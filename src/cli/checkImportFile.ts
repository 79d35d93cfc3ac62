import { BANK_FORMATS, type BankFormat } from '../bank/detectBankFormat.ts';
import type { Bank } from '../bank/loadBank.ts';
import { readTopicUpload, type TopicUploadResult } from '../bank/topicUpload.ts';
import { readTextFile } from '../bank/yamlSource.ts';
import { UserError } from '../core/userError.ts';

/** Converts and validates one file as `/bank upload` would, against the given bank's ids and concepts. */
export async function checkImportFile(
  file: string,
  bank: Bank,
  options: { format?: BankFormat | undefined; topicId?: string | undefined } = {},
): Promise<TopicUploadResult> {
  const read = await readTextFile(file);
  if (!read.ok) return { ok: false, format: options.format, issues: read.issues };
  const conceptIds = new Set(bank.glossary.concepts.map((concept) => concept.id));
  return readTopicUpload({
    fileName: file,
    text: read.text,
    ...(options.format ? { format: options.format } : {}),
    ...(options.topicId ? { topicId: options.topicId } : {}),
    knownConceptIds: conceptIds,
    reservedQuestionIds: new Set(bank.questions.map((question) => question.id)),
    reservedConceptIds: conceptIds,
  });
}

export function formatOption(value: string | undefined): BankFormat | undefined {
  if (value === undefined) return undefined;
  if ((BANK_FORMATS as readonly string[]).includes(value)) return value as BankFormat;
  throw new UserError(`--format must be one of ${BANK_FORMATS.join(', ')}, not "${value}"`);
}
