import { FeedbackCount, FeedbackStats } from '../../bot/stats/feedbackStats';
import { BaseCommand } from '../baseCommand';

export interface StatsResult {
  /** "Was this useful?" answers per theme (anonymous counts). */
  feedback: Record<string, FeedbackCount & { usefulPercent: number | null }>;
  referrals: { active: number; inactive: number; national: number; departments: number };
}

export default class Stats extends BaseCommand<typeof Stats> {
  static override summary = 'Show anonymous usage statistics and the size of the referral directory.';

  static override description =
    'Counts of "¿Te sirvió? / Was this useful?" answers per orientation theme (nothing about any person is stored), ' +
    'and how many referral entries are active, inactive and national.';

  static override examples = ['<%= config.bin %> <%= command.id %>', '<%= config.bin %> <%= command.id %> --json'];

  async run(): Promise<StatsResult> {
    const store = await this.openStore();
    const counts = await new FeedbackStats(store.containers.stats).read();
    const feedback: StatsResult['feedback'] = {};
    for (const [theme, c] of Object.entries(counts).sort(([a], [b]) => a.localeCompare(b))) {
      const total = c.yes + c.no;
      feedback[theme] = { ...c, usefulPercent: total ? Math.round((c.yes / total) * 100) : null };
    }
    const all = await (await this.repository()).list({ includeInactive: true, includeNational: true });
    const active = all.filter((s) => s.referral.active);
    const referrals = {
      active: active.length,
      inactive: all.length - active.length,
      national: active.filter((s) => !s.referral.departmentCode).length,
      departments: new Set(active.map((s) => s.referral.departmentCode).filter(Boolean)).size,
    };

    this.log('Was this useful? (per theme)');
    const rows = Object.entries(feedback);
    if (rows.length === 0) this.log('  no answers yet');
    for (const [theme, c] of rows) this.log(`  ${theme.padEnd(16)} yes ${String(c.yes).padStart(5)}  no ${String(c.no).padStart(5)}  ${c.usefulPercent === null ? '' : `${c.usefulPercent}% useful`}`);
    this.log(`Referral directory: ${referrals.active} active (${referrals.national} national, ${referrals.departments} departments), ${referrals.inactive} inactive`);
    return { feedback, referrals };
  }
}
