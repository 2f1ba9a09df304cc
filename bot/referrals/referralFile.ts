/**
 * Referral files: the CSV of DESIGN.md (and the JSON that `pro referrals export --format json` writes)
 * read into validated referrals, every bad row reported by line with its reason; and the same formats
 * written back, so export → import is lossless. CSV cells that would run as spreadsheet formulas are
 * written with a leading `'` and read back without it (bot/text/csvSafety.ts).
 */
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { Referral } from './referral';
import { ReferralInputError } from './referralErrors';
import { COLUMN_OF_KEY, REFERRAL_COLUMNS, type ReferralColumn } from './referralFields';
import { isReferralColumn, LIST_SEPARATOR, ReferralRecord, toRecord } from './referralRecord';
import { validateReferral, ValidationContext } from './referralValidation';
import { neutraliseCell, restoreCell } from '../text/csvSafety';

export type ReferralFileFormat = 'csv' | 'json';

/** One problem in a file: CSV line (the header is line 1) or JSON entry number, field, value and why. */
export interface FileProblem {
  line: number;
  /** The row's id when it has one, to find it in the spreadsheet. */
  id?: string;
  field: string;
  value: string;
  reason: string;
}

export interface ReferralFileContents {
  format: ReferralFileFormat;
  /** Data rows (CSV) or entries (JSON) read. */
  rows: number;
  /** Valid entries, in file order. */
  referrals: Referral[];
  /** Every problem, in file order; empty when the whole file is valid. */
  problems: FileProblem[];
}

/** The file cannot be read at all (not CSV/JSON, wrong or missing columns): nothing row by row applies. */
export class ReferralFileError extends ReferralInputError {
  constructor(readonly file: string, readonly problems: FileProblem[]) {
    super(`${file}: ${problems.map((p) => p.reason).join('; ')}`);
    this.name = 'ReferralFileError';
  }
}

/** Bad rows in a file imported all-or-nothing: nothing was written. */
export class ReferralImportRejectedError extends ReferralInputError {
  constructor(readonly file: string, readonly problems: FileProblem[], readonly rows: number) {
    const badLines = new Set(problems.map((p) => p.line)).size;
    super(`${file}: ${badLines} of ${rows} row(s) have problems; nothing was imported`);
    this.name = 'ReferralImportRejectedError';
  }
}

export function formatOfFile(file: string): ReferralFileFormat {
  return file.toLowerCase().endsWith('.json') ? 'json' : 'csv';
}

/** Reads a referral file. Row problems are returned (the caller decides all-or-nothing); unreadable files throw ReferralFileError. */
export function readReferralFile(text: string, file: string, format: ReferralFileFormat = formatOfFile(file), context: ValidationContext = {}): ReferralFileContents {
  const rows = format === 'json' ? jsonRecords(text, file) : csvRecords(text, file);
  const referrals: Referral[] = [];
  const problems: FileProblem[] = [];
  const firstLineOfId = new Map<string, number>();
  for (const { line, record, shapeProblem } of rows) {
    const id = (record.id ?? '').trim() || undefined;
    const result = validateReferral(record, context);
    if (shapeProblem) problems.push({ line, id, ...shapeProblem });
    if (!result.ok) problems.push(...result.problems.map((p) => ({ line, id, ...p })));
    if (shapeProblem || !result.ok) continue;
    const seen = firstLineOfId.get(result.referral.id);
    if (seen !== undefined) {
      problems.push({ line, id, field: 'id', value: result.referral.id, reason: `is also used on ${format === 'json' ? 'entry' : 'line'} ${seen}; ids must be unique` });
      continue;
    }
    firstLineOfId.set(result.referral.id, line);
    referrals.push(result.referral);
  }
  return { format, rows: rows.length, referrals, problems };
}

/** A row as read, before validation; `shapeProblem` when the row itself is malformed (cell count, unknown JSON fields). */
interface RawRow {
  line: number;
  record: ReferralRecord;
  shapeProblem?: { field: string; value: string; reason: string };
}

function csvRecords(text: string, file: string): RawRow[] {
  let parsed: { record: string[]; info: { lines: number } }[];
  try {
    parsed = parse(text, { bom: true, info: true, relax_column_count: true, skip_empty_lines: true }) as unknown as typeof parsed;
  } catch (err) {
    throw new ReferralFileError(file, [{ line: 0, field: 'file', value: file, reason: `is not readable as CSV (${(err as Error).message})` }]);
  }
  if (!parsed.length) throw new ReferralFileError(file, [{ line: 1, field: 'header', value: '', reason: `is empty; the first line must name the columns: ${REFERRAL_COLUMNS.join(',')}` }]);
  const header = parsed[0].record.map((h) => h.trim());
  checkColumns(header, file);
  return parsed.slice(1).map(({ record: cells, info }) => {
    const record: ReferralRecord = {};
    header.forEach((column, i) => {
      // Export quoted formula-like cells (CSV injection); the quote is not part of the value.
      record[column as ReferralColumn] = restoreCell(cells[i] ?? '');
    });
    const row: RawRow = { line: info.lines, record };
    if (cells.length !== header.length) {
      row.shapeProblem = { field: 'row', value: `${cells.length} cells`, reason: `has ${cells.length} cells but the header has ${header.length} columns (an unquoted comma?)` };
    }
    return row;
  });
}

function checkColumns(header: string[], file: string): void {
  const problems: FileProblem[] = [];
  const unknown = header.filter((h) => !isReferralColumn(h));
  const missing = REFERRAL_COLUMNS.filter((c) => !header.includes(c));
  const repeated = header.filter((h, i) => header.indexOf(h) !== i);
  if (unknown.length) problems.push({ line: 1, field: 'header', value: unknown.join(','), reason: `unknown column(s): ${unknown.join(', ')}` });
  if (missing.length) problems.push({ line: 1, field: 'header', value: missing.join(','), reason: `missing column(s): ${missing.join(', ')}` });
  if (repeated.length) problems.push({ line: 1, field: 'header', value: repeated.join(','), reason: `repeated column(s): ${repeated.join(', ')}` });
  if (problems.length) {
    problems.push({ line: 1, field: 'header', value: header.join(','), reason: `the columns must be exactly: ${REFERRAL_COLUMNS.join(',')} (in any order)` });
    throw new ReferralFileError(file, problems);
  }
}

function jsonRecords(text: string, file: string): RawRow[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new ReferralFileError(file, [{ line: 0, field: 'file', value: file, reason: `is not valid JSON (${(err as Error).message})` }]);
  }
  if (!Array.isArray(data)) throw new ReferralFileError(file, [{ line: 0, field: 'file', value: file, reason: 'must hold a JSON array of referrals' }]);
  return data.map((entry: unknown, i) => ({ line: i + 1, ...recordOfJson(entry) }));
}

/** A JSON entry (Referral field names, or the CSV column names) in text form. */
function recordOfJson(entry: unknown): Omit<RawRow, 'line'> {
  const record: ReferralRecord = {};
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
    return { record, shapeProblem: { field: 'entry', value: JSON.stringify(entry) ?? '', reason: 'is not a JSON object' } };
  }
  const unknown: string[] = [];
  for (const [key, value] of Object.entries(entry)) {
    // Referral field names (the JSON export's) or the CSV column names.
    const column = COLUMN_OF_KEY.get(key) ?? (isReferralColumn(key) ? key : undefined);
    if (!column) unknown.push(key);
    else record[column] = Array.isArray(value) ? value.map(String).join(LIST_SEPARATOR) : value === null || value === undefined ? '' : String(value);
  }
  if (!unknown.length) return { record };
  return { record, shapeProblem: { field: 'entry', value: unknown.join(', '), reason: `unknown field(s): ${unknown.join(', ')}` } };
}

export function writeReferralFile(referrals: Referral[], format: ReferralFileFormat): string {
  if (format === 'json') return `${JSON.stringify(referrals, null, 2)}\n`;
  // Cells a spreadsheet would run as formulas are written as text (numbers and E.164 phones stay as they are).
  const rows = referrals.map((referral) => Object.fromEntries(Object.entries(toRecord(referral)).map(([column, cell]) => [column, neutraliseCell(cell)])));
  return stringify(rows, { header: true, columns: [...REFERRAL_COLUMNS] });
}
