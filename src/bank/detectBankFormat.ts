export const BANK_FORMATS = ['yaml', 'tsv', 'csv', 'gift'] as const;
export type BankFormat = (typeof BANK_FORMATS)[number];

const EXTENSIONS: Record<string, BankFormat> = {
  '.yaml': 'yaml',
  '.yml': 'yaml',
  '.tsv': 'tsv',
  '.csv': 'csv',
  '.gift': 'gift',
};

/** Anki's export header lines: `#separator:Tab`, `#html:true`, `#notetype column:1`… */
const ANKI_HEADER = /^#[a-z ]+:/i;
const YAML_KEY = /^[A-Za-z_][\w-]*:(?:\s|$)/;
/** A GIFT answer block: `{T}`, `{=right ~wrong}`, `{#…}` or a `::title::`. */
const GIFT_MARK = /^::[^:]*::|\{\s*(?:[=~#]|T(?:RUE)?\s*\}|F(?:ALSE)?\s*\})/im;

/**
 * The format as the content tells it; the extension only breaks a tie, since GIFT often comes as
 * .txt and a CSV as .tsv. Undefined when the content is none of the formats.
 */
export function detectBankFormat(fileName: string, text: string): BankFormat | undefined {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  const hint = EXTENSIONS[extensionOf(fileName)];
  const header = lines.filter((line) => ANKI_HEADER.test(line));
  const separator = header.map((line) => /^#separator:(.*)$/i.exec(line)?.[1]?.trim()).find(Boolean);
  if (separator !== undefined) return /^(tab|\\t)$/i.test(separator) ? 'tsv' : 'csv';
  const body = lines.filter((line) => !line.startsWith('#') && !line.startsWith('//'));
  if (body.length === 0) return hint;
  const candidates = new Set<BankFormat>();
  if (body.some((line) => YAML_KEY.test(line))) candidates.add('yaml');
  if (GIFT_MARK.test(body.join('\n'))) candidates.add('gift');
  const tabbed = body.filter((line) => line.includes('\t')).length;
  if (tabbed > 0 && tabbed >= body.length / 2) candidates.add('tsv');
  const commas = body.filter((line) => line.includes(',')).length;
  if (commas > 0 && commas >= body.length / 2 && tabbed === 0) candidates.add('csv');
  if (hint && (candidates.has(hint) || candidates.size === 0)) return hint;
  // A YAML topic starts with a key at column 1; a card with a colon in its term does not make it YAML.
  const first = body[0] ?? '';
  if (candidates.has('yaml') && YAML_KEY.test(first) && !first.includes('\t')) return 'yaml';
  for (const format of ['gift', 'tsv', 'csv'] as const) if (candidates.has(format)) return format;
  return undefined;
}

export function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot > 0 ? fileName.slice(dot).toLowerCase() : '';
}
