import { ButtonStyle, ComponentType } from 'discord.js';
import { LEADERBOARD_PAGE_SIZE } from '../../app/scoreQueries.ts';
import type { LeaderboardEntry, LeaderboardPage, Period } from '../../store/ScoreStore.ts';
import { buildCustomId } from '../customIds.ts';
import type { MessagePayload } from './questionMessage.ts';
import { percent, plural, safeName } from './text.ts';

const PERIOD_TITLE: Record<Period, string> = { 'all-time': 'all time', week: 'this week' };

function entryLine(entry: LeaderboardEntry): string {
  return `\`#${entry.rank}\` **${safeName(entry.displayName)}** — ${plural(entry.points, 'pt')} · ${entry.correct}/${entry.answered} correct (${percent(entry.correct, entry.answered)})`;
}

export function renderLeaderboard(options: {
  guildName: string;
  period: Period;
  offset: number;
  page: LeaderboardPage;
  viewer: LeaderboardEntry | undefined;
  viewerId: string;
}): MessagePayload {
  const { period, offset, page, viewer } = options;
  const pages = Math.max(1, Math.ceil(page.total / LEADERBOARD_PAGE_SIZE));
  const pageNumber = Math.floor(offset / LEADERBOARD_PAGE_SIZE) + 1;
  const description =
    page.entries.length === 0
      ? period === 'week'
        ? 'Nobody has scored this week yet. Start a round with /quiz start!'
        : 'No scores yet. Start a round with /quiz start!'
      : page.entries.map(entryLine).join('\n');
  const you = viewer
    ? `Your rank: #${viewer.rank} with ${plural(viewer.points, 'pt')}`
    : 'You have no points here yet';
  const button = (label: string, target: number, disabled: boolean) => ({
    type: ComponentType.Button as const,
    style: ButtonStyle.Secondary as const,
    label,
    custom_id: buildCustomId({
      kind: 'leaderboard-page',
      period,
      offset: Math.max(0, target),
      ownerId: options.viewerId,
    }),
    disabled,
  });
  return {
    embeds: [
      {
        color: 0xf1c40f,
        title: `Leaderboard · ${safeName(options.guildName)} · ${PERIOD_TITLE[period]}`,
        description,
        footer: { text: `Page ${pageNumber} of ${pages} · ${you}` },
      },
    ],
    components:
      page.total > LEADERBOARD_PAGE_SIZE
        ? [
            {
              type: ComponentType.ActionRow,
              components: [
                button('◀ Previous', offset - LEADERBOARD_PAGE_SIZE, offset === 0),
                button(
                  'Next ▶',
                  offset + LEADERBOARD_PAGE_SIZE,
                  offset + LEADERBOARD_PAGE_SIZE >= page.total,
                ),
              ],
            },
          ]
        : [],
  };
}
