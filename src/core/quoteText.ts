/** Markdown's punctuation, plus what could start a link or a mention. */
const MARKDOWN = /[\\`*_~|>#[\]()<@:-]/g;

/**
 * Someone's text made safe to quote inside a message that is read as Markdown: shortened to
 * `max` characters and every formatting character escaped, so it shows as typed.
 */
export function quoteText(text: string, max: number): string {
  const trimmed = text.trim();
  const short = trimmed.length <= max ? trimmed : `${trimmed.slice(0, max - 1)}…`;
  return short.replace(MARKDOWN, (character) => `\\${character}`);
}
