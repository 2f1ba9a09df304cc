/**
 * Count tables read from the month × channel documents: months (rows) × the values of one dimension
 * (columns), summed over channels in the CLI (no GROUP BY: the embedded store has none), each one
 * suppressed as a whole (suppression.ts). A report and an export are built from these tables only,
 * so no number ever leaves them unprotected.
 *
 * @example
 * const t = attentionTable(docs, monthsBetween('2026-10', '2026-11'), 'theme', {});
 * t.keys                       // ["education", "health"]
 * t.shown.columnTotals         // [7, "<5"]
 */
import { type AttentionDocument, parseCounterKey } from './attentionDocument';
import type { Dimension } from './statsVocabulary';
import { type SuppressedTable, suppressTable, type Threshold, TOTAL } from './suppression';

export interface CountTable {
  /** What is counted: attentions, people, useful_yes, referrals, emergencies, … */
  measure: string;
  /** What the columns are: theme, department, service_kind, line, kind, … */
  dimension: string;
  months: string[];
  keys: string[];
  /** Raw counts, months × keys; never shown (use `shown`). */
  values: number[][];
  shown: SuppressedTable;
}

/** Filters of a report: only attentions of this theme, of this department. */
export interface AttentionFilter {
  theme?: string;
  department?: string;
}

/** Themes and service kinds whose counts are protection, gender violence or trafficking: threshold 10. */
const SENSITIVE_VALUES = new Set(['protection', 'gbv', 'child_protection']);
/** The seeded national lines for violence, trafficking, children at risk and emergencies (bot/referrals/seed). */
const SENSITIVE_LINES = new Set(['national_women_155', 'national_anti_trafficking', 'national_icbf_141', 'national_emergency_123']);

/** A table of `measure` from the counters each document yields with `extract`. */
export function countTable(
  measure: string,
  dimension: string,
  docs: AttentionDocument[],
  months: string[],
  extract: (doc: AttentionDocument) => Iterable<[string, number]>,
  threshold: (key: string) => Threshold,
): CountTable {
  const byMonth = new Map<string, Map<string, number>>(months.map((m) => [m, new Map()]));
  for (const doc of docs) {
    const row = byMonth.get(doc.month);
    if (!row) continue;
    for (const [key, n] of extract(doc)) if (Number.isFinite(n) && n > 0) row.set(key, (row.get(key) ?? 0) + n);
  }
  const keys = [...new Set([...byMonth.values()].flatMap((row) => [...row.keys()]))].sort();
  const values = months.map((m) => keys.map((k) => byMonth.get(m)?.get(k) ?? 0));
  // A row total mixes every column: it is sensitive only when every column is.
  const allSensitive = keys.length > 0 && keys.every((k) => threshold(k) === 10);
  const shown = suppressTable(values, (_, c) => (c === TOTAL ? (allSensitive ? 10 : 5) : threshold(keys[c])));
  return { measure, dimension, months, keys, values, shown };
}

/** The counters of one family, as [rest of the key, count]. */
function* family(doc: AttentionDocument, name: string): Iterable<[string[], number]> {
  for (const [key, n] of Object.entries(doc.counts)) {
    const { family: f, parts } = parseCounterKey(key);
    if (f === name) yield [parts, Number(n)];
  }
}

const ATTENTION_PART: Record<Exclude<Dimension, 'channel' | 'month'>, number> = { theme: 0, department: 1, group: 2, language: 3 };

/** Attentions by `dimension` ("month": by theme, read its row totals), optionally of one theme or department. */
export function attentionTable(docs: AttentionDocument[], months: string[], dimension: Dimension, filter: AttentionFilter): CountTable {
  const columns = dimension === 'month' ? 'theme' : dimension;
  const extract = function* (doc: AttentionDocument): Iterable<[string, number]> {
    for (const [[theme, department, group, language], n] of family(doc, 'attention')) {
      if (filter.theme && theme !== filter.theme) continue;
      if (filter.department && department !== filter.department) continue;
      const parts = [theme, department, group, language];
      yield [columns === 'channel' ? doc.channel : parts[ATTENTION_PART[columns]], n];
    }
  };
  const sensitiveAll = filter.theme !== undefined && SENSITIVE_VALUES.has(filter.theme);
  return countTable('attentions', columns, docs, months, extract, (key) => (sensitiveAll || (columns === 'theme' && SENSITIVE_VALUES.has(key)) ? 10 : 5));
}

/** People reached, by channel (a person counts once a month per channel). */
export function peopleTable(docs: AttentionDocument[], months: string[]): CountTable {
  return countTable('people', 'channel', docs, months, (doc) => [[doc.channel, Number(doc.counts.people) || 0]], () => 5);
}

/** "Was this useful?" yes (or no) answers, by theme. */
export function usefulTable(docs: AttentionDocument[], months: string[], answer: 'yes' | 'no', theme?: string): CountTable {
  const extract = function* (doc: AttentionDocument): Iterable<[string, number]> {
    for (const [[t, a], n] of family(doc, 'useful')) if (a === answer && (!theme || t === theme)) yield [t, n];
  };
  return countTable(`useful_${answer}`, 'theme', docs, months, extract, (key) => (SENSITIVE_VALUES.has(key) ? 10 : 5));
}

/** Services shown, by service kind or by department (optionally of one department). */
export function referralTable(docs: AttentionDocument[], months: string[], by: 'service_kind' | 'department', department?: string): CountTable {
  const extract = function* (doc: AttentionDocument): Iterable<[string, number]> {
    for (const [[kind, dept], n] of family(doc, 'referral')) if (!department || dept === department) yield [by === 'service_kind' ? kind : dept, n];
  };
  return countTable('referrals', by, docs, months, extract, (key) => (by === 'service_kind' && SENSITIVE_VALUES.has(key) ? 10 : 5));
}

/** National lines shown, by line. */
export function lineTable(docs: AttentionDocument[], months: string[]): CountTable {
  const extract = function* (doc: AttentionDocument): Iterable<[string, number]> {
    for (const [[line], n] of family(doc, 'line')) yield [line, n];
  };
  return countTable('national_lines', 'line', docs, months, extract, (key) => (SENSITIVE_LINES.has(key) ? 10 : 5));
}

/** Emergencies detected, by kind: every cell is sensitive (threshold 10). */
export function emergencyTable(docs: AttentionDocument[], months: string[]): CountTable {
  const extract = function* (doc: AttentionDocument): Iterable<[string, number]> {
    for (const [[kind], n] of family(doc, 'emergency')) yield [kind, n];
  };
  return countTable('emergencies', 'kind', docs, months, extract, () => 10);
}

/** Consents given and declined, "delete my data" requests and hand-offs, side by side. */
export function decisionTable(docs: AttentionDocument[], months: string[]): CountTable {
  const extract = function* (doc: AttentionDocument): Iterable<[string, number]> {
    for (const [[decision], n] of family(doc, 'consent')) yield [`consent_${decision}`, n];
    for (const name of ['deletion', 'handoff'] as const) if (doc.counts[name]) yield [name, Number(doc.counts[name])];
  };
  return countTable('decisions', 'decision', docs, months, extract, () => 5);
}
