import type { TallyStat, WeekPoints } from '../store/ScoreStore.ts';

/** Review due counts; undefined where reviews are not available. */
export interface ReviewsDue {
  today: number;
  week: number;
}

export interface StatsChartInput {
  displayName: string;
  /** Answers per topic id, as the store keeps them. */
  topics: Readonly<Record<string, TallyStat>>;
  topicTitle: (id: string) => string;
  /** Oldest first (ScoreStore.weeklyPoints). */
  weeks: readonly WeekPoints[];
  reviewsDue: ReviewsDue | undefined;
}

export interface TopicBar {
  label: string;
  /** 0–100, rounded. */
  percent: number;
  answered: number;
}

export interface WeekBar {
  /** `W48`. */
  label: string;
  points: number;
  /** Bar height as a share of the axis, 0–1. */
  share: number;
}

/** What the /stats chart draws, and nothing else: numbers in, panels out. */
export interface StatsChartModel {
  title: string;
  /** The most answered topics first (ties by title), at most CHART_TOPICS. */
  topics: TopicBar[];
  /** Topics answered but not shown. */
  moreTopics: number;
  weeks: WeekBar[];
  /** The top of the points axis: a round number at or above every week's points. */
  pointsAxisMax: number;
  reviews: ReviewsDue | undefined;
}

/** Topic bars that fit the panel legibly on a phone. */
export const CHART_TOPICS = 5;

export function statsChartModel(input: StatsChartInput): StatsChartModel {
  const answered = Object.entries(input.topics)
    .filter(([, tally]) => tally.answered > 0)
    .map(([id, tally]) => ({
      label: input.topicTitle(id),
      percent: Math.round((tally.correct / tally.answered) * 100),
      answered: tally.answered,
    }))
    .sort((a, b) => b.answered - a.answered || a.label.localeCompare(b.label));
  const top = Math.max(0, ...input.weeks.map((week) => week.points));
  const pointsAxisMax = niceCeiling(top);
  return {
    title: `Stats · ${input.displayName}`,
    topics: answered.slice(0, CHART_TOPICS),
    moreTopics: Math.max(0, answered.length - CHART_TOPICS),
    weeks: input.weeks.map((week) => ({
      label: week.week.slice(week.week.indexOf('-') + 1),
      points: week.points,
      share: Math.max(0, week.points) / pointsAxisMax,
    })),
    pointsAxisMax,
    reviews: input.reviewsDue,
  };
}

/** The smallest of 1, 2, 5 × 10^k at or above `value` (10 for nothing scored). */
function niceCeiling(value: number): number {
  if (value <= 0) return 10;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) if (step * magnitude >= value) return step * magnitude;
  return 10 * magnitude;
}
