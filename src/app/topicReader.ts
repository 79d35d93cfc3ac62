import type { TopicUploadInput, TopicUploadResult } from '../bank/topicUpload.ts';

export type { BankFormat, TopicContent, TopicUploadInput, TopicUploadResult } from '../bank/topicUpload.ts';

/** Pure and synchronous: validates one topic file against what the server's bank already holds. */
export type TopicReader = (input: TopicUploadInput) => TopicUploadResult;
