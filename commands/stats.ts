import { ApplicationCommandOptionType, ApplicationIntegrationType, InteractionContextType } from 'discord.js';
import { UserError } from '../src/core/userError.ts';
import type { SlashCommand } from '../src/discord/botContext.ts';
import { privately } from '../src/discord/privateReply.ts';
import { renderStats } from '../src/discord/render/statsEmbed.ts';
import { safeName } from '../src/discord/render/text.ts';

const data = {
  name: 'stats',
  description: 'Answers, accuracy, points, best streak, strongest and weakest topics (shown only to you)',
  contexts: [InteractionContextType.Guild],
  integration_types: [ApplicationIntegrationType.GuildInstall],
  options: [
    { type: ApplicationCommandOptionType.User, name: 'member', description: 'Whose stats (default: yours)' },
  ],
} as const satisfies SlashCommand['data'];

/**
 * Always private: stats name a member's weakest topics, which is feedback for them, not something
 * to post in front of the class, whoever asks.
 */
export const statsCommand: SlashCommand = {
  data,
  async execute(interaction, context) {
    if (!interaction.guildId) throw new UserError('Stats belong to a server: use this in a server channel.');
    const user = interaction.options.getUser('member') ?? interaction.user;
    const view = await context.app.scores.memberStats(interaction.guildId, user.id);
    if (!view) {
      const member = interaction.options.getMember('member');
      const name =
        member && 'displayName' in member ? member.displayName : (member?.nick ?? user.displayName);
      const who = user.id === interaction.user.id ? 'You have' : `${safeName(name)} has`;
      await interaction.reply(privately(`${who} not answered any question in this server yet.`));
      return;
    }
    await interaction.reply(privately(renderStats(view.stats, view.titles, view.rank)));
  },
};
