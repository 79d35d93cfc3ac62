import type { APIEmbed } from 'discord.js';
import type { QuizRound, RoundEndReason } from '../../core/quizRound.ts';
import type { Standing } from '../../core/standings.ts';
import type { MessagePayload } from './questionMessage.ts';
import { joinWithin, percent, plural, safeName } from './text.ts';

const MEDALS = ['🥇', '🥈', '🥉'];

const HEADLINE: Record<RoundEndReason, string> = {
  completed: 'Round over',
  'stopped-by-member': 'Round stopped',
  shutdown: 'Round stopped: the bot is restarting',
  'channel-refused': 'Round stopped: Discord would not take the bot’s messages',
  'channel-gone': 'Round stopped: the channel is gone',
};

/** Why a stopped round's open question was closed, in a sentence. */
export const STOPPED_BECAUSE: Record<Exclude<RoundEndReason, 'completed'>, string> = {
  'stopped-by-member': 'A member stopped the round.',
  shutdown: 'The bot is restarting.',
  'channel-refused': 'Discord would not take the bot’s messages.',
  'channel-gone': 'The channel is gone.',
};

export function standingLine(standing: Standing): string {
  const medal = MEDALS[standing.rank - 1] ?? `#${standing.rank}`;
  const accuracy = percent(standing.correct, standing.answered);
  return `${medal} **${safeName(standing.displayName)}** — ${plural(standing.points, 'pt')} · ${standing.correct}/${standing.answered} correct (${accuracy})`;
}

export function renderRoundSummary(
  round: QuizRound,
  reason: RoundEndReason,
  standings: readonly Standing[],
  topicTitle: string,
): MessagePayload {
  const asked = round.outcomes.length;
  const headline = HEADLINE[reason];
  const description =
    standings.length === 0
      ? 'Nobody scored in this round.'
      : joinWithin(standings.map(standingLine), 4000, (left) => `…and ${plural(left, 'more player')}`);
  const embed: APIEmbed = {
    color: 0xfee75c,
    title: `${headline} · ${topicTitle}`,
    description,
    footer: {
      text: `${asked} of ${plural(round.questions.length, 'question')} played · ${plural(standings.length, 'player')} · /leaderboard for this server`,
    },
  };
  return { embeds: [embed], components: [] };
}
