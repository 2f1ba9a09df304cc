import { promises as fs } from 'node:fs';
import path from 'node:path';
import { Flags } from '@oclif/core';
import { ContentCatalog } from '../../../bot/content/catalog';
import { GeoDirectory } from '../../../bot/geo';
import { type ChartData, type ChartFormat, renderChart } from '../../../bot/stats/statsChart';
import { statsReport } from '../../../bot/stats/statsReport';
import { BaseCommand } from '../../baseCommand';
import { CliInputError } from '../../cliErrors';
import { monthFlags, readMonthRange } from '../../statsFlags';

export interface StatsChartResult {
  format: ChartFormat;
  from: string;
  to: string;
  output: string;
  bytes: number;
}

const FORMATS: ChartFormat[] = ['svg', 'png', 'html'];

export default class Chart extends BaseCommand<typeof Chart> {
  static override summary = 'Draw attentions per month, by theme and by department as a picture (SVG, PNG or HTML) for a report.';

  static override description =
    'The format follows the file name: report.svg, report.png or report.html (self-contained, no network). Small numbers are suppressed as ' +
    'in pro stats: their bars are left out and labelled "<5" / "<10".';

  static override examples = ['<%= config.bin %> <%= command.id %> --output report.png', '<%= config.bin %> <%= command.id %> --from 2026-01 --to 2026-11 --output report.svg'];

  static override flags = {
    ...monthFlags,
    output: Flags.string({ char: 'o', description: 'file to write: .svg, .png or .html', required: true }),
  };

  async run(): Promise<StatsChartResult> {
    const output = this.flags.output;
    const format = path.extname(output).slice(1).toLowerCase() as ChartFormat;
    if (!FORMATS.includes(format)) throw new CliInputError(`--output "${output}" must end in .svg, .png or .html.`, { flag: '--output', value: output });
    const store = await this.openStore();
    const { from, to, docs } = await readMonthRange(store, this.flags);
    const geo = GeoDirectory.shipped();
    // Themes by their menu titles, as people saw them ("Derechos y deberes").
    const titles = new Map(new ContentCatalog().choices('es', 'common', 'menu').map((c) => [c.id, c.title]));
    const byMonth = statsReport(docs, { from, to, by: 'month' });
    const byTheme = statsReport(docs, { from, to, by: 'theme' });
    const byDepartment = statsReport(docs, { from, to, by: 'department' });
    const data: ChartData = {
      title: 'PRO Bot: atenciones / attentions',
      subtitle: `${from} – ${to} (hora de Colombia). <5, <10: cifras pequeñas ocultas / small numbers hidden`,
      months: byMonth.rows.map((r) => ({ label: r.key, count: r.attentions })),
      themes: byTheme.rows.filter((r) => r.attentions !== 0).map((r) => ({ label: titles.get(r.key) ?? r.key, count: r.attentions })),
      departments: byDepartment.rows.map((r) => ({ label: r.key === 'unknown' ? 'Sin departamento / unknown' : (geo.departmentName(r.key) ?? r.key), count: r.attentions })),
    };
    const bytes = await renderChart(data, format);
    await fs.writeFile(output, bytes);
    this.log(`Wrote ${format.toUpperCase()} chart (${from} to ${to}) to ${output}.`);
    return { format, from, to, output, bytes: bytes.length };
  }
}
