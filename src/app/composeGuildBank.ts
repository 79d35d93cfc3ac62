import { formatBankIssue } from '../bank/bankIssue.ts';
import { Glossary } from '../bank/glossary.ts';
import { knownTerms } from '../bank/knownTerms.ts';
import type { Bank } from '../bank/loadBank.ts';
import type { Question } from '../core/question.ts';
import type { GuildBankRecord, StoredBankProblem, StoredTopic } from '../store/BankStore.ts';
import { inertConcept, inertQuestion, inertTopic } from './inertBankText.ts';
import type { TopicContent, TopicReader } from './topicReader.ts';

/** A server's topic as stored, with what it holds when it still validates. */
export interface ServerTopic {
  stored: StoredTopic;
  /** Undefined when the stored YAML no longer validates (see the guild's problems). */
  content: TopicContent | undefined;
}

export interface GuildBankView {
  guildId: string;
  /** What rounds, autocomplete and /explain of this server use. */
  bank: Bank;
  shippedEnabled: boolean;
  topics: ServerTopic[];
  problems: StoredBankProblem[];
}

function readStored(
  stored: StoredTopic,
  readTopic: TopicReader,
  knownConceptIds: ReadonlySet<string>,
  reserved: ReservedIds,
  guildId: string,
  problems: StoredBankProblem[],
): TopicContent | undefined {
  const read = readTopic({
    fileName: `${stored.topicId}.yaml`,
    text: stored.yaml,
    format: 'yaml',
    knownConceptIds,
    reservedQuestionIds: reserved.questionIds,
    reservedConceptIds: reserved.conceptIds,
  });
  if (read.ok && read.content.topic.id === stored.topicId) return read.content;
  const first = read.ok
    ? `its topic id is "${read.content.topic.id}", not "${stored.topicId}"`
    : read.issues.slice(0, 1).map(formatBankIssue).join('');
  const more = !read.ok && read.issues.length > 1 ? ` (and ${read.issues.length - 1} more)` : '';
  problems.push({
    guildId,
    topicId: stored.topicId,
    problem: `no longer validates, so it is not played: ${first}${more}. Export it, fix it and upload it again.`,
  });
  return undefined;
}

function collides(content: TopicContent, reserved: ReservedIds): boolean {
  return (
    content.questions.some((q) => reserved.questionIds.has(q.id)) ||
    content.concepts.some((c) => reserved.conceptIds.has(c.id))
  );
}

/** Ids a new topic may not reuse: the shipped bank's and those of the server's other topics. */
export interface ReservedIds {
  questionIds: Set<string>;
  conceptIds: Set<string>;
}

export function reservedIds(shipped: Bank, topics: readonly ServerTopic[], except?: string): ReservedIds {
  const questionIds = new Set(shipped.questions.map((q) => q.id));
  const conceptIds = new Set(shipped.glossary.concepts.map((c) => c.id));
  for (const topic of topics) {
    if (!topic.content || topic.stored.topicId === except) continue;
    for (const question of topic.content.questions) questionIds.add(question.id);
    for (const concept of topic.content.concepts) conceptIds.add(concept.id);
  }
  return { questionIds, conceptIds };
}

/**
 * The bank of one server: the shipped topics unless hidden there, then the server's own, with the
 * shipped glossary always there for /explain and the judge's known terms taken over the whole.
 * A stored topic that no longer validates is kept (for /bank list and export) and reported, not played.
 */
export function composeGuildBank(
  guildId: string,
  shipped: Bank,
  record: GuildBankRecord,
  readTopic: TopicReader,
  storeProblems: readonly StoredBankProblem[] = [],
  previous: readonly ServerTopic[] = [],
): GuildBankView {
  const topics: ServerTopic[] = [];
  const problems = [...storeProblems];
  const knownConceptIds = new Set(shipped.glossary.concepts.map((c) => c.id));
  // A topic read before from the same YAML is not read again: after one upload only it is read.
  const known = new Map(previous.filter((t) => t.content).map((t) => [t.stored.topicId, t]));
  const reserved = reservedIds(shipped, []);
  for (const stored of record.topics) {
    const before = known.get(stored.topicId);
    const content =
      before?.stored.yaml === stored.yaml && before.content && !collides(before.content, reserved)
        ? before.content
        : readStored(stored, readTopic, knownConceptIds, reserved, guildId, problems);
    topics.push({ stored, content });
    if (!content) continue;
    for (const question of content.questions) reserved.questionIds.add(question.id);
    for (const concept of content.concepts) reserved.conceptIds.add(concept.id);
  }
  const own = topics.flatMap((topic) => (topic.content ? [topic.content] : []));
  if (own.length === 0 && record.shippedEnabled)
    return { guildId, bank: shipped, shippedEnabled: true, topics, problems };

  const glossary = new Glossary([
    ...shipped.glossary.concepts,
    ...own.flatMap((content) => content.concepts.map(inertConcept)),
  ]);
  const questions: Question[] = [
    ...(record.shippedEnabled ? shipped.questions : []),
    ...own.flatMap((content) => content.questions.map(inertQuestion)),
  ];
  const terms = Object.freeze(knownTerms(questions, glossary.concepts));
  const bank: Bank = {
    files: record.shippedEnabled ? shipped.files : [],
    topics: [
      ...(record.shippedEnabled ? shipped.topics : []),
      ...own.map((content) => inertTopic(content.topic)),
    ],
    questions: questions.map((q) => (q.type === 'short-answer' ? { ...q, knownTerms: terms } : q)),
    glossary,
  };
  return { guildId, bank, shippedEnabled: record.shippedEnabled, topics, problems };
}
