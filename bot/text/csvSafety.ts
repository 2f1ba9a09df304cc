/**
 * CSV injection guard shared by every export: a spreadsheet runs a cell that begins with `=`, `+`,
 * `-`, `@`, a tab or a carriage return as a formula, so such cells are written with a leading `'`
 * (which spreadsheets show as "text"), and import takes the `'` off again so export → import is
 * lossless.
 *
 * Left as they are, because a spreadsheet reads them as plain values, never as code: numbers
 * (`-72.5078`, `+4.6`) and E.164 phone numbers, alone or as a `;` list (`+576075755555;+573001234567`).
 *
 * @example
 * neutraliseCell('=HYPERLINK("http://x")') // "'=HYPERLINK(\"http://x\")"
 * restoreCell(neutraliseCell(value)) === value // for every string
 */

/** A cell a spreadsheet would evaluate. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** A cell that is, or was made, text by one or more leading `'` before a formula start: restoring drops exactly one. */
const QUOTED_FORMULA_START = /^'+[=+\-@\t\r]/;

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const E164_LIST = /^\+[1-9]\d{1,14}(?:;\+[1-9]\d{1,14})*$/;

/** True when a spreadsheet could read the cell as a formula (numbers and E.164 phones included). */
export function startsLikeFormula(value: string): boolean {
  return FORMULA_START.test(value);
}

function isSafeValue(value: string): boolean {
  return NUMBER.test(value) || E164_LIST.test(value);
}

/** The cell as it should be written to a CSV file. */
export function neutraliseCell(value: string): string {
  if (startsLikeFormula(value) && !isSafeValue(value)) return `'${value}`;
  // A value that already looks quoted gets one more `'`, so restoreCell can tell the two apart.
  if (QUOTED_FORMULA_START.test(value)) return `'${value}`;
  return value;
}

/** The value a CSV cell written by neutraliseCell stands for. */
export function restoreCell(cell: string): string {
  return QUOTED_FORMULA_START.test(cell) ? cell.slice(1) : cell;
}
