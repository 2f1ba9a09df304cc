import { promises as fs } from 'node:fs';
import { Flags } from '@oclif/core';
import { Referral, ReferralFileFormat, writeReferralFile } from '../../../bot/referrals';
import { BaseCommand } from '../../baseCommand';
import { messages } from '../../messages';

export interface ExportResult {
  format: ReferralFileFormat;
  /** The file written, or null for standard output. */
  output: string | null;
  count: number;
  /** With --json and no --output, the entries themselves. */
  referrals?: Referral[];
}

export default class Export extends BaseCommand<typeof Export> {
  static override summary = 'Export all referrals as CSV or JSON.';

  static override description =
    'Export every referral (inactive ones too) as CSV or JSON, to a file or standard output. Importing the export gives back the same directory. CSV cells that a spreadsheet would run as formulas (starting with =, +, -, @, tab or CR) are written with a leading \' so they open as text; numbers and E.164 phones are left as they are, and import takes the quote off again.';

  static override examples = [
    '<%= config.bin %> <%= command.id %> > referrals.csv',
    '<%= config.bin %> <%= command.id %> --format json --output referrals.json',
    '<%= config.bin %> <%= command.id %> --active-only --output active.csv',
  ];

  static override flags = {
    format: Flags.string({ description: 'file format', options: ['csv', 'json'], default: 'csv' }),
    output: Flags.string({ char: 'o', description: 'file to write (default: standard output)' }),
    'active-only': Flags.boolean({ description: 'leave deactivated entries out' }),
  };

  async run(): Promise<ExportResult> {
    const format = this.flags.format as ReferralFileFormat;
    const repository = await this.repository();
    const referrals = (await repository.list({ includeInactive: !this.flags['active-only'] })).map((s) => s.referral);
    const output = this.flags.output ?? null;
    if (output) {
      await fs.writeFile(output, writeReferralFile(referrals, format));
      this.log(messages.exported(referrals.length, output));
      return { format, output, count: referrals.length };
    }
    // With --json the entries travel inside the result instead, so standard output stays one JSON document.
    if (this.jsonEnabled()) return { format, output, count: referrals.length, referrals };
    process.stdout.write(writeReferralFile(referrals, format));
    return { format, output, count: referrals.length };
  }
}
