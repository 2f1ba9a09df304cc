import { promises as fs } from 'node:fs';
import { Args, Flags } from '@oclif/core';
import { CONTENT_FILES, ContentCatalog } from '../../../bot/content/catalog';
import { planContentImport } from '../../../bot/content/contentImport';
import { ContentOverrides, overrideOf } from '../../../bot/content/contentOverrides';
import { ContentSheetError, formatOfSheet, readContentSheet, SheetFormat, SheetProblem } from '../../../bot/content/contentSheet';
import { actorFlag, BaseCommand } from '../../baseCommand';
import { CliInputError } from '../../cliErrors';
import { messages } from '../../messages';

export interface ContentImportResult {
  file: string;
  format: SheetFormat;
  dryRun: boolean;
  rows: number;
  /** Facts (per locale) whose imported text is set or replaced. */
  set: number;
  /** Overrides dropped because the row gives the file's own text again. */
  reverted: number;
  unchanged: number;
  changed: { key: string; locale: string; action: 'set' | 'remove' }[];
}

/** Bad rows: nothing was written (exit 2). */
class ContentImportRejectedError extends CliInputError {
  constructor(readonly file: string, readonly problems: SheetProblem[], readonly rows: number) {
    super(`${file}: ${new Set(problems.map((p) => p.line)).size} of ${rows} row(s) have problems; nothing was imported`);
    this.name = 'ContentImportRejectedError';
  }
}

/** The sheet cannot be read at all. */
class ContentSheetRejectedError extends CliInputError {
  constructor(readonly file: string, readonly problems: SheetProblem[]) {
    super(`${file}: cannot be imported`);
    this.name = 'ContentSheetError';
  }
}

export default class Import extends BaseCommand<typeof Import> {
  static override summary = 'Import fact texts edited in a spreadsheet (CSV or Excel), all or nothing.';

  static override description =
    'Reads the sheet pro content export writes (key,locale,text,sources,reviewed,reviewBy,mayBeOutdated) and checks every row against ' +
    'every content rule on the merged result (files + texts imported before + this sheet): known key and locale, length (600 characters ' +
    'with the outdated note), phone numbers on the allow-list, an https source, real dates, reviewBy after reviewed, the same sources and ' +
    'dates in every locale. Any bad row is reported by line and reason and nothing is written (exit 2). The running bot shows imported ' +
    'texts within CONTENT_REFRESH_SECONDS (default 60), no redeploy needed. A row equal to the file text removes the override.';

  static override examples = [
    '<%= config.bin %> <%= command.id %> content.csv --dry-run',
    '<%= config.bin %> <%= command.id %> content.xlsx --actor maria',
  ];

  static override args = { file: Args.string({ description: 'CSV or .xlsx file to import', required: true }) };

  static override flags = {
    'dry-run': Flags.boolean({ description: 'check and report what would change, write nothing' }),
    actor: actorFlag,
  };

  async run(): Promise<ContentImportResult> {
    const { file } = this.args;
    const format = formatOfSheet(file);
    let data: Buffer;
    try {
      data = await fs.readFile(file);
    } catch (err) {
      throw new CliInputError(messages.fileNotReadable(file, (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message));
    }
    let sheet;
    try {
      sheet = await readContentSheet(data, format, file);
    } catch (err) {
      if (err instanceof ContentSheetError) throw new ContentSheetRejectedError(file, err.problems);
      throw err;
    }
    const store = await this.openStore();
    const overrides = new ContentOverrides(store.containers.content, store.containers.audit);
    const existing = (await overrides.list()).map(overrideOf);
    const plan = planContentImport(CONTENT_FILES, existing, sheet.rows, sheet.problems, new ContentCatalog().today());
    if (plan.problems.length) throw new ContentImportRejectedError(file, plan.problems, plan.rows);

    const dryRun = !!this.flags['dry-run'];
    if (!dryRun && plan.changes.length) await overrides.apply(plan.changes, this.flags.actor);
    const changed = plan.changes.map((c) => (c.action === 'set' ? { key: c.override.key, locale: c.override.locale, action: c.action } : { key: c.key, locale: c.locale, action: c.action }));
    const result: ContentImportResult = {
      file,
      format,
      dryRun,
      rows: plan.rows,
      set: changed.filter((c) => c.action === 'set').length,
      reverted: changed.filter((c) => c.action === 'remove').length,
      unchanged: plan.unchanged,
      changed,
    };
    for (const c of changed) this.log(`  ${c.action === 'set' ? 'set' : 'back to the file text'}: ${c.key} (${c.locale})`);
    this.log(
      `${dryRun ? 'Dry run, nothing written: would set' : 'Set'} ${result.set}, ${dryRun ? 'revert' : 'reverted'} ${result.reverted} to the file text, unchanged ${result.unchanged} (of ${result.rows} row(s)).`,
    );
    return result;
  }
}
