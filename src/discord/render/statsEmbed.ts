import type { MemberStats, TallyStat } from '../../store/ScoreStore.ts';
import type { MessagePayload } from './questionMessage.ts';
import { percent, safeName } from './text.ts';

/** Needs a few answers before a topic counts as strong or weak, so one lucky guess does not. */
const MIN_ANSWERS_FOR_RANKING = 3;

function ranked(tallies: Record<string, TallyStat>, titleOf: (id: string) => string) {
  return Object.entries(tallies)
    .filter(([, tally]) => tally.answered >= MIN_ANSWERS_FOR_RANKING)
    .map(([id, tally]) => ({ id, title: titleOf(id), rate: tally.correct / tally.answered, tally }))
    .sort((a, b) => b.rate - a.rate || b.tally.answered - a.tally.answered || a.id.localeCompare(b.id));
}

function line(entry: { title: string; tally: TallyStat }): string {
  return `${entry.title} — ${percent(entry.tally.correct, entry.tally.answered)} of ${entry.tally.answered}`;
}

export function renderStats(
  stats: MemberStats,
  titles: { topic: (id: string) => string; concept: (id: string) => string },
  rank: number | undefined,
  /** The name of an attached chart image to show in the embed. */
  chartFile?: string,
): MessagePayload {
  const topics = ranked(stats.topics, titles.topic);
  const concepts = ranked(stats.concepts, titles.concept);
  // Best first and worst first, each list only from its own half, so nothing shows in both.
  const best = (list: typeof topics) => list.slice(0, Math.min(2, Math.ceil(list.length / 2)));
  const worst = (list: typeof topics) =>
    list
      .slice(Math.ceil(list.length / 2))
      .reverse()
      .slice(0, 2)
      .filter((entry) => entry.rate < 1);
  const strongest = [...best(topics), ...best(concepts)].map(line);
  const weakest = [...worst(topics), ...worst(concepts)].map(line);
  const enough = `Answer at least ${MIN_ANSWERS_FOR_RANKING} questions on a topic to see it here.`;
  return {
    embeds: [
      {
        color: 0x3498db,
        title: `Stats · ${safeName(stats.displayName)}`,
        fields: [
          { name: 'Points', value: `${stats.points}${rank ? ` (rank #${rank})` : ''}`, inline: true },
          { name: 'Answered', value: String(stats.answered), inline: true },
          { name: 'Accuracy', value: percent(stats.correct, stats.answered), inline: true },
          { name: 'Best streak', value: String(stats.bestStreak), inline: true },
          { name: 'Strongest', value: strongest.length > 0 ? strongest.join('\n') : enough },
          { name: 'To work on', value: weakest.length > 0 ? weakest.join('\n') : enough },
        ],
        ...(chartFile && { image: { url: `attachment://${chartFile}` } }),
      },
    ],
    components: [],
  };
}
