import type { Bank } from './loadBank.ts';

/** A topic's title for players; its id when the bank does not know it. */
export function topicTitle(bank: Bank, topicId: string): string {
  return bank.topics.find((topic) => topic.id === topicId)?.title ?? topicId;
}
