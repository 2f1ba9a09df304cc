/**
 * The content sheet: one row per fact and locale, `key,locale,text,sources,reviewed,reviewBy,mayBeOutdated`
 * (DESIGN.md; `;` separates several sources), as CSV or as an Excel workbook, so a reviewer or a
 * translator edits texts in a spreadsheet. Writing then reading a sheet gives back the same rows.
 * CSV cells that a spreadsheet would run as formulas are neutralised (bot/text/csvSafety.ts).
 */
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { neutraliseCell, restoreCell } from '../text/csvSafety';
import type { FactOverride } from './types';

export const CONTENT_COLUMNS = ['key', 'locale', 'text', 'sources', 'reviewed', 'reviewBy', 'mayBeOutdated'] as const;
export type ContentColumn = (typeof CONTENT_COLUMNS)[number];
export type SheetFormat = 'csv' | 'xlsx';
const SOURCE_SEPARATOR = ';';
const SHEET_NAME = 'content';

/** A row as read, with its line: the row number a spreadsheet shows (the header is 1), for CSV and xlsx alike. */
export interface SheetRow extends FactOverride {
  line: number;
}

/** A problem of one row (or of the whole sheet at line 1), with the key and locale to find it by. */
export interface SheetProblem {
  line: number;
  id?: string;
  field: string;
  value?: string;
  reason: string;
}

export interface SheetContents {
  rows: SheetRow[];
  problems: SheetProblem[];
}

/** Raised when the sheet cannot be read at all (not CSV/xlsx, wrong columns). */
export class ContentSheetError extends Error {
  constructor(readonly file: string, readonly problems: SheetProblem[]) {
    super(`${file}: ${problems.map((p) => p.reason).join('; ')}`);
    this.name = 'ContentSheetError';
  }
}

export function formatOfSheet(file: string): SheetFormat {
  return /\.xlsx$/i.test(file) ? 'xlsx' : 'csv';
}

function cellsOf(row: FactOverride): Record<ContentColumn, string> {
  return {
    key: row.key,
    locale: row.locale,
    text: row.text,
    sources: row.sources.join(SOURCE_SEPARATOR),
    reviewed: row.reviewed,
    reviewBy: row.reviewBy ?? '',
    mayBeOutdated: row.mayBeOutdated ? 'true' : 'false',
  };
}

export async function writeContentSheet(rows: readonly FactOverride[], format: SheetFormat): Promise<Buffer> {
  if (format === 'csv') {
    const records = rows.map((row) => CONTENT_COLUMNS.map((column) => neutraliseCell(cellsOf(row)[column])));
    return Buffer.from(stringify(records, { header: true, columns: [...CONTENT_COLUMNS] }), 'utf8');
  }
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(SHEET_NAME);
  sheet.columns = CONTENT_COLUMNS.map((column) => ({ header: column, key: column, width: column === 'text' ? 80 : column === 'sources' ? 50 : 16 }));
  // Strings stay strings in xlsx (never formulas), so cells need no neutralising there.
  for (const row of rows) sheet.addRow(cellsOf(row));
  sheet.getColumn('text').alignment = { wrapText: true, vertical: 'top' };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export async function readContentSheet(data: Buffer, format: SheetFormat, file: string): Promise<SheetContents> {
  const table = format === 'csv' ? csvTable(data, file) : await xlsxTable(data, file);
  const [header, ...records] = table;
  if (!header) throw new ContentSheetError(file, [{ line: 1, field: 'header', reason: `is empty; the first row must name the columns: ${CONTENT_COLUMNS.join(',')}` }]);
  const names = header.cells.map((h) => h.trim());
  checkColumns(names, file);
  const rows: SheetRow[] = [];
  const problems: SheetProblem[] = [];
  for (const { line, cells } of records) {
    if (cells.every((c) => c.trim() === '')) continue;
    const cell = (column: ContentColumn): string => cells[names.indexOf(column)] ?? '';
    const key = cell('key').trim();
    const locale = cell('locale').trim();
    const id = `${key} ${locale}`.trim();
    if (cells.length > names.length) problems.push({ line, id, field: 'row', value: `${cells.length} cells`, reason: `has ${cells.length} cells but the header has ${names.length} columns (an unquoted comma?)` });
    const flag = cell('mayBeOutdated').trim().toLowerCase();
    if (!['', 'true', 'false'].includes(flag)) problems.push({ line, id, field: 'mayBeOutdated', value: cell('mayBeOutdated'), reason: 'must be true or false' });
    const row: SheetRow = {
      line,
      key,
      locale,
      text: cell('text'),
      sources: cell('sources').split(SOURCE_SEPARATOR).map((s) => s.trim()).filter((s) => s !== ''),
      reviewed: cell('reviewed').trim(),
    };
    const reviewBy = cell('reviewBy').trim();
    if (reviewBy) row.reviewBy = reviewBy;
    if (flag === 'true') row.mayBeOutdated = true;
    rows.push(row);
  }
  return { rows, problems };
}

function checkColumns(header: string[], file: string): void {
  const unknown = header.filter((h) => !(CONTENT_COLUMNS as readonly string[]).includes(h));
  const missing = CONTENT_COLUMNS.filter((c) => !header.includes(c));
  const repeated = header.filter((h, i) => header.indexOf(h) !== i);
  const problems: SheetProblem[] = [];
  if (unknown.length) problems.push({ line: 1, field: 'header', value: unknown.join(','), reason: `unknown column(s): ${unknown.join(', ')}` });
  if (missing.length) problems.push({ line: 1, field: 'header', value: missing.join(','), reason: `missing column(s): ${missing.join(', ')}` });
  if (repeated.length) problems.push({ line: 1, field: 'header', value: repeated.join(','), reason: `repeated column(s): ${repeated.join(', ')}` });
  if (problems.length) {
    problems.push({ line: 1, field: 'header', reason: `the columns must be: ${CONTENT_COLUMNS.join(',')} (in any order)` });
    throw new ContentSheetError(file, problems);
  }
}

interface TableRow {
  line: number;
  cells: string[];
}

function csvTable(data: Buffer, file: string): TableRow[] {
  let parsed: { record: string[]; info: { lines: number } }[];
  try {
    parsed = parse(data.toString('utf8'), { bom: true, info: true, relax_column_count: true, skip_empty_lines: true }) as unknown as typeof parsed;
  } catch (err) {
    throw new ContentSheetError(file, [{ line: 0, field: 'file', reason: `is not readable as CSV (${(err as Error).message})` }]);
  }
  // Texts span several lines, so rows are numbered as a spreadsheet shows them (the header is row 1), as in xlsx.
  return parsed.map(({ record }, index) => ({ line: index + 1, cells: record.map(restoreCell) }));
}

async function xlsxTable(data: Buffer, file: string): Promise<TableRow[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(data as unknown as ArrayBuffer);
  } catch (err) {
    throw new ContentSheetError(file, [{ line: 0, field: 'file', reason: `is not readable as an Excel workbook (${(err as Error).message})` }]);
  }
  const sheet = workbook.getWorksheet(SHEET_NAME) ?? workbook.worksheets[0];
  if (!sheet) return [];
  const rows: TableRow[] = [];
  const width = Math.max(sheet.columnCount, CONTENT_COLUMNS.length);
  sheet.eachRow({ includeEmpty: false }, (row, line) => {
    rows.push({ line, cells: Array.from({ length: width }, (_, i) => cellText(row.getCell(i + 1).value)) });
  });
  // Trailing empty header cells (from a wider sheet) are not columns.
  if (rows[0]) while (rows[0].cells.length && rows[0].cells[rows[0].cells.length - 1] === '') rows[0].cells.pop();
  return rows;
}

/** A cell as text, whatever the spreadsheet made of it (a retyped date, a number, rich text). */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('text' in value && typeof value.text === 'string') return value.text; // hyperlink
  if ('formula' in value || 'sharedFormula' in value) return `=${'formula' in value ? value.formula : value.sharedFormula}`;
  return String(value);
}
