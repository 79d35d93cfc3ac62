import { randomBytes } from 'node:crypto';
import { mkdir, unlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { ScoreFileError } from './ScoreFileError.ts';

/**
 * Proves that the score file's folder takes new files (created if missing) by writing and
 * removing a probe, which also catches read-only file systems that permission bits do not show.
 * A bot that could not save would show points at every reveal and lose them all.
 */
export async function checkWritableDirectory(file: string): Promise<void> {
  const directory = dirname(file);
  const probe = join(directory, `.studyquiz-write-check-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    await mkdir(directory, { recursive: true });
    await writeFile(probe, '');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new ScoreFileError(
      file,
      `its folder ${directory} cannot be written (${code}), so no score could be saved`,
      {
        cause: error,
        advice: `Make ${directory} writable for the user running the bot, or set SCORES_FILE to a file in a folder that is.`,
      },
    );
  }
  await unlink(probe).catch(() => undefined);
}
