const BLANK_LINE = /\n[ \t]*\n/;

/**
 * A text as paragraphs separated by one blank line, whatever YAML style wrote it. Plain, quoted
 * and folded (`>`) scalars already turn each blank line into one line break and every other
 * break into a space; a literal block (`|`) keeps every break, so there a blank line ends a
 * paragraph and the other breaks are only where the author wrapped the line.
 */
export function normalizeParagraphs(text: string): string {
  const paragraphs = BLANK_LINE.test(text) ? text.split(BLANK_LINE) : text.split('\n');
  return paragraphs
    .map((paragraph) => paragraph.replace(/\s+/g, ' ').trim())
    .filter((paragraph) => paragraph !== '')
    .join('\n\n');
}
