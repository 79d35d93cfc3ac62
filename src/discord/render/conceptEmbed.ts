import {
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIEmbed,
  ButtonStyle,
  ComponentType,
} from 'discord.js';
import type { Concept, Glossary } from '../../bank/glossary.ts';
import { buildCustomId } from '../customIds.ts';
import { fitEmbed } from './fitEmbed.ts';
import type { MessagePayload } from './questionMessage.ts';
import { truncate } from './text.ts';

export function renderConcept(concept: Concept, glossary: Glossary): MessagePayload {
  const related = concept.related.map((id) => glossary.get(id)).filter((c): c is Concept => c !== undefined);
  const fields: NonNullable<APIEmbed['fields']> = [];
  if (concept.aliases.length > 0)
    fields.push({ name: 'Also known as', value: truncate(concept.aliases.join(', '), 1024) });
  if (related.length > 0)
    fields.push({ name: 'Related', value: truncate(related.map((c) => c.title).join(' · '), 1024) });
  if (concept.sources.length > 0) {
    fields.push({ name: 'Sources', value: truncate(concept.sources.map((s) => `• ${s}`).join('\n'), 1024) });
  }
  const buttons: APIButtonComponent[] = related.slice(0, 5).map((c) => ({
    type: ComponentType.Button,
    style: ButtonStyle.Secondary,
    label: truncate(c.title, 80),
    custom_id: buildCustomId({ kind: 'explain', conceptId: c.id }),
  }));
  const components: APIActionRowComponent<APIButtonComponent>[] =
    buttons.length > 0 ? [{ type: ComponentType.ActionRow, components: buttons }] : [];
  return {
    embeds: [
      fitEmbed({
        color: 0xeb459e,
        title: truncate(concept.title, 256),
        description: truncate(`*${concept.summary}*\n\n${concept.explanation}`, 4096),
        fields,
        footer: { text: `/explain ${concept.id}` },
      }),
    ],
    components,
  };
}
