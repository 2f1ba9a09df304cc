import { promises as fs } from 'node:fs';
import { Args, Flags } from '@oclif/core';
import { SingleBar } from 'cli-progress';
import {
  FileProblem,
  formatOfFile,
  ImportOutcome,
  readReferralFile,
  ReferralFileFormat,
  ReferralImportRejectedError,
} from '../../../bot/referrals';
import { actorFlag, BaseCommand } from '../../baseCommand';
import { CliInputError } from '../../cliErrors';
import { messages, Problem } from '../../messages';

export interface ImportResult extends ImportOutcome {
  file: string;
  format: ReferralFileFormat;
  rows: number;
  /** Rows left out with --skip-invalid, each with its reason(s). */
  skipped: FileProblem[];
}

export default class Import extends BaseCommand<typeof Import> {
  static override summary = 'Import referrals from a CSV (or JSON) file, all or nothing.';

  static override description =
    'Import referrals from a CSV file (the columns of DESIGN.md; ";" separates several values) or from the JSON that export writes. ' +
    'Upserts by id. All or nothing by default: any bad row is reported by line with its reason, and nothing is written (exit code 2).';

  static override examples = [
    '<%= config.bin %> <%= command.id %> referrals.csv',
    '<%= config.bin %> <%= command.id %> referrals.csv --dry-run',
    '<%= config.bin %> <%= command.id %> referrals.csv --skip-invalid --actor maria --json',
  ];

  static override args = {
    file: Args.string({ description: 'CSV (or .json) file to import', required: true }),
  };

  static override flags = {
    'dry-run': Flags.boolean({ description: 'validate and report what would change, write nothing' }),
    'skip-invalid': Flags.boolean({ description: 'import the valid rows and report the bad ones instead of rejecting the file' }),
    format: Flags.string({ description: 'file format (default: from the extension)', options: ['csv', 'json'] }),
    actor: actorFlag,
  };

  private fileFormat: ReferralFileFormat = 'csv';

  async run(): Promise<ImportResult> {
    const { file } = this.args;
    const format = (this.flags.format as ReferralFileFormat | undefined) ?? formatOfFile(file);
    this.fileFormat = format;
    let text: string;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch (err) {
      throw new CliInputError(messages.fileNotReadable(file, (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message));
    }
    const contents = readReferralFile(text, file, format);
    if (contents.problems.length && !this.flags['skip-invalid']) throw new ReferralImportRejectedError(file, contents.problems, contents.rows);
    for (const problem of contents.problems) this.logToStderr(this.formatProblem(problem));

    const repository = await this.repository();
    const bar = this.progressBar();
    let barStarted = false;
    const outcome = await repository.importReferrals(contents.referrals, this.flags.actor, {
      dryRun: this.flags['dry-run'],
      onProgress: bar
        ? (done, total) => {
            if (!barStarted) bar.start(total, 0);
            barStarted = true;
            bar.update(done);
          }
        : undefined,
    });
    if (barStarted) bar?.stop();
    this.log(messages.importSummary(outcome, contents.rows, new Set(contents.problems.map((p) => p.line)).size));
    return { ...outcome, file, format, rows: contents.rows, skipped: contents.problems };
  }

  protected override formatProblem(problem: Problem): string {
    return messages.problem(problem, this.fileFormat === 'json' ? 'entry' : 'line');
  }

  /** Only for a person watching a terminal: never in pipes, logs or --json output. */
  private progressBar(): SingleBar | undefined {
    if (!process.stdout.isTTY || this.jsonEnabled()) return undefined;
    return new SingleBar({ stream: process.stdout, format: 'Importing [{bar}] {value}/{total} entries', hideCursor: true });
  }
}
