import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { renderAsync } from '@resvg/resvg-js';
import { encodePng } from './encodePng.ts';
import { CHART_FONT } from './statsChartSvg.ts';

const fontDir = join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');

/** The chart's fonts come from the package, never from the system, so every machine draws the same. */
const FONT = {
  fontFiles: [join(fontDir, 'DejaVuSans.ttf'), join(fontDir, 'DejaVuSans-Bold.ttf')],
  loadSystemFonts: false,
  defaultFontFamily: CHART_FONT,
};

/**
 * An SVG as PNG bytes, drawn and compressed off the event loop (resvg's and zlib's thread pools),
 * so answer clicks are not held up while a chart renders. The white background makes every pixel
 * opaque, as encodePng expects.
 */
export async function renderChartPng(svg: string): Promise<Buffer> {
  const image = await renderAsync(svg, { font: FONT, background: '#ffffff' });
  return encodePng(image.pixels, image.width, image.height);
}
