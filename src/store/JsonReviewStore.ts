import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { CoalescingWriter } from './CoalescingWriter.ts';
import type { WriteFile } from './JsonScoreStore.ts';
import { ReviewCardIndex } from './ReviewCardIndex.ts';
import { ReviewFileError } from './ReviewFileError.ts';
import type { CardUpdate, DueCounts, DueQuery, ReviewCard, ReviewStore } from './ReviewStore.ts';
import { parseReviewFile, reviewFileJson } from './reviewFile.ts';
import { writeFileDurably } from './writeFileDurably.ts';

/** The review file beside a score file: `reviews.json` in the same folder. */
export function reviewFileBeside(scoresFile: string): string {
  return join(dirname(resolve(scoresFile)), 'reviews.json');
}

/** The log beside a review file: `reviews.json` → `reviews-log.jsonl`. */
export function reviewLogOf(file: string): string {
  return join(dirname(file), `${basename(file, '.json')}-log.jsonl`);
}

/**
 * Cards in memory, saved to one JSON file (written atomically, a burst of saves coalesced into
 * one write); the review log appended to a JSON Lines file beside it, one review per line. A
 * file that cannot be read stops load() and is never written over.
 */
export class JsonReviewStore implements ReviewStore {
  readonly file: string;
  readonly logFile: string;
  #index = new ReviewCardIndex();
  #loaded = false;
  #closed = false;
  #pendingLog: string[] = [];
  #logWrite: Promise<void> = Promise.resolve();
  readonly #writer: CoalescingWriter;

  constructor(file: string, writeFile: WriteFile = writeFileDurably) {
    this.file = resolve(file);
    this.logFile = reviewLogOf(this.file);
    this.#writer = new CoalescingWriter(
      () => reviewFileJson(this.#index),
      (data) => writeFile(this.file, data),
    );
  }

  async load(): Promise<void> {
    if (this.#loaded) throw new Error(`The review file ${this.file} is already loaded.`);
    let text: string | undefined;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT') {
        throw new ReviewFileError(this.file, `it cannot be read (${code ?? String(error)})`, {
          cause: error,
        });
      }
    }
    this.#index = text === undefined ? new ReviewCardIndex() : parseReviewFile(this.file, text);
    this.#loaded = true;
  }

  async save(updates: readonly CardUpdate[]): Promise<void> {
    if (!this.#loaded) throw new Error(`Load the review file ${this.file} before saving cards.`);
    if (this.#closed) throw new Error('The review store is closed; nothing more can be saved.');
    if (updates.length === 0) return;
    for (const update of updates) {
      this.#index.apply(update);
      this.#pendingLog.push(
        JSON.stringify({
          guildId: update.guildId,
          userId: update.userId,
          questionId: update.card.questionId,
          ...update.log,
        }),
      );
    }
    this.#writer.changed();
    await Promise.all([this.#writer.whenWritten(), this.#appendLog()]);
  }

  async cards(
    guildId: string,
    userId: string,
    questionIds: readonly string[],
  ): Promise<Map<string, ReviewCard>> {
    return this.#index.cards(guildId, userId, questionIds);
  }

  async cardsOf(
    guildId: string,
    questionId: string,
    userIds: readonly string[],
  ): Promise<Map<string, ReviewCard>> {
    return this.#index.cardsOf(guildId, questionId, userIds);
  }

  async dueCards(guildId: string, userId: string, query: DueQuery): Promise<ReviewCard[]> {
    return this.#index.dueCards(guildId, userId, query);
  }

  async dueCounts(guildId: string, userId: string, bounds: DueCounts): Promise<DueCounts> {
    return this.#index.dueCounts(guildId, userId, bounds);
  }

  async topics(guildId: string, userId: string): Promise<string[]> {
    return this.#index.topics(guildId, userId);
  }

  async close(): Promise<void> {
    if (!this.#loaded) return;
    this.#closed = true;
    await Promise.all([this.#writer.flush(), this.#appendLog()]);
  }

  /** One append at a time, each taking every line noted so far. */
  #appendLog(): Promise<void> {
    this.#logWrite = this.#logWrite
      .catch(() => undefined)
      .then(async () => {
        if (this.#pendingLog.length === 0) return;
        const lines = this.#pendingLog;
        this.#pendingLog = [];
        try {
          await mkdir(dirname(this.logFile), { recursive: true });
          await appendFile(this.logFile, `${lines.join('\n')}\n`);
        } catch (error) {
          this.#pendingLog = [...lines, ...this.#pendingLog];
          throw error;
        }
      });
    return this.#logWrite;
  }
}
