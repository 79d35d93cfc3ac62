import { canMigrate, migrateScoreFile } from './migrateScoreFile.ts';
import { ScoreFileError } from './ScoreFileError.ts';
import {
  SCORE_FILE_FORMAT,
  SCORE_FILE_VERSION,
  type ScoreFileData,
  scoreFileSchema,
} from './scoreFileSchema.ts';

export interface ParsedScoreFile {
  data: ScoreFileData;
  /** The version the file had when it was older than this release's: it was migrated in memory. */
  migratedFrom: number | undefined;
}

/** Checks the text of a score file; anything unusable becomes a ScoreFileError naming the problem. */
export function parseScoreFile(file: string, text: string): ParsedScoreFile {
  if (text.trim() === '') throw new ScoreFileError(file, 'the file is empty');

  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ScoreFileError(file, `it is not valid JSON (${describeJsonError(text, error)})`, {
      cause: error,
    });
  }

  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new ScoreFileError(file, `it holds ${kindOf(json)}, not a studyquiz score file`);
  }
  let fields = json as Record<string, unknown>;
  const { format, version } = fields;
  if (format !== SCORE_FILE_FORMAT) {
    throw new ScoreFileError(
      file,
      `it is not a studyquiz score file ("format" is ${show(format)}, expected "${SCORE_FILE_FORMAT}")`,
    );
  }
  const migratedFrom = version !== SCORE_FILE_VERSION && canMigrate(version) ? version : undefined;
  if (migratedFrom !== undefined) fields = migrateScoreFile(fields, SCORE_FILE_VERSION);
  else if (version !== SCORE_FILE_VERSION) {
    const newer = typeof version === 'number' && version > SCORE_FILE_VERSION;
    throw new ScoreFileError(
      file,
      newer
        ? `it has format version ${version}, written by a newer studyquiz (this one reads version ${SCORE_FILE_VERSION}); upgrade studyquiz to use it`
        : `unknown format version ${show(version)} (this studyquiz reads version ${SCORE_FILE_VERSION})`,
    );
  }

  const parsed = scoreFileSchema.safeParse(fields);
  if (!parsed.success) {
    const shown = parsed.error.issues
      .slice(0, 3)
      .map((issue) => `at ${formatPath(issue.path)}: ${issue.message}`);
    const more = parsed.error.issues.length - shown.length;
    throw new ScoreFileError(
      file,
      `it has the wrong shape: ${shown.join('; ')}${more > 0 ? `; and ${more} more problem(s)` : ''}`,
    );
  }
  return { data: parsed.data, migratedFrom };
}

function describeJsonError(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const position = Number(/at position (\d+)/.exec(message)?.[1] ?? Number.NaN);
  if (/end of JSON input/i.test(message) || position >= text.trimEnd().length) {
    return 'it ends too early; was it cut short?';
  }
  if (Number.isNaN(position)) return message.length > 200 ? `${message.slice(0, 200)}…` : message;
  const before = text.slice(0, position).split('\n');
  const line = before.length;
  const column = (before.at(-1)?.length ?? 0) + 1;
  return `${message.replace(/ in JSON at position \d+.*$/s, '')} at line ${line}, column ${column}`;
}

function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return 'the top level';
  return path
    .map((key, i) => {
      if (typeof key === 'number') return `[${key}]`;
      const name = String(key);
      if (/^[A-Za-z_$][\w$]*$/.test(name)) return i === 0 ? name : `.${name}`;
      return `[${JSON.stringify(name)}]`;
    })
    .join('');
}

function kindOf(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  return `a ${typeof value}`;
}

function show(value: unknown): string {
  return value === undefined ? 'missing' : (JSON.stringify(value) ?? String(value));
}
