import { ApplicationCommandOptionType, ApplicationIntegrationType, InteractionContextType } from 'discord.js';
import { checkPeriod, PERIODS } from '../src/app/scoreQueries.ts';
import { UserError } from '../src/core/userError.ts';
import type { BotContext, SlashCommand } from '../src/discord/botContext.ts';
import { privately, publicly } from '../src/discord/privateReply.ts';
import { renderLeaderboard } from '../src/discord/render/leaderboardEmbed.ts';
import type { Period } from '../src/store/ScoreStore.ts';

const data = {
  name: 'leaderboard',
  description: "This server's top scorers",
  contexts: [InteractionContextType.Guild],
  integration_types: [ApplicationIntegrationType.GuildInstall],
  options: [
    {
      type: ApplicationCommandOptionType.String,
      name: 'period',
      description: 'all-time (default) or this ISO week (UTC)',
      choices: PERIODS.map((period) => ({ name: period, value: period })),
    },
  ],
} as const satisfies SlashCommand['data'];

async function page(
  context: BotContext,
  guildId: string,
  guildName: string,
  period: Period,
  offset: number,
  viewerId: string,
) {
  const view = await context.app.scores.leaderboard(guildId, period, offset, viewerId);
  return renderLeaderboard({ guildName, viewerId, ...view });
}

export const leaderboardCommand: SlashCommand = {
  data,
  async execute(interaction, context) {
    if (!interaction.guildId)
      throw new UserError('Leaderboards belong to a server: use this in a server channel.');
    const period = checkPeriod(interaction.options.getString('period'));
    const guildName = interaction.guild?.name ?? 'this server';
    await interaction.reply(
      publicly(await page(context, interaction.guildId, guildName, period, 0, interaction.user.id)),
    );
  },
  components: {
    'leaderboard-page': async (interaction, id, context) => {
      if (!interaction.guildId || !interaction.isButton())
        throw new UserError('This button is no longer in use.');
      const guildName = interaction.guild?.name ?? 'this server';
      const payload = await page(
        context,
        interaction.guildId,
        guildName,
        id.period,
        id.offset,
        interaction.user.id,
      );
      // The one who asked turns the shared page; anyone else gets their own private copy.
      if (interaction.user.id === id.ownerId) await interaction.update(payload);
      else await interaction.reply(privately(payload));
    },
  },
};
