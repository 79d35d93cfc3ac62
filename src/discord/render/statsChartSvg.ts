import type { StatsChartModel } from '../../app/statsChartModel.ts';

/** Twice the 500×280 a phone shows, so text stays sharp; at least 600×300 either way. */
export const CHART_WIDTH = 1000;
export const CHART_HEIGHT = 560;
/** The font the PNG renderer loads from the package (see renderChartPng). */
export const CHART_FONT = 'DejaVu Sans';

const INK = '#1e1f22';
const MUTED = '#5c5f66';
const GRID = '#e3e5e8';
const ACCURACY = '#3ba55d';
const POINTS = '#5865f2';

/** Text for SVG: XML-escaped, control characters gone, bounded. */
function text(value: string, max: number): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping them is the point
  const clean = value.replace(/[\u0000-\u001f\u007f]/g, ' ').trim();
  const cut = clean.length <= max ? clean : `${clean.slice(0, max - 1)}…`;
  return cut.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function label(x: number, y: number, size: number, content: string, extra = ''): string {
  return `<text x="${x}" y="${y}" font-size="${size}" ${extra}>${content}</text>`;
}

function topicPanel(model: StatsChartModel): string[] {
  const parts = [label(30, 110, 28, 'Accuracy per topic', 'font-weight="bold"')];
  if (model.topics.length === 0) {
    parts.push(label(30, 160, 24, 'No topic answered yet', `fill="${MUTED}"`));
    return parts;
  }
  const barMax = 330;
  model.topics.forEach((topic, i) => {
    const y = 150 + i * 78;
    parts.push(label(30, y + 4, 24, text(topic.label, 26)));
    parts.push(`<rect x="30" y="${y + 16}" width="${barMax}" height="30" rx="6" fill="${GRID}"/>`);
    const width = Math.round((barMax * topic.percent) / 100);
    if (width > 0)
      parts.push(`<rect x="30" y="${y + 16}" width="${width}" height="30" rx="6" fill="${ACCURACY}"/>`);
    parts.push(label(375, y + 41, 24, `${topic.percent}%`, 'font-weight="bold"'));
  });
  if (model.moreTopics > 0) {
    const more = `+ ${model.moreTopics} more ${model.moreTopics === 1 ? 'topic' : 'topics'}`;
    parts.push(label(30, 548, 22, more, `fill="${MUTED}"`));
  }
  return parts;
}

function weekPanel(model: StatsChartModel): string[] {
  const left = 530;
  const width = 440;
  const top = 150;
  const height = 220;
  const parts = [label(left, 110, 28, 'Points per week', 'font-weight="bold"')];
  parts.push(
    `<line x1="${left}" y1="${top + height}" x2="${left + width}" y2="${top + height}" stroke="${MUTED}" stroke-width="2"/>`,
  );
  const slot = width / Math.max(1, model.weeks.length);
  model.weeks.forEach((week, i) => {
    const x = left + i * slot + slot / 2;
    const barHeight = Math.round(height * week.share);
    if (barHeight > 0) {
      parts.push(
        `<rect x="${Math.round(x - slot * 0.32)}" y="${top + height - barHeight}" width="${Math.round(slot * 0.64)}" height="${barHeight}" rx="4" fill="${POINTS}"/>`,
      );
    }
    parts.push(label(x, top + height - barHeight - 8, 20, String(week.points), 'text-anchor="middle"'));
    parts.push(label(x, top + height + 30, 20, text(week.label, 4), `text-anchor="middle" fill="${MUTED}"`));
  });
  return parts;
}

function reviewPanel(model: StatsChartModel): string[] {
  const parts = [
    `<rect x="530" y="432" width="440" height="112" rx="12" fill="#f2f3f5"/>`,
    label(550, 474, 28, 'Reviews due', 'font-weight="bold"'),
  ];
  if (!model.reviews) {
    parts.push(label(550, 518, 24, 'Review counts could not be read', `fill="${MUTED}"`));
  } else {
    const { today, week } = model.reviews;
    parts.push(label(550, 520, 26, `Today <tspan font-weight="bold">${today}</tspan>`));
    parts.push(label(760, 520, 26, `This week <tspan font-weight="bold">${week}</tspan>`));
  }
  return parts;
}

/** The /stats chart as an SVG document: three panels, fixed layout, one font. */
export function statsChartSvg(model: StatsChartModel): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${CHART_WIDTH}" height="${CHART_HEIGHT}" viewBox="0 0 ${CHART_WIDTH} ${CHART_HEIGHT}" font-family="${CHART_FONT}" fill="${INK}">`,
    `<rect width="${CHART_WIDTH}" height="${CHART_HEIGHT}" fill="#ffffff"/>`,
    label(30, 56, 34, text(model.title, 48), 'font-weight="bold"'),
    ...topicPanel(model),
    ...weekPanel(model),
    ...reviewPanel(model),
    '</svg>',
  ].join('\n');
}
