import { describe, expect, it } from 'vitest';
import { statsChartModel } from '../../src/app/statsChartModel.ts';
import { CHART_HEIGHT, CHART_WIDTH, statsChartSvg } from '../../src/discord/render/statsChartSvg.ts';

const input = {
  displayName: 'Ada <script>&"',
  topics: { realism: { answered: 4, correct: 3 } },
  topicTitle: (id: string) => id,
  weeks: [{ week: '2026-W49', points: 120 }],
};

describe('the /stats chart drawing', () => {
  it('GIVEN reviews not available THEN the panel says so, and member text is escaped', () => {
    const svg = statsChartSvg(statsChartModel({ ...input, reviewsDue: undefined }));
    expect(svg).toContain(`width="${CHART_WIDTH}" height="${CHART_HEIGHT}"`);
    expect(CHART_WIDTH).toBeGreaterThanOrEqual(600);
    expect(CHART_HEIGHT).toBeGreaterThanOrEqual(300);
    expect(svg).toContain('Review counts could not be read');
    expect(svg).toContain('Stats · Ada &lt;script&gt;&amp;&quot;');
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('>75%<');
    expect(svg).toContain('>120<');
    expect(svg).toContain('>W49<');
  });

  it('GIVEN review counts THEN today and this week are drawn', () => {
    const svg = statsChartSvg(statsChartModel({ ...input, reviewsDue: { today: 3, week: 12 } }));
    expect(svg).toContain('Today <tspan font-weight="bold">3</tspan>');
    expect(svg).toContain('This week <tspan font-weight="bold">12</tspan>');
    expect(svg).not.toContain('not available');
  });
});
