/**
 * Reading DANE's published DIVIPOLA file (or the project's own CSV) into the data the product ships.
 * Used by `pro geo refresh`: an admin downloads DANE's current list and the bot learns new or renamed
 * municipalities without a code change. Nothing is written unless the whole file is valid.
 */
import { parse } from 'csv-parse/sync';
import { DEPARTMENT_CODE, DEPARTMENT_COUNT, Department, DivipolaData, Municipality, MUNICIPALITY_CODE } from './divipola';
import { foldPlaceText } from './placeText';

/** One thing wrong with the file, precise enough to fix it in a spreadsheet. */
export interface DivipolaProblem {
  /** 1-based line in the file; absent for problems about the file as a whole. */
  line?: number;
  field: string;
  value: string;
  reason: string;
}

export class DivipolaFileError extends Error {
  constructor(readonly source: string, readonly problems: DivipolaProblem[]) {
    super(`${source}: ${problems.length} problem(s) in the DIVIPOLA file; nothing was changed`);
    this.name = 'DivipolaFileError';
  }
}

type Column = 'department_code' | 'department_name' | 'municipality_code' | 'municipality_name';

/**
 * Accepted header names per column, folded (see headerKey). The project's own names, DANE's geoportal
 * names ("Código Departamento", "COD_DPTO"…) and datos.gov.co's ("c_digo_dane_del_departamento"…).
 */
const HEADER_ALIASES: Record<Column, string[]> = {
  department_code: ['department_code', 'codigo_departamento', 'cod_dpto', 'cod_depto', 'dpto_ccdgo', 'codigo_dane_del_departamento', 'c_digo_dane_del_departamento', 'codigo_dane_departamento'],
  department_name: ['department_name', 'nombre_departamento', 'nom_dpto', 'nom_depto', 'dpto_cnmbr', 'departamento'],
  municipality_code: ['municipality_code', 'codigo_municipio', 'cod_mpio', 'mpio_cdpmp', 'codigo_dane_del_municipio', 'c_digo_dane_del_municipio', 'codigo_dane_municipio'],
  municipality_name: ['municipality_name', 'nombre_municipio', 'nom_mpio', 'mpio_cnmbr', 'municipio'],
};

function headerKey(header: string): string {
  return foldPlaceText(header).replace(/ /g, '_');
}

/** DANE files are often saved from Excel in Windows-1252; anything that is not valid UTF-8 is read as Latin-1. */
export function decodeText(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return bytes.toString('latin1');
  }
}

/** Spanish-locale exports separate with ";"; decide from the header line which one this file uses. */
function delimiterOf(text: string): string {
  const header = text.split(/\r?\n/, 1)[0] ?? '';
  return (header.match(/;/g)?.length ?? 0) > (header.match(/,/g)?.length ?? 0) ? ';' : ',';
}

const MINOR_WORDS = new Set(['de', 'del', 'la', 'las', 'los', 'el', 'y', 'e']);

/** DANE publishes names in capitals ("SAN JOSÉ DE CÚCUTA"); people should read "San José de Cúcuta". */
export function displayName(name: string): string {
  const trimmed = name.trim().replace(/\s+/g, ' ');
  if (trimmed !== trimmed.toUpperCase()) return trimmed; // already mixed case: keep DANE's or the admin's spelling
  return trimmed
    .toLowerCase()
    .split(' ')
    .map((word, i) => (i > 0 && MINOR_WORDS.has(word) ? word : word.replace(/(^|[.\-(])(\p{L})/gu, (_, sep: string, ch: string) => sep + ch.toUpperCase())))
    .join(' ');
}

/** Restores leading zeros a spreadsheet dropped ("5001" → "05001"); anything else non-numeric stays as is to be reported. */
function padCode(raw: string, length: number): { code: string; padded: boolean } {
  const trimmed = raw.trim();
  if (/^\d+$/.test(trimmed) && trimmed.length < length) return { code: trimmed.padStart(length, '0'), padded: true };
  return { code: trimmed, padded: false };
}

export interface ParsedDivipola {
  data: DivipolaData;
  /** Codes whose leading zeros were restored. */
  paddedCodes: number;
  /** Data rows read (centro-poblado files repeat a municipality on many rows). */
  rows: number;
}

/**
 * Parses and validates a DIVIPOLA CSV. Throws DivipolaFileError listing every problem
 * (unknown header, bad code, municipality outside its department, conflicting names, missing departments).
 */
export function parseDivipolaCsv(text: string, source: string, refreshedAt = new Date().toISOString().slice(0, 10)): ParsedDivipola {
  const problems: DivipolaProblem[] = [];
  let rows: string[][];
  try {
    rows = parse(text, { bom: true, delimiter: delimiterOf(text), skip_empty_lines: true, relax_column_count: true, trim: true }) as string[][];
  } catch (err) {
    throw new DivipolaFileError(source, [{ field: 'file', value: source, reason: `not readable as CSV (${(err as Error).message})` }]);
  }
  const header = rows[0] ?? [];
  const index = {} as Record<Column, number>;
  for (const column of Object.keys(HEADER_ALIASES) as Column[]) {
    const at = header.findIndex((h) => HEADER_ALIASES[column].includes(headerKey(h)));
    if (at < 0) {
      problems.push({ line: 1, field: column, value: header.join(','), reason: `no column for ${column} (accepted names: ${HEADER_ALIASES[column].join(', ')})` });
    }
    index[column] = at;
  }
  if (problems.length) throw new DivipolaFileError(source, problems);

  const departments = new Map<string, Department>();
  const municipalities = new Map<string, Municipality & { line: number }>();
  let paddedCodes = 0;
  rows.slice(1).forEach((row, i) => {
    const line = i + 2;
    const cell = (column: Column): string => (row[index[column]] ?? '').trim();
    const dept = padCode(cell('department_code'), 2);
    const muni = padCode(cell('municipality_code'), 5);
    const departmentName = displayName(cell('department_name'));
    const municipalityName = displayName(cell('municipality_name'));
    paddedCodes += Number(dept.padded) + Number(muni.padded);
    const before = problems.length;
    if (!DEPARTMENT_CODE.test(dept.code)) problems.push({ line, field: 'department_code', value: dept.code, reason: 'is not a two-digit DIVIPOLA department code' });
    if (!MUNICIPALITY_CODE.test(muni.code)) problems.push({ line, field: 'municipality_code', value: muni.code, reason: 'is not a five-digit DIVIPOLA municipality code' });
    else if (!muni.code.startsWith(dept.code)) problems.push({ line, field: 'municipality_code', value: muni.code, reason: `does not belong to department ${dept.code} (a municipality code starts with its department's code)` });
    if (!departmentName) problems.push({ line, field: 'department_name', value: '', reason: 'is empty' });
    if (!municipalityName) problems.push({ line, field: 'municipality_name', value: '', reason: 'is empty' });
    if (problems.length > before) return;

    const knownDept = departments.get(dept.code);
    if (!knownDept) departments.set(dept.code, { code: dept.code, name: departmentName });
    else if (knownDept.name !== departmentName) {
      problems.push({ line, field: 'department_name', value: departmentName, reason: `department ${dept.code} is called "${knownDept.name}" on an earlier line` });
    }
    const knownMuni = municipalities.get(muni.code);
    if (!knownMuni) municipalities.set(muni.code, { code: muni.code, name: municipalityName, departmentCode: dept.code, line });
    else if (knownMuni.name !== municipalityName) {
      problems.push({ line, field: 'municipality_name', value: municipalityName, reason: `municipality ${muni.code} is called "${knownMuni.name}" on line ${knownMuni.line}` });
    }
  });
  if (!problems.length && departments.size !== DEPARTMENT_COUNT) {
    problems.push({ field: 'department_code', value: String(departments.size), reason: `the file lists ${departments.size} departments; DIVIPOLA has ${DEPARTMENT_COUNT} (is this the whole file?)` });
  }
  if (problems.length) throw new DivipolaFileError(source, problems);

  const byCode = <T extends { code: string }>(a: T, b: T): number => a.code.localeCompare(b.code);
  return {
    data: {
      source,
      refreshedAt,
      departments: [...departments.values()].sort(byCode),
      municipalities: [...municipalities.values()].map(({ code, name, departmentCode }) => ({ code, name, departmentCode })).sort(byCode),
    },
    paddedCodes,
    rows: rows.length - 1,
  };
}

export interface DivipolaChanges {
  added: Municipality[];
  removed: Municipality[];
  renamed: { code: string; from: string; to: string }[];
  renamedDepartments: { code: string; from: string; to: string }[];
}

/** What a refresh changes, so the admin sees it before (with --dry-run) or after writing. */
export function diffDivipola(before: DivipolaData, after: DivipolaData): DivipolaChanges {
  const old = new Map(before.municipalities.map((m) => [m.code, m]));
  const next = new Map(after.municipalities.map((m) => [m.code, m]));
  const oldDepts = new Map(before.departments.map((d) => [d.code, d]));
  return {
    added: after.municipalities.filter((m) => !old.has(m.code)),
    removed: before.municipalities.filter((m) => !next.has(m.code)),
    renamed: after.municipalities
      .filter((m) => old.has(m.code) && old.get(m.code)?.name !== m.name)
      .map((m) => ({ code: m.code, from: old.get(m.code)?.name ?? '', to: m.name })),
    renamedDepartments: after.departments
      .filter((d) => oldDepts.has(d.code) && oldDepts.get(d.code)?.name !== d.name)
      .map((d) => ({ code: d.code, from: oldDepts.get(d.code)?.name ?? '', to: d.name })),
  };
}

/** One entry per line, so a refresh reads as a small diff in review. */
export function formatDivipolaJson(data: DivipolaData): string {
  const lines = (items: unknown[]): string => items.map((item) => `    ${JSON.stringify(item)}`).join(',\n');
  return [
    '{',
    `  "source": ${JSON.stringify(data.source)},`,
    `  "refreshedAt": ${JSON.stringify(data.refreshedAt)},`,
    '  "departments": [',
    lines(data.departments),
    '  ],',
    '  "municipalities": [',
    lines(data.municipalities),
    '  ]',
    '}',
    '',
  ].join('\n');
}
