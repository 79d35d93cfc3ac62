import { type APIEmbed, type APIEmbedField, ComponentType } from 'discord.js';
import { CHOICE_LETTERS } from '../../core/question.ts';
import type { QuizRound, RoundEndReason } from '../../core/quizRound.ts';
import { type RoundReport, roundReport } from '../../core/roundReport.ts';
import type { Standing } from '../../core/standings.ts';
import { explainButton } from './explainButton.ts';
import { EMBED_TOTAL_LIMIT, embedLength } from './fitEmbed.ts';
import type { MessagePayload } from './questionMessage.ts';
import { joinWithin, percent, plural, safeName, truncate } from './text.ts';

const MEDALS = ['🥇', '🥈', '🥉'];
/** The hardest question is named by its prompt, shortened to one line of about this length. */
const PROMPT_SHOWN = 120;
const DESCRIPTION_LIMIT = 4000;

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

/** The round report as embed fields; every text in it is bounded, so it is never cut. */
export function reportFields(
  report: RoundReport,
  conceptTitles: ReadonlyMap<string, string>,
): APIEmbedField[] {
  const fields: APIEmbedField[] = [];
  const { hardest } = report;
  if (hardest) {
    const prompt = truncate(hardest.prompt.replace(/\s+/g, ' ').trim(), PROMPT_SHOWN);
    const lines = [
      `**Question ${hardest.number}** · ${prompt}`,
      `${hardest.right} of ${plural(hardest.answered, 'answer')} right (${percent(hardest.right, hardest.answered)})`,
    ];
    const wrong = hardest.commonWrong;
    if (wrong) {
      lines.push(
        `Wrong answer picked most: **${CHOICE_LETTERS[wrong.choice]}.** ${wrong.text} (${plural(wrong.picks, 'pick')})`,
      );
    }
    fields.push({ name: 'Hardest question', value: lines.join('\n') });
  }
  if (report.missedConcepts.length > 0) {
    fields.push({
      name: 'Concepts missed most',
      value: report.missedConcepts
        .map((c) => `${conceptTitles.get(c.conceptId) ?? c.conceptId} — ${plural(c.missed, 'wrong answer')}`)
        .join('\n'),
    });
  }
  if (report.addedToReviews > 0) {
    fields.push({
      name: 'Study next',
      value: `${plural(report.addedToReviews, 'question')} added to your reviews: /review`,
    });
  }
  return fields;
}

export function renderRoundSummary(
  round: QuizRound,
  reason: RoundEndReason,
  standings: readonly Standing[],
  topicTitle: string,
  conceptTitles: ReadonlyMap<string, string> = new Map(),
): MessagePayload {
  const asked = round.outcomes.length;
  const headline = HEADLINE[reason];
  const report = roundReport(round.outcomes);
  const embed: APIEmbed = {
    color: 0xfee75c,
    title: truncate(`${headline} · ${topicTitle}`, 256),
    fields: reportFields(report, conceptTitles),
    footer: {
      text: `${asked} of ${plural(round.questions.length, 'question')} played · ${plural(standings.length, 'player')} · /leaderboard for this server`,
    },
  };
  // The standings take what the report leaves: only the list of names is ever shortened.
  const budget = Math.min(DESCRIPTION_LIMIT, EMBED_TOTAL_LIMIT - embedLength(embed));
  embed.description =
    standings.length === 0
      ? 'Nobody scored in this round.'
      : joinWithin(standings.map(standingLine), budget, (left) => `…and ${plural(left, 'more player')}`);
  const buttons = report.missedConcepts.map((c) =>
    explainButton(c.conceptId, conceptTitles.get(c.conceptId) ?? c.conceptId),
  );
  return {
    embeds: [embed],
    components: buttons.length > 0 ? [{ type: ComponentType.ActionRow, components: buttons }] : [],
  };
}
