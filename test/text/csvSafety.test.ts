import { neutraliseCell, restoreCell, startsLikeFormula } from '../../bot/text/csvSafety';

describe('CSV cells a spreadsheet would run as formulas', () => {
  it.each(['=1+1', '+57 305 7341182', '-2', '@SUM(A1)', '\tx', '\rx'])('"%s" gets a leading quote on export', (cell) => {
    expect(startsLikeFormula(cell)).toBe(true);
    expect(neutraliseCell(cell)).toBe(`'${cell}`);
  });

  it.each(['Hola', '📞 *01 8000 180588*', '', ' =not first', 'a=b'])('"%s" is written as it is', (cell) => {
    expect(neutraliseCell(cell)).toBe(cell);
  });

  it.each(['=1+1', "'=1+1", "'", "''", "'hola", 'hola', '-', "'-x", '=', ''])('"%s" survives export → import unchanged', (cell) => {
    expect(restoreCell(neutraliseCell(cell))).toBe(cell);
  });

  it('a quote a person typed before ordinary text is kept', () => {
    expect(restoreCell("'hola")).toBe("'hola");
  });
});
