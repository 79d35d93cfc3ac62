import type { RenderedLine } from './renderMessage.ts';
import { type TerminalStyle, wrapStyled } from './terminalStyle.ts';

const GUTTER = '       ';

/** What the channel would look like, line by line, with the time since the demo began. */
export class Transcript {
  readonly style: TerminalStyle;
  readonly #out: { write(text: string): unknown };
  readonly #clock: () => number;
  readonly #startedAt: number;
  readonly #width: number;

  constructor(options: {
    out: { write(text: string): unknown };
    style: TerminalStyle;
    clock: () => number;
    width: number;
  }) {
    this.style = options.style;
    this.#out = options.out;
    this.#clock = options.clock;
    this.#startedAt = options.clock();
    this.#width = options.width;
  }

  /** Milliseconds since the transcript began. */
  get elapsedMs(): number {
    return this.#clock() - this.#startedAt;
  }

  /** A line outside the channel, without a time. */
  note(text = ''): void {
    const lines = text === '' ? [''] : wrapStyled(text, this.#width);
    this.#out.write(`${lines.join('\n')}\n`);
  }

  /** Something that happened now: a heading, then the lines of a message if there are any. */
  entry(head: string, body: readonly RenderedLine[] = []): void {
    const width = this.#width - GUTTER.length;
    const [first = '', ...rest] = wrapStyled(head, width);
    const lines = [`${this.style.dim(clockText(this.elapsedMs).padEnd(GUTTER.length))}${first}`];
    for (const line of rest) lines.push(`${GUTTER}  ${line}`);
    for (const line of body) {
      const bar = line.bar === undefined ? '' : `${this.style.rgb(line.bar, '┃')} `;
      const wrapped = line.text === '' ? [''] : wrapStyled(line.text, width - (bar ? 2 : 0));
      for (const part of wrapped) lines.push(`${GUTTER}${bar}${part}`.trimEnd());
    }
    this.#out.write(`${lines.join('\n')}\n`);
  }
}

function clockText(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  return `${String(Math.floor(seconds / 60)).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}`;
}
