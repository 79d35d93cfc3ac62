import { ApplicationCommandOptionType, ApplicationIntegrationType, InteractionContextType } from 'discord.js';
import { UserError } from '../src/core/userError.ts';
import type { SlashCommand } from '../src/discord/botContext.ts';
import { describeError } from '../src/discord/discordErrors.ts';
import { privately } from '../src/discord/privateReply.ts';
import { renderStatsChart, STATS_CHART_FILE } from '../src/discord/render/renderStatsChart.ts';
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
    const [view, reviewsDue] = await Promise.all([
      context.app.scores.memberStats(interaction.guildId, user.id),
      // The chart says so when the counts cannot be read; the rest of it is still worth sending.
      context.app.reviewsDue(interaction.guildId, user.id).catch((error: unknown) => {
        context.logger.warn({ command: 'stats', ...describeError(error) }, 'could not count due reviews');
        return undefined;
      }),
    ]);
    if (!view) {
      const member = interaction.options.getMember('member');
      const name =
        member && 'displayName' in member ? member.displayName : (member?.nick ?? user.displayName);
      const who = user.id === interaction.user.id ? 'You have' : `${safeName(name)} has`;
      await interaction.reply(privately(`${who} not answered any question in this server yet.`));
      return;
    }
    const chart = await renderStatsChart({
      displayName: view.stats.displayName,
      topics: view.stats.topics,
      topicTitle: view.titles.topic,
      weeks: view.weeks,
      reviewsDue,
    }).catch((error: unknown) => {
      // The numbers are worth sending without their picture.
      context.logger.warn({ command: 'stats', ...describeError(error) }, 'could not render the stats chart');
      return undefined;
    });
    const payload = renderStats(view.stats, view.titles, view.rank, chart && STATS_CHART_FILE);
    await interaction.reply(
      privately(chart ? { ...payload, files: [{ attachment: chart, name: STATS_CHART_FILE }] } : payload),
    );
  },
};
