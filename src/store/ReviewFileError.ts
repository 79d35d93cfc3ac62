/** The review file cannot be used: says which file, what is wrong, and how to get going again. */
export class ReviewFileError extends Error {
  override readonly name = 'ReviewFileError';

  constructor(
    readonly file: string,
    readonly problem: string,
    options?: { cause?: unknown },
  ) {
    super(
      `Cannot load the review file ${file}: ${problem}.\n` +
        'The file was left untouched. To start with no review cards, move it aside ' +
        `(for example: mv '${file}' '${file}.broken'); or restore it from a backup.`,
      options,
    );
  }
}
