import { type APIEmbed, type APIMessageTopLevelComponent, ButtonStyle, ComponentType } from 'discord.js';
import { type MarkdownContext, renderMarkdown } from './renderMarkdown.ts';

/** One line of a rendered message; embed lines carry the embed's colour for the bar on the left. */
export interface RenderedLine {
  text: string;
  bar?: number;
}

export interface MessageView {
  content: string;
  embeds: readonly APIEmbed[];
  components: readonly APIMessageTopLevelComponent[];
}

interface EmbedPart {
  key: string;
  raw: string;
  kind: 'title' | 'description' | 'field' | 'inline' | 'footer';
  name?: string;
}

const DEFAULT_BAR = 0x4f545c;

/** The whole message as the channel shows it. */
export function renderMessage(view: MessageView, context: MarkdownContext): RenderedLine[] {
  return [
    ...contentLines(view.content, context),
    ...view.embeds.flatMap((embed) => embedLines(embed, embedParts(embed), context)),
    ...buttonRows(view.components, context),
  ];
}

/** Only what an edit changed: new or changed text, fields and footer, and the buttons if they changed. */
export function renderEdit(
  before: MessageView,
  after: MessageView,
  context: MarkdownContext,
): RenderedLine[] {
  const lines = before.content === after.content ? [] : contentLines(after.content, context);
  after.embeds.forEach((embed, i) => {
    const old = new Set(embedParts(before.embeds[i] ?? {}).map((part) => `${part.key}\n${part.raw}`));
    const changed = embedParts(embed).filter((part) => !old.has(`${part.key}\n${part.raw}`));
    lines.push(...embedLines(embed, changed, context));
  });
  if (JSON.stringify(before.components) !== JSON.stringify(after.components)) {
    const rows = buttonRows(after.components, context);
    lines.push(...(rows.length > 0 ? rows : [{ text: context.style.dim('(buttons removed)') }]));
  }
  return lines;
}

/** A button as a member sees it: `[A]` for a lettered choice, the label otherwise. */
export function buttonText(label: string): string {
  const letter = /^([A-F]) · /.exec(label);
  return `[${letter ? letter[1] : label}]`;
}

function contentLines(content: string, context: MarkdownContext): RenderedLine[] {
  if (content === '') return [];
  return content.split('\n').map((text) => ({ text: renderMarkdown(text, context) }));
}

function embedParts(embed: APIEmbed): EmbedPart[] {
  const parts: EmbedPart[] = [];
  if (embed.title) parts.push({ key: 'title', raw: embed.title, kind: 'title' });
  if (embed.description) parts.push({ key: 'description', raw: embed.description, kind: 'description' });
  for (const field of embed.fields ?? []) {
    parts.push({
      key: `field:${field.name}`,
      raw: field.value,
      kind: field.inline ? 'inline' : 'field',
      name: field.name,
    });
  }
  if (embed.footer?.text) parts.push({ key: 'footer', raw: embed.footer.text, kind: 'footer' });
  return parts;
}

function embedLines(embed: APIEmbed, parts: readonly EmbedPart[], context: MarkdownContext): RenderedLine[] {
  const { style } = context;
  const bar = embed.color ?? DEFAULT_BAR;
  const md = (text: string) => renderMarkdown(text, context);
  const lines: string[] = [];
  let inline: string[] = [];
  const flushInline = () => {
    if (inline.length > 0) lines.push(inline.join(' · '));
    inline = [];
  };
  for (const part of parts) {
    if (part.kind !== 'inline') flushInline();
    switch (part.kind) {
      case 'title':
        lines.push(style.bold(md(part.raw)));
        break;
      case 'description':
        lines.push(...part.raw.split('\n').map(md));
        break;
      case 'inline':
        inline.push(`${style.bold(`${part.name}:`)} ${md(part.raw)}`);
        break;
      case 'field': {
        const values = part.raw.split('\n');
        if (values.length === 1) lines.push(`${style.bold(`${part.name}:`)} ${md(part.raw)}`);
        else lines.push(style.bold(`${part.name}:`), ...values.map((value) => `  ${md(value)}`));
        break;
      }
      case 'footer':
        lines.push(style.dim(md(part.raw)));
        break;
    }
  }
  flushInline();
  return lines.map((text) => ({ text, bar }));
}

interface ButtonLike {
  type: number;
  label?: string;
  style?: number;
  disabled?: boolean;
}

function buttonRows(
  components: readonly APIMessageTopLevelComponent[],
  context: MarkdownContext,
): RenderedLine[] {
  const { style } = context;
  return components.flatMap((row) => {
    if (row.type !== ComponentType.ActionRow) return [];
    const buttons = (row.components as ButtonLike[]).filter((c) => c.type === ComponentType.Button);
    if (buttons.length === 0) return [];
    const allDisabled = buttons.every((button) => button.disabled === true);
    const shown = buttons.map((button) => {
      let text = buttonText(button.label ?? '…');
      if (button.style === ButtonStyle.Success) text = `${text.slice(0, -1)} ✓]`;
      if (button.style === ButtonStyle.Link) text = `${text} ↗`;
      return button.disabled && !allDisabled ? style.dim(`${text} (disabled)`) : text;
    });
    const line = shown.join(' ');
    return [{ text: allDisabled ? `${style.dim(line)} ${style.dim('(disabled)')}` : line }];
  });
}
