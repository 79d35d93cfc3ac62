import { distance } from 'fastest-levenshtein';
import type { Bank, Topic } from '../bank/loadBank.ts';
import { quoteText } from '../core/quoteText.ts';
import { UserError } from '../core/userError.ts';

/** Enough to choose from, short enough for one message whatever the size of the bank. */
const MAX_TOPICS_LISTED = 15;

/** The topic a member named (by id or title, any case); undefined for "every topic". */
export function resolveTopic(bank: Bank, value: string | null | undefined): Topic | undefined {
  if (value === null || value === undefined || value.trim() === '') return undefined;
  const wanted = value.trim().toLowerCase();
  const topic = bank.topics.find((t) => t.id === wanted || t.title.toLowerCase() === wanted);
  if (topic) return topic;
  const ids = bank.topics.map((t) => t.id);
  const shown =
    ids.length <= MAX_TOPICS_LISTED
      ? ids
      : [...ids].sort((a, b) => distance(a, wanted) - distance(b, wanted)).slice(0, MAX_TOPICS_LISTED);
  const list = shown.map((id) => `\`${id}\``).join(', ');
  const what =
    ids.length <= MAX_TOPICS_LISTED
      ? 'Pick one from the list'
      : 'Closest topics (the option autocompletes the rest)';
  throw new UserError(`There is no topic "${quoteText(value, 50)}". ${what}: ${list}.`);
}

export interface TopicOption {
  id: string;
  title: string;
  questions: number;
}

/** Topics whose id or title contains what was typed, those starting with it first. */
export function searchTopics(bank: Bank, typed: string, limit = 25): TopicOption[] {
  const wanted = typed.toLowerCase();
  const counts = new Map<string, number>();
  for (const question of bank.questions) counts.set(question.topic, (counts.get(question.topic) ?? 0) + 1);
  return bank.topics
    .filter((topic) => topic.id.includes(wanted) || topic.title.toLowerCase().includes(wanted))
    .sort(
      (a, b) =>
        Number(!a.id.startsWith(wanted)) - Number(!b.id.startsWith(wanted)) || a.title.localeCompare(b.title),
    )
    .slice(0, limit)
    .map((topic) => ({ id: topic.id, title: topic.title, questions: counts.get(topic.id) ?? 0 }));
}
