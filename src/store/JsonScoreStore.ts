import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { CoalescingWriter } from './CoalescingWriter.ts';
import { MemoryScoreStore } from './MemoryScoreStore.ts';
import { parseScoreFile } from './parseScoreFile.ts';
import { Scoreboard } from './Scoreboard.ts';
import { ScoreFileError } from './ScoreFileError.ts';
import type { QuestionResult } from './ScoreStore.ts';
import { writeFileDurably } from './writeFileDurably.ts';

export type WriteFile = (file: string, data: string) => Promise<void>;

/**
 * Scores kept in memory and saved to one JSON file (format in scoreFileSchema.ts). Nothing is
 * written until the file has been loaded, and never after it failed to load, so a file the
 * store cannot read is never replaced by an empty one.
 */
export class JsonScoreStore extends MemoryScoreStore {
  readonly file: string;
  private loaded = false;
  private loadFailure: ScoreFileError | undefined;
  private readonly writer: CoalescingWriter;

  constructor(file: string, writeFile: WriteFile = writeFileDurably) {
    super();
    this.file = resolve(file);
    this.writer = new CoalescingWriter(
      () => this.board.snapshot().toJson(),
      (data) => writeFile(this.file, data),
    );
  }

  override async load(): Promise<void> {
    if (this.loaded) throw new Error(`The score file ${this.file} is already loaded.`);
    try {
      const text = await readScoreFile(this.file);
      this.board =
        text === undefined ? new Scoreboard() : Scoreboard.fromFile(parseScoreFile(this.file, text));
    } catch (error) {
      this.loadFailure =
        error instanceof ScoreFileError
          ? error
          : new ScoreFileError(this.file, `it could not be loaded (${String(error)})`, { cause: error });
      throw this.loadFailure;
    }
    this.loadFailure = undefined;
    this.loaded = true;
  }

  override record(result: QuestionResult): void {
    if (this.loadFailure) throw this.loadFailure;
    if (!this.loaded) throw new Error(`Load the score file ${this.file} before recording scores.`);
    super.record(result);
    this.writer.changed();
  }

  override flush(): Promise<void> {
    if (this.loadFailure) return Promise.reject(this.loadFailure);
    return this.writer.flush();
  }

  override async close(): Promise<void> {
    await this.flush();
    await super.close();
  }
}

/** The file's text, or undefined when there is no file yet. */
async function readScoreFile(file: string): Promise<string | undefined> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
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
