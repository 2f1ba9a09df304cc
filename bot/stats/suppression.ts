/**
 * Small-cell suppression for every statistics report and export: a count below 5 is shown as "<5",
 * below 10 as "<10" for protection, gender violence, trafficking and emergency counts, so nobody can
 * be singled out of a small number. Complementary suppression then hides more cells ("x") until no
 * row or column of the table, totals included, has exactly one hidden cell: with a single hidden
 * cell, the total minus the cells shown would give it away. Zeros are shown (they single out nobody).
 *
 * The table is months (rows) × values (columns) with a total for each row and column and a grand
 * total, all protected together, so the per-month export and the range report are consistent.
 *
 * @example
 * const t = suppressTable([[12, 3, 40]], () => 5);
 * t.cells[0]   // ["x", "<5", 40]: 3 is small, and 12 is hidden with it, or 55 - 12 - 40 would give the 3
 * t.total      // 55
 */

/** A count as reports show it. */
export type ShownCount = number | '<5' | '<10' | 'x';

/** The threshold of a cell: 5, or 10 for a sensitive one. */
export type Threshold = 5 | 10;

/** -1 stands for the totals row or column. */
export const TOTAL = -1;

export interface SuppressedTable {
  /** rows × columns. */
  cells: ShownCount[][];
  /** The total of each row. */
  rowTotals: ShownCount[];
  /** The total of each column. */
  columnTotals: ShownCount[];
  total: ShownCount;
}

type State = 'shown' | 'small' | 'complementary';

/**
 * `values` is rows × columns (every row as long); `threshold(row, column)` gives each cell's
 * threshold, with TOTAL for the totals row or column.
 */
export function suppressTable(values: number[][], threshold: (row: number, column: number) => Threshold): SuppressedTable {
  const rows = values.length;
  const columns = rows ? values[0].length : 0;
  // The full grid with its margins: index `rows` is the totals row, `columns` the totals column.
  const grid: number[][] = values.map((row) => [...row, row.reduce((a, b) => a + b, 0)]);
  grid.push(Array.from({ length: columns + 1 }, (_, c) => grid.reduce((sum, row) => sum + row[c], 0)));
  const limit = (r: number, c: number): Threshold => threshold(r === rows ? TOTAL : r, c === columns ? TOTAL : c);
  const state: State[][] = grid.map((row, r) => row.map((n, c) => (n > 0 && n < limit(r, c) ? 'small' : 'shown')));

  // Each line is a sum constraint: its cells add up to its margin.
  const lines: [number, number][][] = [
    ...grid.map((row, r) => row.map((_, c) => [r, c] as [number, number])),
    ...Array.from({ length: columns + 1 }, (_, c) => grid.map((_, r) => [r, c] as [number, number])),
  ];
  for (let changed = true; changed; ) {
    changed = false;
    for (const line of lines) {
      if (line.length < 2 || line.filter(([r, c]) => state[r][c] !== 'shown').length !== 1) continue;
      const partner = complementOf(line, grid, state, rows, columns);
      if (!partner) continue;
      state[partner[0]][partner[1]] = 'complementary';
      changed = true;
    }
  }

  const shown = (r: number, c: number): ShownCount => {
    if (state[r][c] === 'small') return limit(r, c) === 10 ? '<10' : '<5';
    if (state[r][c] === 'complementary') return 'x';
    return grid[r][c];
  };
  return {
    cells: values.map((row, r) => row.map((_, c) => shown(r, c))),
    rowTotals: values.map((_, r) => shown(r, columns)),
    columnTotals: Array.from({ length: columns }, (_, c) => shown(rows, c)),
    total: shown(rows, columns),
  };
}

/**
 * The cell to hide with a line's only hidden cell: the smallest non-zero inner cell shown, else the
 * smallest non-zero margin shown (hiding the least information), else a zero.
 */
function complementOf(line: [number, number][], grid: number[][], state: State[][], rows: number, columns: number): [number, number] | undefined {
  const candidates = line.filter(([r, c]) => state[r][c] === 'shown');
  const isMargin = ([r, c]: [number, number]): boolean => r === rows || c === columns;
  const rank = (cell: [number, number]): [number, number] => [grid[cell[0]][cell[1]] === 0 ? 2 : isMargin(cell) ? 1 : 0, grid[cell[0]][cell[1]]];
  return candidates.sort((a, b) => {
    const [ga, na] = rank(a);
    const [gb, nb] = rank(b);
    return ga - gb || na - nb;
  })[0];
}
