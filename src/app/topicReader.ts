import type { BankIssue } from '../bank/bankIssue.ts';
import type { Concept } from '../bank/glossary.ts';
import type { Topic } from '../bank/loadBank.ts';
import type { Question } from '../core/question.ts';

// The shape of src/bank/topicUpload.ts (readTopicUpload), which validates uploads and imports.
export type BankFormat = 'yaml' | 'tsv' | 'csv' | 'gift';

export interface TopicUploadInput {
  fileName: string;
  text: string;
  format?: BankFormat;
  topicId?: string;
  knownConceptIds: ReadonlySet<string>;
  reservedQuestionIds: ReadonlySet<string>;
  reservedConceptIds: ReadonlySet<string>;
}

export interface TopicContent {
  topic: Topic;
  questions: Question[];
  concepts: Concept[];
}

export type TopicUploadResult =
  | { ok: true; format: BankFormat; content: TopicContent; yaml: string; notes: string[] }
  | { ok: false; format: BankFormat | undefined; issues: BankIssue[] };

/** Pure and synchronous: validates one topic file against what the server's bank already holds. */
export type TopicReader = (input: TopicUploadInput) => TopicUploadResult;
