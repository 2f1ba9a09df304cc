import { promises as fs } from 'node:fs';
import { Flags } from '@oclif/core';
import { stringify } from 'csv-stringify/sync';
import { exportRows } from '../../../bot/stats/statsReport';
import { neutraliseCell } from '../../../bot/text/csvSafety';
import { BaseCommand } from '../../baseCommand';
import { monthFlags, readMonthRange } from '../../statsFlags';

export interface StatsExportResult {
  format: 'csv';
  from: string;
  to: string;
  output: string | null;
  rows: number;
}

const COLUMNS = ['month', 'measure', 'dimension', 'value', 'count'] as const;

export default class Export extends BaseCommand<typeof Export> {
  static override summary = 'Export the statistics as CSV: one row per month × dimension × value, small numbers suppressed.';

  static override description =
    'Columns: month,measure,dimension,value,count. measure is attentions, people, useful_yes, useful_no, referrals, national_lines, ' +
    'emergencies or decisions; month "all" is the whole range and value "total" a total. Counts below 5 are "<5" (below 10 for ' +
    'protection, gender violence, trafficking and emergencies: "<10"), "x" hides another so no hidden count can be worked out. Ready for a ' +
    "spreadsheet or a partner's 4W/5W report.";

  static override examples = ['<%= config.bin %> <%= command.id %> --format csv --output stats.csv', '<%= config.bin %> <%= command.id %> --from 2026-01 --to 2026-06 > stats.csv'];

  static override flags = {
    ...monthFlags,
    format: Flags.string({ description: 'file format', options: ['csv'], default: 'csv' }),
    output: Flags.string({ char: 'o', description: 'file to write (default: standard output)' }),
  };

  async run(): Promise<StatsExportResult> {
    const store = await this.openStore();
    const { from, to, docs } = await readMonthRange(store, this.flags);
    const rows = exportRows(docs, from, to);
    const csv = stringify(
      rows.map((r) => COLUMNS.map((c) => neutraliseCell(String(r[c])))),
      { header: true, columns: [...COLUMNS] },
    );
    const output = this.flags.output ?? null;
    if (output) {
      await fs.writeFile(output, csv);
      this.log(`Exported ${rows.length} row(s) (${from} to ${to}) to ${output}.`);
    } else if (!this.jsonEnabled()) process.stdout.write(csv);
    return { format: 'csv', from, to, output, rows: rows.length };
  }
}
