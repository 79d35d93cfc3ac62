import { parse } from 'csv-parse/sync';
import type { BankIssue } from './bankIssue.ts';
import { stripHtml } from './stripHtml.ts';

/** One term–definition card and the line it starts on. */
export interface Card {
  term: string;
  definition: string;
  line: number;
}

export interface CardsRead {
  cards: Card[];
  /** What the header told, for the preview. */
  notes: string[];
}

export type CardsResult = { ok: true; read: CardsRead } | { ok: false; issues: BankIssue[] };

const SEPARATORS: Record<string, string> = {
  tab: '\t',
  comma: ',',
  semicolon: ';',
  space: ' ',
  pipe: '|',
  colon: ':',
};

const SEPARATOR_NAMES: Record<string, string> = {
  '\t': 'a tab',
  ',': 'a comma',
  ';': 'a semicolon',
  ' ': 'a space',
  '|': 'a pipe (|)',
  ':': 'a colon',
};

/** A first row that names the columns instead of being a card. */
const TERM_HEADING = /^(term|front|word|question)$/i;
const DEFINITION_HEADING = /^(definition|back|meaning|answer)$/i;

/**
 * Reads a Quizlet or Anki export: one card a line, the term, a separator, the definition. Anki's
 * `#key:value` header lines at the top say the separator, whether fields are HTML and which
 * columns hold notetype, deck, tags or guid.
 */
export function readCards(file: string, text: string, format: 'tsv' | 'csv'): CardsResult {
  const lines = text.split(/\r?\n/);
  const headers = new Map<string, string>();
  let bodyStart = 0;
  for (; bodyStart < lines.length; bodyStart++) {
    const match = /^#([^:]+):(.*)$/.exec(lines[bodyStart] ?? '');
    if (!match) break;
    headers.set((match[1] ?? '').trim().toLowerCase(), (match[2] ?? '').trim());
  }
  const issues: BankIssue[] = [];
  const issue = (line: number, message: string) =>
    issues.push({ file, line, column: 1, questionId: null, field: null, message });

  const named = headers.get('separator');
  let delimiter = format === 'tsv' ? '\t' : ',';
  if (named !== undefined) {
    const chosen = SEPARATORS[named.toLowerCase()] ?? (named.length === 1 ? named : undefined);
    if (chosen === undefined) {
      issue(
        lineOfHeader(lines, 'separator'),
        `#separator:${named} is not a separator Anki writes: use Tab, Comma, Semicolon, Space, Pipe, Colon or a single character`,
      );
      return { ok: false, issues };
    }
    delimiter = chosen;
  }
  const html = headers.get('html')?.toLowerCase() === 'true';
  // Anki numbers columns from 1; these hold note data, not the card's two sides.
  const skipped = new Set(
    ['guid column', 'notetype column', 'deck column', 'tags column'].flatMap((key) => {
      const column = Number(headers.get(key));
      return Number.isInteger(column) && column > 0 ? [column - 1] : [];
    }),
  );

  // Header lines become blank, so the parser's line numbers stay those of the file.
  const body = [...lines.slice(0, bodyStart).map(() => ''), ...lines.slice(bodyStart)].join('\n');
  let records: { record: string[]; info: { lines: number }; raw: string }[];
  // Where the last whole card ended, to find the start of one that does not parse.
  let lastEnd = 0;
  try {
    records = parse(body, {
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      info: true,
      raw: true,
      on_record: (record, context) => {
        lastEnd = context.lines;
        return record;
      },
    }) as unknown as typeof records;
  } catch (error) {
    const failure = error as Error & { code?: string; lines?: number };
    const bodyLines = body.split('\n');
    let start = lastEnd;
    while (start < bodyLines.length && (bodyLines[start] ?? '').trim() === '') start++;
    const why =
      failure.code === 'CSV_QUOTE_NOT_CLOSED'
        ? 'a double quote opens a field here that is never closed'
        : failure.message.replace(/ at line \d+/, '');
    issue(
      failure.code === 'CSV_QUOTE_NOT_CLOSED' ? start + 1 : (failure.lines ?? start + 1),
      `cannot be read as ${format === 'tsv' ? 'tab-separated' : 'comma-separated'} cards: ${why}; a field that holds the separator or a line break must be in double quotes, and a double quote inside it doubled ("")`,
    );
    return { ok: false, issues };
  }

  const notes: string[] = [];
  const cards: Card[] = [];
  const clean = (value: string) => (html ? stripHtml(value) : value.trim());
  const separatorName = SEPARATOR_NAMES[delimiter] ?? `"${delimiter}"`;
  records.forEach(({ record, info, raw }, index) => {
    const own = raw.replace(/\r?\n$/, '').replace(/^(?:[ \t]*\r?\n)+/, '');
    const line = info.lines - (own.match(/\n/g)?.length ?? 0);
    const fields = record.filter((_, column) => !skipped.has(column)).map(clean);
    if (fields.every((field) => field === '')) return;
    const [term = '', definition = ''] = fields;
    if (index === 0 && TERM_HEADING.test(term) && DEFINITION_HEADING.test(definition)) {
      notes.push(`the first line (${term}, ${definition}) was read as column names, not a card`);
      return;
    }
    if (fields.length < 2) {
      issue(
        line,
        `has no ${separatorName.replace(/^an? /, '')} between a term and its definition: write each card on one line as the term, ${separatorName}, then the definition`,
      );
      return;
    }
    if (term === '') {
      issue(line, `has an empty term (before ${separatorName}): write the term, or remove the line`);
      return;
    }
    if (definition === '') {
      issue(
        line,
        `has an empty definition for "${term}" (after ${separatorName}): write its definition, or remove the line`,
      );
      return;
    }
    cards.push({ term, definition, line });
  });
  if (html) notes.push('HTML removed from the fields (#html:true)');
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, read: { cards, notes } };
}

function lineOfHeader(lines: readonly string[], key: string): number {
  const index = lines.findIndex((line) => line.toLowerCase().startsWith(`#${key}:`));
  return index + 1;
}
