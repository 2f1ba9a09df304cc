import { promises as fs } from 'node:fs';
import { Flags } from '@oclif/core';
import { ContentCatalog } from '../../../bot/content/catalog';
import { ContentOverrides } from '../../../bot/content/contentOverrides';
import { SheetFormat, writeContentSheet } from '../../../bot/content/contentSheet';
import type { FactOverride } from '../../../bot/content/types';
import { BaseCommand } from '../../baseCommand';
import { CliInputError } from '../../cliErrors';

export interface ContentExportResult {
  format: SheetFormat;
  output: string | null;
  rows: number;
}

export default class Export extends BaseCommand<typeof Export> {
  static override summary = 'Export every fact text as a spreadsheet (CSV or Excel), one row per fact and locale.';

  static override description =
    'Columns: key,locale,text,sources,reviewed,reviewBy,mayBeOutdated (";" separates several sources). The texts are those the bot shows ' +
    '(imported ones included). Edit them in a spreadsheet and bring them back with pro content import; an unedited export imports as "unchanged".';

  static override examples = [
    '<%= config.bin %> <%= command.id %> --format csv --output content.csv',
    '<%= config.bin %> <%= command.id %> --format xlsx --output content.xlsx',
    '<%= config.bin %> <%= command.id %> > content.csv',
  ];

  static override flags = {
    format: Flags.string({ description: 'file format', options: ['csv', 'xlsx'], default: 'csv' }),
    output: Flags.string({ char: 'o', description: 'file to write (default: standard output, CSV only)' }),
  };

  async run(): Promise<ContentExportResult> {
    const format = this.flags.format as SheetFormat;
    const output = this.flags.output ?? null;
    if (format === 'xlsx' && !output) throw new CliInputError('An Excel workbook cannot go to the terminal: add --output content.xlsx.');
    const store = await this.openStore();
    const catalog = new ContentCatalog();
    catalog.applyOverrides(await new ContentOverrides(store.containers.content, store.containers.audit).list());
    const rows: FactOverride[] = catalog
      .facts()
      .map(({ key, locale, fact }) => ({ key, locale, text: fact.text, sources: fact.sources, reviewed: fact.reviewed, reviewBy: fact.reviewBy, mayBeOutdated: !!fact.mayBeOutdated }))
      // A fact's locales side by side, so a translator sees them together.
      .sort((a, b) => a.key.localeCompare(b.key) || catalog.locales().indexOf(a.locale as never) - catalog.locales().indexOf(b.locale as never));
    const data = await writeContentSheet(rows, format);
    if (output) {
      await fs.writeFile(output, data);
      this.log(`Exported ${rows.length} row(s) (facts × locales) to ${output}.`);
    } else if (!this.jsonEnabled()) process.stdout.write(data);
    return { format, output, rows: rows.length };
  }
}
