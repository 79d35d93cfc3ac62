import { constants } from 'node:fs';
import { copyFile, readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { CoalescingWriter } from './CoalescingWriter.ts';
import { checkWritableDirectory } from './checkWritableDirectory.ts';
import { parseScoreFile } from './parseScoreFile.ts';
import { Scoreboard } from './Scoreboard.ts';
import { ScoreFileError } from './ScoreFileError.ts';
import type {
  LeaderboardEntry,
  LeaderboardPage,
  LeaderboardQuery,
  MemberStats,
  Period,
  QuestionResult,
  ScoreStore,
  WeekPoints,
} from './ScoreStore.ts';
import { writeFileDurably } from './writeFileDurably.ts';

export type WriteFile = (file: string, data: string) => Promise<void>;

/**
 * Scores kept in memory and saved to one JSON file (format in scoreFileSchema.ts). Nothing is
 * written until the file has been loaded, and never after it failed to load, so a file the
 * store cannot read is never replaced by an empty one. A file of an older format is migrated,
 * with the original kept beside it.
 */
export class JsonScoreStore implements ScoreStore {
  readonly file: string;
  #board = new Scoreboard();
  #loaded = false;
  #closed = false;
  #loadFailure: ScoreFileError | undefined;
  readonly #writer: CoalescingWriter;

  constructor(file: string, writeFile: WriteFile = writeFileDurably) {
    this.file = resolve(file);
    this.#writer = new CoalescingWriter(
      () => this.#board.snapshot().toJson(),
      (data) => writeFile(this.file, data),
    );
  }

  async load(): Promise<void> {
    if (this.#loaded) throw new Error(`The score file ${this.file} is already loaded.`);
    try {
      const text = await readScoreFile(this.file);
      await checkWritableDirectory(this.file);
      const parsed = text === undefined ? undefined : parseScoreFile(this.file, text);
      if (parsed?.migratedFrom !== undefined) await this.#keepOriginal(parsed.migratedFrom);
      this.#board = parsed ? Scoreboard.fromFile(parsed.data) : new Scoreboard();
      this.#loaded = true;
      this.#loadFailure = undefined;
      if (parsed?.migratedFrom !== undefined) {
        this.#writer.changed();
        await this.#writer.flush();
      }
    } catch (error) {
      this.#loaded = false;
      this.#loadFailure =
        error instanceof ScoreFileError
          ? error
          : new ScoreFileError(this.file, `it could not be loaded (${String(error)})`, { cause: error });
      throw this.#loadFailure;
    }
  }

  async record(result: QuestionResult): Promise<void> {
    if (this.#loadFailure) throw this.#loadFailure;
    if (!this.#loaded) throw new Error(`Load the score file ${this.file} before recording scores.`);
    if (this.#closed) throw new Error('The score store is closed; nothing more can be recorded.');
    if (this.#board.record(result)) this.#writer.changed();
    await this.#writer.whenWritten();
  }

  /** Resolves once everything recorded before the call is on disk (records already wait for this). */
  flush(): Promise<void> {
    if (this.#loadFailure) return Promise.reject(this.#loadFailure);
    return this.#writer.flush();
  }

  async leaderboard(guildId: string, query: LeaderboardQuery): Promise<LeaderboardPage> {
    return this.#board.leaderboard(guildId, query.period, query.now, query.offset, query.limit);
  }

  async rankOf(
    guildId: string,
    userId: string,
    period: Period,
    now: number,
  ): Promise<LeaderboardEntry | undefined> {
    return this.#board.rankOf(guildId, userId, period, now);
  }

  async memberStats(guildId: string, userId: string): Promise<MemberStats | undefined> {
    return this.#board.memberStats(guildId, userId);
  }

  async weeklyPoints(guildId: string, userId: string, weeks: number, now: number): Promise<WeekPoints[]> {
    return this.#board.weeklyPoints(guildId, userId, weeks, now);
  }

  async close(): Promise<void> {
    if (this.#loadFailure) throw this.#loadFailure;
    this.#closed = true;
    await this.#writer.flush();
  }

  /** A copy of the file as it was before migration, never overwriting an earlier copy. */
  async #keepOriginal(version: number): Promise<void> {
    const backup = `${this.file}.v${version}.bak`;
    try {
      await copyFile(this.file, backup, constants.COPYFILE_EXCL);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      await copyFile(this.file, `${backup}.${Date.now()}`);
    }
  }
}

/** The file's text, or undefined when there is no file yet. */
async function readScoreFile(file: string): Promise<string | undefined> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // A missing folder, or a file where a folder should be: the write check says what to fix.
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    if (code === 'EISDIR') throw new ScoreFileError(file, 'it is a directory, not a file', { cause: error });
    if (code === 'EACCES' || code === 'EPERM') {
      throw new ScoreFileError(file, 'it cannot be read (permission denied)', { cause: error });
    }
    throw new ScoreFileError(file, `it cannot be read (${code ?? String(error)})`, { cause: error });
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (error) {
    throw new ScoreFileError(file, 'it is not UTF-8 text', { cause: error });
  }
}
