import type { Container } from '@azure/cosmos';
import { Flags } from '@oclif/core';
import { ContentCatalog } from '../../../bot/content/catalog';
import { GeoDirectory } from '../../../bot/geo';
import { FeedbackCount, FeedbackStats } from '../../../bot/stats/feedbackStats';
import { type CountRow, type StatsReport, statsReport } from '../../../bot/stats/statsReport';
import { type Dimension, DIMENSIONS } from '../../../bot/stats/statsVocabulary';
import { BaseCommand } from '../../baseCommand';
import { CliInputError } from '../../cliErrors';
import { departmentCodeOf } from '../../placeFlags';
import { monthFlags, readMonthRange } from '../../statsFlags';

export interface StatsResult extends StatsReport {
  /** "Was this useful?" answers per theme counted before the month documents (all time); later answers are in `rows`. */
  feedback: Record<string, FeedbackCount & { usefulPercent: number | null }>;
  referrals: { active: number; inactive: number; national: number; departments: number };
}

/** Menu ids that are orientation themes (services and the PRO points are not themes one answers). */
export function themeIds(): string[] {
  return new ContentCatalog()
    .choices('es', 'common', 'menu')
    .map((c) => c.id)
    .filter((id) => !['services', 'pro_points', 'more'].includes(id));
}

export default class Stats extends BaseCommand<typeof Stats> {
  static override summary = 'Report attentions, people reached, referrals and emergencies per month, with small numbers suppressed.';

  static override description =
    'Anonymous counts only (nothing about any person is stored): attentions (a theme answered in a conversation) by theme, department, ' +
    'population group, language, channel or month, people reached per month, "was this useful?", services and national lines shown, ' +
    'emergencies detected, consents, declines and "delete my data" requests. Months are Colombia time. Any number below 5 is shown as "<5" ' +
    '(below 10 for protection, gender violence, trafficking and emergencies: "<10"), and "x" hides another so that no hidden number can be ' +
    'worked out from a total. Also the "was this useful?" totals counted before monthly statistics, and the size of the referral directory.';

  static override examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --from 2026-01 --to 2026-11 --by department',
    '<%= config.bin %> <%= command.id %> --by group --theme health --department "Norte de Santander"',
    '<%= config.bin %> <%= command.id %> --by month --json',
  ];

  static override flags = {
    ...monthFlags,
    by: Flags.string({ description: 'break attentions down by', options: [...DIMENSIONS], default: 'theme' }),
    theme: Flags.string({ description: 'only attentions of this theme (menu id, e.g. health)' }),
    department: Flags.string({ description: 'only attentions in this department: DIVIPOLA code ("54") or name' }),
  };

  async run(): Promise<StatsResult> {
    const geo = GeoDirectory.shipped();
    const themes = themeIds();
    const theme = this.flags.theme?.trim().toLowerCase();
    if (theme !== undefined && !themes.includes(theme)) throw new CliInputError(`--theme "${this.flags.theme}" is not a theme; use one of ${themes.join(', ')}.`, { flag: '--theme', value: theme });
    const department = this.flags.department === undefined ? undefined : departmentCodeOf(this.flags.department, geo);
    const store = await this.openStore();
    const range = await readMonthRange(store, this.flags);
    const report = statsReport(range.docs, { from: range.from, to: range.to, by: this.flags.by as Dimension, theme, department });
    const feedback = await this.feedback(store.containers.stats);
    const referrals = await this.directorySize();
    if (!this.jsonEnabled()) this.print(report, feedback, referrals, geo);
    return { ...report, feedback, referrals };
  }

  /**
   * The all-time counters kept before the month documents (feedback:<theme>); answers since are in
   * the rows, per range and suppressed. Never added together: the sum would undo the suppression.
   */
  private async feedback(container: Container): Promise<StatsResult['feedback']> {
    const counts = await new FeedbackStats(container).read();
    const feedback: StatsResult['feedback'] = {};
    for (const [theme, { yes, no }] of Object.entries(counts).sort(([a], [b]) => a.localeCompare(b))) {
      feedback[theme] = { yes, no, usefulPercent: yes + no ? Math.round((yes / (yes + no)) * 100) : null };
    }
    return feedback;
  }

  private async directorySize(): Promise<StatsResult['referrals']> {
    const all = await (await this.repository()).list({ includeInactive: true, includeNational: true });
    const active = all.filter((s) => s.referral.active);
    return {
      active: active.length,
      inactive: all.length - active.length,
      national: active.filter((s) => !s.referral.departmentCode).length,
      departments: new Set(active.map((s) => s.referral.departmentCode).filter(Boolean)).size,
    };
  }

  private print(report: StatsReport, feedback: StatsResult['feedback'], referrals: StatsResult['referrals'], geo: GeoDirectory): void {
    const label = (key: string, dimension: string): string => (dimension === 'department' && key !== 'unknown' ? `${key} ${geo.departmentName(key) ?? ''}`.trim() : key);
    const filters = [report.theme && `theme ${report.theme}`, report.department && `department ${label(report.department, 'department')}`].filter(Boolean).join(', ');
    this.log(`Attentions ${report.from} to ${report.to} (Colombia time), by ${report.by}${filters ? `, ${filters}` : ''}`);
    const extra = (row: StatsReport['rows'][number]): string =>
      [row.people !== undefined ? `people ${String(row.people).padStart(5)}` : '', row.usefulYes !== undefined ? `useful yes ${String(row.usefulYes).padStart(4)} no ${String(row.usefulNo).padStart(4)}` : '']
        .filter(Boolean)
        .join('  ');
    if (report.rows.length === 0) this.log('  no attentions counted');
    for (const row of report.rows) this.log(`  ${label(row.key, report.by).padEnd(28)} ${String(row.attentions).padStart(6)}  ${extra(row)}`.trimEnd());
    this.log(`  ${'total'.padEnd(28)} ${String(report.total.attentions).padStart(6)}${report.total.people === null ? '' : `  people reached (monthly, added up) ${report.total.people}`}`);
    const list = (title: string, rows: CountRow[], dimension = ''): void => {
      this.log(`${title}: ${rows.length ? rows.map((r) => `${label(r.key, dimension)} ${r.count}`).join(', ') : 'none'}`);
    };
    list('Services shown, by service kind', report.referralsShown.byServiceKind);
    list('Services shown, by department', report.referralsShown.byDepartment, 'department');
    list('National lines shown', report.nationalLines);
    list('Emergencies detected, by kind', report.emergencies);
    list('Consents, declines, deletions, hand-offs', report.decisions);
    this.log('Was this useful? (per theme, counted before monthly statistics)');
    const rows = Object.entries(feedback);
    if (rows.length === 0) this.log('  no answers yet');
    for (const [t, c] of rows) this.log(`  ${t.padEnd(16)} yes ${String(c.yes).padStart(5)}  no ${String(c.no).padStart(5)}  ${c.usefulPercent === null ? '' : `${c.usefulPercent}% useful`}`);
    this.log(`Referral directory: ${referrals.active} active (${referrals.national} national, ${referrals.departments} departments), ${referrals.inactive} inactive`);
  }
}
