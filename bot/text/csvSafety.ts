/**
 * CSV cells that a spreadsheet would run as a formula ("CSV injection"): a cell beginning with
 * `=`, `+`, `-`, `@`, a tab or a carriage return. On export such a cell gets a leading `'`, which
 * spreadsheets show as plain text; on import that `'` is taken off again, so export → import is lossless.
 * A cell that itself begins with `'` is quoted the same way, or a real leading `'` would be lost.
 *
 * @example
 * neutraliseCell('=HYPERLINK("x")') // "'=HYPERLINK(\"x\")"
 * restoreCell(neutraliseCell(text)) === text // for every text
 */

const FORMULA_START = /^[=+\-@\t\r]/;

/** True when a spreadsheet could read the cell as a formula. */
export function startsLikeFormula(value: string): boolean {
  return FORMULA_START.test(value);
}

/** The cell as written to a CSV file. */
export function neutraliseCell(value: string): string {
  return startsLikeFormula(value) || value.startsWith("'") ? `'${value}` : value;
}

/** The cell as read back from a CSV file: the inverse of neutraliseCell. */
export function restoreCell(value: string): string {
  return value.startsWith("'") && (startsLikeFormula(value.slice(1)) || value.startsWith("''")) ? value.slice(1) : value;
}
