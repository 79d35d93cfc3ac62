/** ANSI styling when the transcript goes to a terminal; plain text otherwise. */
export interface TerminalStyle {
  readonly color: boolean;
  bold(text: string): string;
  dim(text: string): string;
  italic(text: string): string;
  /** In a 0xRRGGBB colour, as Discord paints an embed's bar. */
  rgb(color: number, text: string): string;
  /** Each member keeps one colour through the transcript. */
  member(index: number, text: string): string;
}

const MEMBER_COLORS = [36, 33, 35, 32, 34, 91, 96, 93, 95, 92];
// biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI colour codes start with ESC.
const ANSI = /\x1b\[[0-9;]*m/g;

export function terminalStyle(color: boolean): TerminalStyle {
  const wrap = (open: string, close: string) => (text: string) =>
    color && text !== '' ? `\x1b[${open}m${text}\x1b[${close}m` : text;
  return {
    color,
    bold: wrap('1', '22'),
    dim: wrap('2', '22'),
    italic: wrap('3', '23'),
    rgb: (rgb, text) => wrap(`38;2;${(rgb >> 16) & 255};${(rgb >> 8) & 255};${rgb & 255}`, '39')(text),
    member: (index, text) => wrap(`1;${MEMBER_COLORS[index % MEMBER_COLORS.length]}`, '22;39')(text),
  };
}

/** Whether to colour: a terminal, and NO_COLOR unset (FORCE_COLOR wins). */
export function wantsColor(stream: unknown, env: NodeJS.ProcessEnv): boolean {
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return (stream as { isTTY?: boolean }).isTTY === true;
}

/** Columns the text takes, ignoring colour codes and counting wide emoji as two. */
export function visibleLength(text: string): number {
  let length = 0;
  for (const char of text.replace(ANSI, '')) {
    const code = char.codePointAt(0) ?? 0;
    if (code === 0xfe0f || code === 0x200d) continue;
    length += code >= 0x1f000 || code === 0x2705 ? 2 : 1;
  }
  return length;
}

/** Wraps one line at spaces to `width` columns; styled words stay whole. */
export function wrapStyled(text: string, width: number): string[] {
  if (visibleLength(text) <= width) return [text];
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(' ')) {
    const candidate = current === '' ? word : `${current} ${word}`;
    if (current !== '' && visibleLength(candidate) > width) {
      lines.push(current);
      current = word;
    } else {
      current = candidate;
    }
  }
  lines.push(current);
  return lines;
}
