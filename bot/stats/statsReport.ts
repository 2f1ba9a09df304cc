/**
 * The programme's report (`pro stats`): attentions by one dimension over a range of months, people
 * reached, "was this useful?", referrals and national lines shown, emergencies, consents and
 * deletions, every number taken from a suppressed table (statsTables.ts). The CSV export is the same
 * tables, one row per month × dimension × value.
 *
 * @example
 * const report = statsReport(await stats.read('2026-01', '2026-11'), { from: '2026-01', to: '2026-11', by: 'theme' });
 * report.rows // [{ key: "health", attentions: 12, usefulYes: 7, usefulNo: "<5" }, …]
 */
import type { AttentionDocument } from './attentionDocument';
import { monthsBetween } from './statsMonth';
import { attentionTable, type CountTable, decisionTable, emergencyTable, lineTable, peopleTable, referralTable, usefulTable } from './statsTables';
import type { Dimension } from './statsVocabulary';
import type { ShownCount } from './suppression';

export interface ReportOptions {
  from: string;
  to: string;
  by: Dimension;
  theme?: string;
  department?: string;
}

export interface ReportRow {
  month?: string;
  key: string;
  attentions: ShownCount;
  /** Distinct people reached: rows by month or channel, without a theme or department filter. */
  people?: ShownCount;
  /** "Was this useful?" answers: rows by theme, without a department filter. */
  usefulYes?: ShownCount;
  usefulNo?: ShownCount;
}

export interface CountRow {
  key: string;
  count: ShownCount;
}

export interface StatsReport {
  from: string;
  to: string;
  by: Dimension;
  theme: string | null;
  department: string | null;
  rows: ReportRow[];
  /** Attentions over the range; people: each month's distinct people, added up (null when filtered). */
  total: { attentions: ShownCount; people: ShownCount | null };
  referralsShown: { byServiceKind: CountRow[]; byDepartment: CountRow[] };
  nationalLines: CountRow[];
  emergencies: CountRow[];
  decisions: CountRow[];
}

/** Range totals of a table's columns, as rows. */
function columnRows(table: CountTable): CountRow[] {
  return table.keys.map((key, c) => ({ key, count: table.shown.columnTotals[c] }));
}

function columnTotal(table: CountTable, key: string): ShownCount {
  const c = table.keys.indexOf(key);
  return c < 0 ? 0 : table.shown.columnTotals[c];
}

function rowTotal(table: CountTable, month: string): ShownCount {
  return table.shown.rowTotals[table.months.indexOf(month)];
}

export function statsReport(docs: AttentionDocument[], options: ReportOptions): StatsReport {
  const { by, theme, department } = options;
  const months = monthsBetween(options.from, options.to);
  const attentions = attentionTable(docs, months, by, { theme, department });
  const people = theme || department ? undefined : peopleTable(docs, months);
  let rows: ReportRow[];
  if (by === 'month') {
    rows = months.map((month) => ({ month, key: month, attentions: rowTotal(attentions, month), ...(people ? { people: rowTotal(people, month) } : {}) }));
  } else {
    rows = attentions.keys.map((key, c) => ({ key, attentions: attentions.shown.columnTotals[c] }));
    if (by === 'channel' && people) {
      const channels = new Set([...rows.map((r) => r.key), ...people.keys]);
      rows = [...channels].sort().map((key) => ({ key, attentions: columnTotal(attentions, key), people: columnTotal(people, key) }));
    }
    if (by === 'theme' && !department) {
      const yes = usefulTable(docs, months, 'yes', theme);
      const no = usefulTable(docs, months, 'no', theme);
      const themes = new Set([...rows.map((r) => r.key), ...yes.keys, ...no.keys]);
      rows = [...themes].sort().map((key) => ({ key, attentions: columnTotal(attentions, key), usefulYes: columnTotal(yes, key), usefulNo: columnTotal(no, key) }));
    }
  }
  return {
    from: options.from,
    to: options.to,
    by,
    theme: theme ?? null,
    department: department ?? null,
    rows,
    total: { attentions: attentions.shown.total, people: people ? people.shown.total : null },
    referralsShown: { byServiceKind: columnRows(referralTable(docs, months, 'service_kind', department)), byDepartment: columnRows(referralTable(docs, months, 'department', department)) },
    nationalLines: columnRows(lineTable(docs, months)),
    emergencies: columnRows(emergencyTable(docs, months)),
    decisions: columnRows(decisionTable(docs, months)),
  };
}

/** One exported line: a month (or "all" for the range) × measure × dimension × value. */
export interface ExportRow {
  month: string;
  measure: string;
  dimension: string;
  value: string;
  count: ShownCount;
}

/** Every table of the range, for a spreadsheet or a 4W/5W report: per month and for the whole range, with totals. */
export function exportRows(docs: AttentionDocument[], from: string, to: string): ExportRow[] {
  const months = monthsBetween(from, to);
  const tables: CountTable[] = [
    ...(['theme', 'department', 'group', 'language', 'channel'] as const).map((d) => attentionTable(docs, months, d, {})),
    peopleTable(docs, months),
    usefulTable(docs, months, 'yes'),
    usefulTable(docs, months, 'no'),
    referralTable(docs, months, 'service_kind'),
    referralTable(docs, months, 'department'),
    lineTable(docs, months),
    emergencyTable(docs, months),
    decisionTable(docs, months),
  ];
  const rows: ExportRow[] = [];
  for (const t of tables) {
    const line = (month: string, value: string, count: ShownCount): ExportRow => ({ month, measure: t.measure, dimension: t.dimension, value, count });
    t.months.forEach((month, r) => {
      t.keys.forEach((key, c) => rows.push(line(month, key, t.shown.cells[r][c])));
      rows.push(line(month, 'total', t.shown.rowTotals[r]));
    });
    t.keys.forEach((key, c) => rows.push(line('all', key, t.shown.columnTotals[c])));
    rows.push(line('all', 'total', t.shown.total));
  }
  return rows;
}
