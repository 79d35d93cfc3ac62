import type { BankIssue } from '../bank/bankIssue.ts';
import { DIFFICULTIES, QUESTION_TYPES, type Question } from '../core/question.ts';
import { quoteText } from '../core/quoteText.ts';
import { UserError } from '../core/userError.ts';
import type { BankStore, StoredBankProblem } from '../store/BankStore.ts';
import { BANK_LIMITS, type BankLimits } from './bankLimits.ts';
import { reservedIds } from './composeGuildBank.ts';
import type { GuildBanks } from './guildBanks.ts';
import { inertQuestion, unlinked } from './inertBankText.ts';
import { PendingActions } from './pendingActions.ts';
import type { BankFormat, TopicUploadInput, TopicUploadResult } from './topicReader.ts';

/** Who acts on a server's bank: the adapter says whether they hold Manage Server there. */
export interface BankActor {
  guildId: string;
  userId: string;
  canManage: boolean;
}

/** Reads an upload off the main thread, within a time limit. */
export type UploadParser = (
  input: TopicUploadInput,
) => Promise<TopicUploadResult | 'timed-out' | 'out-of-memory'>;

export interface UploadRequest {
  actor: BankActor;
  fileName: string;
  text: string;
  /** The `topic:` option: the id of an imported topic (a YAML topic keeps its own). */
  topic?: string | null | undefined;
}

export interface UploadPreview {
  token: string;
  format: BankFormat;
  topicId: string;
  title: string;
  questions: number;
  concepts: number;
  byType: Record<string, number>;
  byDifficulty: Record<string, number>;
  /** As it will be shown in a round. */
  first: Question;
  notes: string[];
  /** The server's topic of the same id, which saving would replace. */
  replaces: TopicSummary | undefined;
}

export type UploadOutcome = { ok: true; preview: UploadPreview } | { ok: false; issues: BankIssue[] };

export interface TopicSummary {
  topicId: string;
  title: string;
  questions: number;
  uploadedBy: string;
  uploadedAt: number;
}

export type SaveOutcome =
  | { status: 'saved'; topicId: string; title: string; questions: number; replaced: boolean }
  | { status: 'confirm-replace'; token: string; topicId: string; replaces: TopicSummary };

export interface BankListing {
  shippedEnabled: boolean;
  shipped: { topicId: string; title: string; questions: number }[];
  server: (TopicSummary & { problem: string | undefined })[];
  /** Problems with the server's bank as a whole. */
  problems: string[];
}

type Pending =
  | { kind: 'upload'; result: Extract<TopicUploadResult, { ok: true }> }
  | { kind: 'remove'; topicId: string };

export interface ServerBanksOptions {
  banks: GuildBanks;
  store: BankStore;
  parse: UploadParser;
  now: () => number;
  limits?: BankLimits;
  /** Tokens for buttons (tests make them predictable). */
  token?: () => string;
}

/**
 * The `/bank` use cases: upload (validated off the main thread, previewed, then saved), list,
 * export, remove and the shipped-bank setting. Every change to one server runs after the last
 * one finished, so two moderators at once cannot pass a limit together.
 */
export class ServerBanks {
  readonly #banks: GuildBanks;
  readonly #store: BankStore;
  readonly #parse: UploadParser;
  readonly #now: () => number;
  readonly #limits: BankLimits;
  readonly #pending: PendingActions<Pending>;
  readonly #queues = new Map<string, Promise<unknown>>();

  constructor(options: ServerBanksOptions) {
    this.#banks = options.banks;
    this.#store = options.store;
    this.#parse = options.parse;
    this.#now = options.now;
    this.#limits = options.limits ?? BANK_LIMITS;
    this.#pending = new PendingActions({
      now: options.now,
      ttlMs: this.#limits.pendingMs,
      ...(options.token ? { token: options.token } : {}),
    });
  }

  get limits(): BankLimits {
    return this.#limits;
  }

  async upload(request: UploadRequest): Promise<UploadOutcome> {
    const { actor } = request;
    requireManager(actor);
    const bytes = Buffer.byteLength(request.text, 'utf8');
    if (bytes > this.#limits.fileBytes) {
      throw new UserError(
        `${quoteText(request.fileName, 80)} is ${megabytes(bytes)}; a file may be at most ${megabytes(this.#limits.fileBytes)}. Split it into several topics and upload each.`,
      );
    }
    const shipped = this.#banks.shipped;
    const view = this.#banks.view(actor.guildId);
    const input = (reserved: ReturnType<typeof reservedIds>): TopicUploadInput => ({
      fileName: request.fileName,
      text: request.text,
      ...(request.topic?.trim() ? { topicId: request.topic.trim() } : {}),
      knownConceptIds: new Set(shipped.glossary.concepts.map((c) => c.id)),
      reservedQuestionIds: reserved.questionIds,
      reservedConceptIds: reserved.conceptIds,
    });
    // The topic's id is known only once read: first against the shipped bank alone, then, should
    // it reuse an id of the server's other topics, again against those for the same report.
    let result = await this.#parseWithin(input(reservedIds(shipped, [])));
    if (result.ok) {
      const others = reservedIds(shipped, view.topics, result.content.topic.id);
      if (collides(result, others)) result = await this.#parseWithin(input(others));
    }
    if (!result.ok) return { ok: false, issues: result.issues };
    const { topic, questions, concepts } = result.content;
    if (shipped.topics.some((t) => t.id === topic.id)) {
      throw new UserError(
        `The topic id \`${topic.id}\` is a topic shipped with the bot. Give yours another id (the \`topic\` field of a YAML file, or the \`topic:\` option for an import).`,
      );
    }
    this.#checkLimits(actor.guildId, topic.id, questions.length);
    const first = questions[0];
    if (!first) throw new UserError('The file holds no questions: add at least one.');
    const existing = view.topics.find((t) => t.stored.topicId === topic.id);
    const token = this.#pending.add(actor, { kind: 'upload', result });
    return {
      ok: true,
      preview: {
        token,
        format: result.format,
        topicId: topic.id,
        title: unlinked(topic.title),
        questions: questions.length,
        concepts: concepts.length,
        byType: countBy(questions, QUESTION_TYPES, (q) => q.type),
        byDifficulty: countBy(questions, DIFFICULTIES, (q) => q.difficulty),
        first: inertQuestion(first),
        notes: result.notes,
        replaces: existing ? this.#summary(actor.guildId, existing.stored.topicId) : undefined,
      },
    };
  }

  /** Saves a previewed upload; one that would replace a topic asks again first (`replace` false). */
  async save(token: string, actor: BankActor, replace: boolean): Promise<SaveOutcome> {
    requireManager(actor);
    const pending = this.#pending.get(token, actor);
    if (pending.kind !== 'upload') throw new UserError('This button is not for saving an upload.');
    return this.#queued(actor.guildId, async () => {
      const { content, yaml } = pending.result;
      const topicId = content.topic.id;
      const view = this.#banks.view(actor.guildId);
      const existing = view.topics.find((t) => t.stored.topicId === topicId);
      if (existing && !replace) {
        return {
          status: 'confirm-replace',
          token,
          topicId,
          replaces: this.#summary(actor.guildId, topicId),
        } as const;
      }
      this.#checkLimits(actor.guildId, topicId, content.questions.length);
      if (collides(pending.result, reservedIds(this.#banks.shipped, view.topics, topicId))) {
        throw new UserError(
          'Another topic saved in this server since the preview uses some of the same ids. Upload the file again to see which.',
        );
      }
      this.#pending.take(token, actor);
      await this.#store.saveTopic(actor.guildId, {
        topicId,
        yaml,
        uploadedBy: actor.userId,
        uploadedAt: this.#now(),
      });
      await this.#banks.refresh(actor.guildId);
      return {
        status: 'saved',
        topicId,
        title: unlinked(content.topic.title),
        questions: content.questions.length,
        replaced: existing !== undefined,
      } as const;
    });
  }

  /** Drops a pending preview or removal; says which it was. */
  cancel(token: string, actor: BankActor): 'upload' | 'remove' {
    return this.#pending.take(token, actor).kind;
  }

  list(guildId: string): BankListing {
    const view = this.#banks.view(guildId);
    const shipped = this.#banks.shipped;
    const counts = new Map<string, number>();
    for (const q of shipped.questions) counts.set(q.topic, (counts.get(q.topic) ?? 0) + 1);
    const problems = new Map(
      view.problems.filter((p) => p.topicId !== null).map((p) => [p.topicId, p.problem] as const),
    );
    const stored = new Set(view.topics.map((t) => t.stored.topicId));
    return {
      shippedEnabled: view.shippedEnabled,
      shipped: shipped.topics.map((t) => ({
        topicId: t.id,
        title: t.title,
        questions: counts.get(t.id) ?? 0,
      })),
      server: [
        ...view.topics.map((t) => ({
          ...this.#summary(guildId, t.stored.topicId),
          problem: problems.get(t.stored.topicId),
        })),
        // A file the store could not read at all is still listed: never dropped quietly.
        ...view.problems
          .filter(
            (p): p is StoredBankProblem & { topicId: string } => p.topicId !== null && !stored.has(p.topicId),
          )
          .map((p) => ({
            topicId: p.topicId,
            title: p.topicId,
            questions: 0,
            uploadedBy: 'unknown',
            uploadedAt: 0,
            problem: p.problem,
          })),
      ],
      problems: view.problems.filter((p) => p.topicId === null).map((p) => p.problem),
    };
  }

  /** The server's topics whose id or title contains what was typed (for the `topic:` options). */
  searchTopics(guildId: string, typed: string, limit = 25): TopicSummary[] {
    const wanted = typed.trim().toLowerCase();
    return this.#banks
      .view(guildId)
      .topics.map((t) => this.#summary(guildId, t.stored.topicId))
      .filter((t) => t.topicId.includes(wanted) || t.title.toLowerCase().includes(wanted))
      .slice(0, limit);
  }

  /** The topic as saved: the bank's own YAML. */
  export(guildId: string, topicId: string): { fileName: string; yaml: string } {
    const stored = this.#serverTopic(guildId, topicId);
    return { fileName: `${stored.topicId}.yaml`, yaml: stored.yaml };
  }

  requestRemoval(actor: BankActor, topicId: string): { token: string; topic: TopicSummary } {
    requireManager(actor);
    const stored = this.#serverTopic(actor.guildId, topicId);
    const token = this.#pending.add(actor, { kind: 'remove', topicId: stored.topicId });
    return { token, topic: this.#summary(actor.guildId, stored.topicId) };
  }

  async confirmRemoval(token: string, actor: BankActor): Promise<TopicSummary> {
    requireManager(actor);
    const pending = this.#pending.get(token, actor);
    if (pending.kind !== 'remove') throw new UserError('This button is not for removing a topic.');
    return this.#queued(actor.guildId, async () => {
      this.#pending.take(token, actor);
      const summary = this.#summary(actor.guildId, pending.topicId);
      if (!(await this.#store.removeTopic(actor.guildId, pending.topicId)))
        throw new UserError(`This server has no topic \`${pending.topicId}\` any more.`);
      await this.#banks.refresh(actor.guildId);
      return summary;
    });
  }

  async setShipped(
    actor: BankActor,
    enabled: boolean,
  ): Promise<{ shippedTopics: number; serverTopics: number }> {
    requireManager(actor);
    return this.#queued(actor.guildId, async () => {
      await this.#store.setShippedEnabled(actor.guildId, enabled);
      const view = await this.#banks.refresh(actor.guildId);
      return { shippedTopics: this.#banks.shipped.topics.length, serverTopics: view.topics.length };
    });
  }

  async #parseWithin(input: TopicUploadInput): Promise<TopicUploadResult> {
    const result = await this.#parse(input);
    if (result === 'timed-out') {
      throw new UserError(
        `Reading ${quoteText(input.fileName, 80)} took longer than ${this.#limits.parseMs / 1000} s, so it was stopped. Split it into smaller topics, or check it with \`studyquiz validate\`.`,
      );
    }
    if (result === 'out-of-memory') {
      throw new UserError(
        `Reading ${quoteText(input.fileName, 80)} needed more memory than a file may take, so it was stopped. Split it into smaller topics.`,
      );
    }
    return result;
  }

  #checkLimits(guildId: string, topicId: string, questions: number): void {
    const others = this.#banks.view(guildId).topics.filter((t) => t.stored.topicId !== topicId);
    if (others.length + 1 > this.#limits.topicsPerServer) {
      throw new UserError(
        `This server already has ${others.length} topics, the most a server may have. Remove one with \`/bank remove\` first.`,
      );
    }
    const held = others.reduce((sum, t) => sum + (t.content?.questions.length ?? 0), 0);
    if (held + questions > this.#limits.questionsPerServer) {
      throw new UserError(
        `This topic has ${questions} questions and this server's other topics ${held}: a server may have at most ${this.#limits.questionsPerServer}. Remove a topic with \`/bank remove\`, or upload fewer questions.`,
      );
    }
  }

  #serverTopic(guildId: string, topicId: string) {
    const wanted = topicId.trim().toLowerCase();
    const found = this.#banks.view(guildId).topics.find((t) => t.stored.topicId === wanted);
    if (found) return found.stored;
    if (this.#banks.shipped.topics.some((t) => t.id === wanted)) {
      throw new UserError(
        `\`${wanted}\` is shipped with the bot, not uploaded here: to hide the shipped topics use \`/bank shipped enabled:False\`.`,
      );
    }
    throw new UserError(`This server has no topic "${quoteText(topicId, 50)}". See \`/bank list\`.`);
  }

  #summary(guildId: string, topicId: string): TopicSummary {
    const topic = this.#banks.view(guildId).topics.find((t) => t.stored.topicId === topicId);
    const content = topic?.content;
    return {
      topicId,
      title: content ? unlinked(content.topic.title) : topicId,
      questions: content?.questions.length ?? 0,
      uploadedBy: topic?.stored.uploadedBy ?? 'unknown',
      uploadedAt: topic?.stored.uploadedAt ?? 0,
    };
  }

  #queued<T>(guildId: string, work: () => Promise<T>): Promise<T> {
    const previous = this.#queues.get(guildId) ?? Promise.resolve();
    const next = previous.then(work, work);
    const settled = next.catch(() => undefined);
    this.#queues.set(guildId, settled);
    void settled.then(() => {
      if (this.#queues.get(guildId) === settled) this.#queues.delete(guildId);
    });
    return next;
  }
}

function requireManager(actor: BankActor): void {
  if (!actor.canManage)
    throw new UserError("Only members with Manage Server can change this server's question bank.");
}

function collides(
  result: Extract<TopicUploadResult, { ok: true }>,
  reserved: ReturnType<typeof reservedIds>,
) {
  return (
    result.content.questions.some((q) => reserved.questionIds.has(q.id)) ||
    result.content.concepts.some((c) => reserved.conceptIds.has(c.id))
  );
}

function countBy<T>(items: readonly T[], keys: readonly string[], keyOf: (item: T) => string) {
  const counts: Record<string, number> = Object.fromEntries(keys.map((key) => [key, 0]));
  for (const item of items) counts[keyOf(item)] = (counts[keyOf(item)] ?? 0) + 1;
  return counts;
}

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(bytes < 1024 * 1024 ? 2 : 1)} MB`;
}
