import { type APIButtonComponent, ButtonStyle, ComponentType } from 'discord.js';
import { buildCustomId } from '../customIds.ts';
import { truncate } from './text.ts';

/** A button that opens a glossary entry privately (handled by /explain's component handler). */
export function explainButton(conceptId: string, title: string): APIButtonComponent {
  return {
    type: ComponentType.Button,
    style: ButtonStyle.Primary,
    label: truncate(`Explain: ${title}`, 80),
    custom_id: buildCustomId({ kind: 'explain', conceptId }),
  };
}
