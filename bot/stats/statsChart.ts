/**
 * The picture a programme officer pastes into a report: attentions per month (bars), by theme and
 * by department (ranked bars), drawn by Vega-Lite → Vega (SVG) and, for PNG, resvg. No network: the
 * libraries are local and the HTML holds the SVG inline. Suppressed cells keep their label ("<5")
 * and get no bar, so the picture never shows more than the tables.
 *
 * @example
 * await writeFile('report.png', await renderChart(chartData, 'png'));
 */
import { Resvg } from '@resvg/resvg-js';
import * as vega from 'vega';
import * as vegaLite from 'vega-lite';
import type { ShownCount } from './suppression';

export type ChartFormat = 'svg' | 'png' | 'html';

export interface ChartBar {
  label: string;
  count: ShownCount;
}

export interface ChartData {
  title: string;
  months: ChartBar[];
  themes: ChartBar[];
  departments: ChartBar[];
  /** Under the title: the range, and how small numbers are shown. */
  subtitle: string;
}

const BAR_COLOR = '#0033a0';
const FONT = 'DejaVu Sans, Arial, sans-serif';

function values(bars: ChartBar[]): { label: string; n: number; text: string }[] {
  return bars.map((b) => ({ label: b.label, n: typeof b.count === 'number' ? b.count : 0, text: String(b.count) }));
}

/** One bar chart with its numbers (or "<5") written at the end of each bar. */
function barChart(title: string, bars: ChartBar[], horizontal: boolean): Record<string, unknown> {
  const category = { field: 'label', type: 'nominal', title: null, sort: horizontal ? { field: 'n', order: 'descending' } : null, axis: horizontal ? { labelLimit: 220 } : { labelAngle: 0 } };
  const measure = { field: 'n', type: 'quantitative', title: null, axis: { tickMinStep: 1, format: 'd' } };
  const position = horizontal ? { y: category, x: measure } : { x: category, y: measure };
  return {
    title,
    data: { values: values(bars) },
    width: horizontal ? 420 : Math.max(240, 56 * bars.length),
    height: horizontal ? Math.max(60, 22 * bars.length) : 200,
    encoding: position,
    layer: [
      { mark: { type: 'bar', color: BAR_COLOR } },
      { mark: { type: 'text', ...(horizontal ? { align: 'left', dx: 4 } : { baseline: 'bottom', dy: -3 }) }, encoding: { text: { field: 'text' } } },
    ],
  };
}

/** The Vega-Lite specification of the whole picture (kept apart so tests can read it). */
export function chartSpec(data: ChartData): Record<string, unknown> {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: { text: data.title, subtitle: data.subtitle },
    background: 'white',
    padding: 16,
    config: { font: FONT, view: { stroke: null } },
    vconcat: [
      barChart('Atenciones por mes / Attentions per month', data.months, false),
      barChart('Atenciones por tema / Attentions by theme', data.themes, true),
      barChart('Atenciones por departamento / Attentions by department', data.departments, true),
    ],
  };
}

export async function renderSvg(data: ChartData): Promise<string> {
  // Errors only: Vega-Lite's notes about merged scale sorts would end up in the CLI's output.
  const logger = vega.logger(vega.Error);
  const { spec } = vegaLite.compile(chartSpec(data) as unknown as vegaLite.TopLevelSpec, { logger });
  const view = new vega.View(vega.parse(spec), { renderer: 'none', logger });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** The chart as the file bytes of `format`. */
export async function renderChart(data: ChartData, format: ChartFormat): Promise<Buffer> {
  const svg = await renderSvg(data);
  if (format === 'svg') return Buffer.from(svg, 'utf8');
  if (format === 'html') {
    const title = data.title.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
    return Buffer.from(`<!doctype html>\n<html lang="es"><head><meta charset="utf-8"><title>${title}</title></head><body>\n${svg}\n</body></html>\n`, 'utf8');
  }
  // Twice the SVG's size, so the picture stays sharp in a document.
  const png = new Resvg(svg, { fitTo: { mode: 'zoom', value: 2 }, font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' } });
  return png.render().asPng();
}
