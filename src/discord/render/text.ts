import { escapeMarkdown } from 'discord.js';

/** Everything escapeMarkdown can escape, masked links and headings included: they are off by default. */
const ESCAPE_ALL = { maskedLink: true, heading: true, bulletedList: true, numberedList: true } as const;

/** Member-supplied text made inert: no markdown tricks. (Pings are off on every message anyway.) */
export function safeName(name: string): string {
  return escapeMarkdown(name.replace(/\s+/g, ' ').trim() || 'someone', ESCAPE_ALL).slice(0, 64);
}

/** Member-typed text shown back to them: markdown escaped, length bounded. */
export function inertText(text: string, max: number): string {
  return escapeMarkdown(truncate(text.trim(), max), ESCAPE_ALL);
}

export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Joins lines until the limit, then says how many were left out. */
export function joinWithin(lines: readonly string[], max: number, more: (left: number) => string): string {
  const kept: string[] = [];
  let length = 0;
  for (const [index, line] of lines.entries()) {
    const tail = more(lines.length - index);
    if (length + line.length + 1 + tail.length + 1 > max) {
      kept.push(tail);
      return kept.join('\n');
    }
    kept.push(line);
    length += line.length + 1;
  }
  return kept.join('\n');
}

export function percent(part: number, whole: number): string {
  return whole === 0 ? '–' : `${Math.round((part / whole) * 100)}%`;
}

export function plural(count: number, noun: string, nouns = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : nouns}`;
}

export const NO_PINGS = { parse: [] as [] };
