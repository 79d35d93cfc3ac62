import type { TerminalStyle } from './terminalStyle.ts';

export interface MarkdownContext {
  style: TerminalStyle;
  /** The transcript's clock, for Discord's relative timestamps. */
  now(): number;
  nameOf(userId: string): string;
}

/** Escaped punctuation is parked in the private use area so the markup rules below skip it. */
const PARK = 0xe000;

/** Discord's markdown as a terminal shows it: bold and italics styled, markup removed. */
export function renderMarkdown(text: string, context: MarkdownContext): string {
  const { style } = context;
  return text
    .replace(/\\([!-/:-@[-`{-~])/g, (_, char: string) => String.fromCharCode(PARK + char.charCodeAt(0)))
    .replace(/<t:(-?\d+)(?::[tTdDfFR])?>/g, (_, seconds: string) =>
      relativeTime(Number(seconds) * 1000 - context.now()),
    )
    .replace(/<@!?(\d+)>/g, (_, id: string) => `@${context.nameOf(id)}`)
    .replace(/\[([^\]]+)\]\((?:https?:[^)]+)\)/g, '$1')
    .replace(/\*\*(.+?)\*\*/g, (_, inner: string) => style.bold(inner))
    .replace(/(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])/g, (_, inner: string) => style.italic(inner))
    .replace(/~~(.+?)~~/g, '$1')
    .replace(/`([^`]+)`/g, '$1')
    .replace(/[\ue000-\ue07f]/g, (char) => String.fromCharCode(char.charCodeAt(0) - PARK));
}

function relativeTime(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds === 0) return 'now';
  return seconds > 0 ? `in ${seconds} s` : `${-seconds} s ago`;
}
