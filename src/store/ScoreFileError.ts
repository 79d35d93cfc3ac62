/**
 * The score file cannot be used. The store never writes over such a file, so the message says
 * which file, what is wrong with it, and how to get going again.
 */
export class ScoreFileError extends Error {
  override readonly name = 'ScoreFileError';

  constructor(
    readonly file: string,
    readonly problem: string,
    options?: { cause?: unknown; advice?: string },
  ) {
    super(
      `Cannot load the score file ${file}: ${problem}.\n` +
        (options?.advice ??
          'The file was left untouched. To start with empty scores, move it aside ' +
            `(for example: mv '${file}' '${file}.broken'); or restore it from a backup.`),
      options,
    );
  }
}
