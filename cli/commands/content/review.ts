import { Flags } from '@oclif/core';
import { ContentCatalog } from '../../../bot/content/catalog';
import { ContentOverrides } from '../../../bot/content/contentOverrides';
import { addDays, parseWindow } from '../../../bot/content/reviewSchedule';
import { BaseCommand } from '../../baseCommand';
import { CliInputError } from '../../cliErrors';

/** One fact (all its locales: they share sources and dates) and where it stands. */
export interface ReviewedFact {
  key: string;
  reviewed: string;
  reviewBy: string;
  sources: string[];
  /** Past reviewBy: the bot shows it with the "may be outdated" note. */
  overdue: boolean;
  mayBeOutdated: boolean;
  /** Locales whose text comes from an import rather than the files. */
  overridden: string[];
}

export interface ReviewResult {
  today: string;
  /** With --due-within: the last day of the window. */
  dueBy: string | null;
  themes: { theme: string; facts: ReviewedFact[] }[];
  count: number;
  overdue: number;
}

export default class Review extends BaseCommand<typeof Review> {
  static override summary = 'List the facts by theme with their review dates and sources.';

  static override description =
    'Every fact the bot tells, by theme: when it was last checked (reviewed), when it must be checked again (reviewBy), its sources, ' +
    'and whether it is overdue (the bot then adds "may be outdated, confirm with the PRO line") or flagged mayBeOutdated. ' +
    'Imported texts (pro content import) count. With --due-within, only the facts due within that window, and the overdue ones.';

  static override examples = ['<%= config.bin %> <%= command.id %>', '<%= config.bin %> <%= command.id %> --due-within 30d', '<%= config.bin %> <%= command.id %> --due-within 6w --json'];

  static override flags = {
    'due-within': Flags.string({ description: 'only facts due within this window: days (30d), weeks (6w) or months of 30 days (2m)' }),
  };

  async run(): Promise<ReviewResult> {
    const window = this.flags['due-within'];
    const days = window === undefined ? undefined : parseWindow(window);
    if (window !== undefined && days === undefined) throw new CliInputError(`--due-within "${window}" is not a window: give days, weeks or months, e.g. 30d, 6w, 2m.`);
    const store = await this.openStore();
    const catalog = new ContentCatalog();
    catalog.applyOverrides(await new ContentOverrides(store.containers.content, store.containers.audit).list());
    const today = catalog.today();
    const dueBy = days === undefined ? null : addDays(today, days);

    const byKey = new Map<string, ReviewedFact & { theme: string }>();
    for (const entry of catalog.facts()) {
      const known = byKey.get(entry.key);
      if (known) {
        if (entry.overridden) known.overridden.push(entry.locale);
        continue;
      }
      byKey.set(entry.key, {
        theme: entry.file,
        key: entry.key,
        reviewed: entry.fact.reviewed,
        reviewBy: entry.fact.reviewBy,
        sources: entry.fact.sources,
        overdue: entry.fact.reviewBy < today,
        mayBeOutdated: !!entry.fact.mayBeOutdated,
        overridden: entry.overridden ? [entry.locale] : [],
      });
    }
    const themes: ReviewResult['themes'] = [];
    for (const { theme, ...fact } of byKey.values()) {
      if (dueBy !== null && fact.reviewBy > dueBy) continue;
      let group = themes.find((t) => t.theme === theme);
      if (!group) themes.push((group = { theme, facts: [] }));
      group.facts.push(fact);
    }
    const all = themes.flatMap((t) => t.facts);
    const result: ReviewResult = { today, dueBy, themes, count: all.length, overdue: all.filter((f) => f.overdue).length };
    this.print(result);
    return result;
  }

  private print(result: ReviewResult): void {
    for (const { theme, facts } of result.themes) {
      this.log(`${theme} (${facts.length})`);
      for (const f of facts) {
        const flags = [f.overdue ? 'OVERDUE' : '', f.mayBeOutdated ? 'mayBeOutdated' : '', f.overridden.length ? `imported: ${f.overridden.join(',')}` : ''].filter(Boolean).join(', ');
        this.log(`  ${f.key}  reviewed ${f.reviewed}  review by ${f.reviewBy}${flags ? `  [${flags}]` : ''}`);
        for (const source of f.sources) this.log(`      ${source}`);
      }
    }
    this.log(
      result.dueBy
        ? `${result.count} fact(s) due by ${result.dueBy} (${result.overdue} overdue) as of ${result.today}.`
        : `${result.count} fact(s), ${result.overdue} overdue as of ${result.today}.`,
    );
  }
}
