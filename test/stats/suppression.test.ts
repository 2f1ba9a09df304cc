/**
 * Small-cell suppression on crafted tables: small cells hidden with the right marker, and
 * complementary suppression so that no hidden cell can be worked out from any row or column total.
 */
import { type ShownCount, suppressTable } from '../../bot/stats/suppression';

const five = (): 5 => 5;

/** Whether some hidden cell of a line (cells + its total) is the only hidden one, i.e. derivable. */
function derivableLines(t: ReturnType<typeof suppressTable>): string[] {
  const hidden = (v: ShownCount): boolean => typeof v !== 'number';
  const found: string[] = [];
  t.cells.forEach((row, r) => {
    if ([...row, t.rowTotals[r]].filter(hidden).length === 1) found.push(`row ${r}`);
  });
  t.columnTotals.forEach((total, c) => {
    if ([...t.cells.map((row) => row[c]), total].filter(hidden).length === 1) found.push(`column ${c}`);
  });
  if ([...t.columnTotals, t.total].filter(hidden).length === 1) found.push('totals row');
  if ([...t.rowTotals, t.total].filter(hidden).length === 1) found.push('totals column');
  return found;
}

describe('suppressTable', () => {
  it('shows cells of 5 or more and zeros, and hides 1 to 4 as "<5"', () => {
    const t = suppressTable([[5, 0, 12]], five);
    expect(t.cells).toEqual([[5, 0, 12]]);
    expect(t.total).toBe(17);
  });

  it('hides a second cell of the row, so the total cannot give the small one away', () => {
    const t = suppressTable([[12, 3, 40]], five);
    expect(t.cells[0]).toEqual(['x', '<5', 40]);
    expect(t.total).toBe(55);
    expect(t.columnTotals).toEqual(['x', '<5', 40]);
    expect(derivableLines(t)).toEqual([]);
  });

  it('uses 10 for sensitive cells ("<10"), and 5 elsewhere', () => {
    const t = suppressTable([[7, 8, 30]], (_, c) => (c === 0 ? 10 : 5));
    // 7 protection attentions are hidden as "<10"; 8 is shown, but must be hidden with it (row total 45).
    expect(t.cells[0]).toEqual(['<10', 'x', 30]);
    expect(t.total).toBe(45);
    expect(derivableLines(t)).toEqual([]);
  });

  it('leaves no row or column of a months × values table with exactly one hidden cell', () => {
    const values = [
      [20, 3, 15, 9],
      [18, 11, 2, 30],
      [25, 14, 16, 1],
    ];
    const t = suppressTable(values, five);
    expect(t.cells[0][1]).toBe('<5');
    expect(t.cells[1][2]).toBe('<5');
    expect(t.cells[2][3]).toBe('<5');
    expect(derivableLines(t)).toEqual([]);
    // Whatever is shown is the true count.
    t.cells.forEach((row, r) => row.forEach((v, c) => typeof v === 'number' && expect(v).toBe(values[r][c])));
  });

  it('hides a small total too, with the cells that make it', () => {
    const t = suppressTable(
      [
        [2, 1],
        [30, 40],
      ],
      five,
    );
    expect(t.rowTotals[0]).toBe('<5');
    expect(t.cells[0]).toEqual(['<5', '<5']);
    expect(derivableLines(t)).toEqual([]);
  });

  it('marks a sensitive total "<10" when every column is sensitive', () => {
    const t = suppressTable([[3, 4]], () => 10);
    expect(t.cells[0]).toEqual(['<10', '<10']);
    expect(t.total).toBe('<10');
  });

  it('handles an empty table', () => {
    expect(suppressTable([], five)).toEqual({ cells: [], rowTotals: [], columnTotals: [], total: 0 });
  });
});
