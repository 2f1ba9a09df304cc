import { neutraliseCell, restoreCell, startsLikeFormula } from '../../bot/text/csvSafety';

describe('neutraliseCell / restoreCell', () => {
  it.each([
    ['=HYPERLINK("http://evil.example","clic")', `'=HYPERLINK("http://evil.example","clic")`],
    ['+cmd|\' /C calc\'!A0', `'+cmd|' /C calc'!A0`],
    ['-2+3', "'-2+3"],
    ['@SUM(A1:A2)', "'@SUM(A1:A2)"],
    ['\t=1', "'\t=1"],
    ['\r=1', "'\r=1"],
    ['+57 607 5755555', "'+57 607 5755555"],
    // Already quoted by someone: one more quote keeps it apart from what export quoted.
    ["'=1", "''=1"],
  ])('makes %j text in a spreadsheet', (value, cell) => {
    expect(neutraliseCell(value)).toBe(cell);
    expect(startsLikeFormula(value) || value.startsWith("'")).toBe(true);
    expect(restoreCell(neutraliseCell(value))).toBe(value);
  });

  it.each(['-72.5078', '7.8939', '+4.6', '-1e-3', '+576075755555', '+576075755555;+573001234567', 'Casa del migrante', "'hola'", '', '155', 'a=b'])(
    'leaves %j as it is',
    (value) => {
      expect(neutraliseCell(value)).toBe(value);
      expect(restoreCell(value)).toBe(value);
    },
  );

  it.each(['=1+1', "'=1+1", "'", "''", "'hola", 'hola', '-', "'-x", '=', '', ' =not first', '📞 *01 8000 180588*'])('%j survives export → import unchanged', (value) => {
    expect(restoreCell(neutraliseCell(value))).toBe(value);
  });

  it('is lossless for every prefix of quotes and formula characters', () => {
    const pieces = ["'", '=', '+', '-', '@', '\t', '\r', '1', 'a', ' ', ';'];
    const values: string[] = [''];
    for (let length = 1; length <= 4; length++) {
      for (const value of values.filter((v) => v.length === length - 1)) values.push(...pieces.map((p) => value + p));
    }
    for (const value of values) {
      const cell = neutraliseCell(value);
      expect(restoreCell(cell)).toBe(value);
      if (!/^[+-]?\d+$/.test(value)) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    }
  });
});
