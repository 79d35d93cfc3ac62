import { ApplicationCommandOptionType, ApplicationIntegrationType, InteractionContextType } from 'discord.js';
import type { SlashCommand } from '../src/discord/botContext.ts';
import { privately, publicly } from '../src/discord/privateReply.ts';
import { renderConcept } from '../src/discord/render/conceptEmbed.ts';
import { inertText, truncate } from '../src/discord/render/text.ts';

const data = {
  name: 'explain',
  description: 'Look a concept up in the glossary',
  contexts: [InteractionContextType.Guild],
  integration_types: [ApplicationIntegrationType.GuildInstall],
  options: [
    {
      type: ApplicationCommandOptionType.String,
      name: 'concept',
      description: 'A concept, e.g. security-dilemma (start typing to search)',
      required: true,
      autocomplete: true,
      max_length: 100,
    },
  ],
} as const satisfies SlashCommand['data'];

export const explainCommand: SlashCommand = {
  data,
  async execute(interaction, context) {
    const query = interaction.options.getString('concept', true);
    const glossary = context.app.glossaryOf(interaction.guildId);
    const found = glossary.explain(query);
    if (!found.found) {
      const suggestions = found.suggestions.map((c) => `\`${c.id}\` (${c.title})`);
      const hint = suggestions.length > 0 ? ` Closest: ${suggestions.join(', ')}.` : '';
      await interaction.reply(privately(`No concept matches "${inertText(query, 100)}".${hint}`));
      return;
    }
    await interaction.reply(publicly(renderConcept(found.concept, glossary.glossary)));
  },
  async autocomplete(interaction, context) {
    const typed = interaction.options.getFocused();
    const choices = context.app
      .glossaryOf(interaction.guildId)
      .search(typed, 25)
      .map((concept) => ({ name: truncate(concept.title, 100), value: concept.id }));
    await interaction.respond(choices);
  },
  components: {
    explain: async (interaction, id, context) => {
      const glossary = context.app.glossaryOf(interaction.guildId);
      const concept = glossary.byId(id.conceptId);
      await interaction.reply(
        privately(
          concept ? renderConcept(concept, glossary.glossary) : 'That concept is no longer in the glossary.',
        ),
      );
    },
  },
};
