import { DivipolaData, DivipolaFileError, diffDivipola, decodeText, displayName, GeoDirectory, parseDivipolaCsv } from '../../bot/geo';

const shipped = GeoDirectory.shipped().data;

/** The shipped data written back as a CSV with the given header and name style. */
function csvOf(data: DivipolaData, options: { header?: string; separator?: string; upper?: boolean; dropZeros?: boolean } = {}): string {
  const sep = options.separator ?? ',';
  const header = options.header ?? ['department_code', 'department_name', 'municipality_code', 'municipality_name'].join(sep);
  const names = new Map(data.departments.map((d) => [d.code, d.name]));
  const cell = (v: string): string => (v.includes(sep) || v.includes('"') ? `"${v.replace(/"/g, '""')}"` : v);
  const rows = data.municipalities.map((m) => {
    const name = (n: string): string => (options.upper ? n.toUpperCase() : n);
    const code = (c: string): string => (options.dropZeros ? String(Number(c)) : c);
    return [code(m.departmentCode), name(names.get(m.departmentCode) ?? ''), code(m.code), name(m.name)].map(cell).join(sep);
  });
  return [header, ...rows].join('\n');
}

function problemsOf(fn: () => unknown): DivipolaFileError['problems'] {
  try {
    fn();
  } catch (err) {
    if (err instanceof DivipolaFileError) return err.problems;
    throw err;
  }
  throw new Error('expected a DivipolaFileError');
}

describe('parseDivipolaCsv', () => {
  it('reads the project CSV back into exactly the shipped data', () => {
    const parsed = parseDivipolaCsv(csvOf(shipped), 'divipola.csv', '2025-01-01');
    expect(parsed.data.departments).toEqual(shipped.departments);
    expect(parsed.data.municipalities).toEqual(shipped.municipalities);
    expect(parsed.data).toMatchObject({ source: 'divipola.csv', refreshedAt: '2025-01-01' });
    expect(parsed.paddedCodes).toBe(0);
  });

  it("reads DANE's layout: Spanish headers, \";\", capitals, Latin-1, codes that lost their leading zeros", () => {
    const text = csvOf(shipped, {
      header: 'Código Departamento;Nombre Departamento;Código Municipio;Nombre Municipio',
      separator: ';',
      upper: true,
      dropZeros: true,
    });
    const parsed = parseDivipolaCsv(decodeText(Buffer.from(text, 'latin1')), 'DIVIPOLA_Municipios.csv');
    expect(parsed.data.municipalities).toHaveLength(shipped.municipalities.length);
    const medellin = parsed.data.municipalities.find((m) => m.code === '05001');
    expect(medellin).toEqual({ code: '05001', name: 'Medellín', departmentCode: '05' });
    expect(parsed.data.municipalities.find((m) => m.code === '54874')?.name).toBe('Villa del Rosario');
    expect(parsed.paddedCodes).toBeGreaterThan(100);
  });

  it('accepts the datos.gov.co column names and rows repeated per populated centre', () => {
    const header = 'c_digo_dane_del_departamento,departamento,c_digo_dane_del_municipio,municipio,centro_poblado';
    const lines = csvOf(shipped).split('\n').slice(1);
    const text = [header, ...lines.flatMap((l) => [`${l},A`, `${l},B`])].join('\n');
    expect(parseDivipolaCsv(text, 'datos.csv').data.municipalities).toHaveLength(1123);
  });

  it('names every problem with its line and refuses the file', () => {
    const lines = csvOf(shipped).split('\n');
    lines[2] = '05,Antioquia,08002,Abejorral'; // municipality code of another department
    lines[3] = '05,Antioquia,05004,'; // no name
    lines[4] = '05,Antioquía,05021,Alejandría'; // department named differently
    lines[5] = '05,Antioquia,0500X,Amagá';
    const problems = problemsOf(() => parseDivipolaCsv(lines.join('\n'), 'bad.csv'));
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ line: 3, field: 'municipality_code', value: '08002', reason: expect.stringContaining('does not belong to department 05') }),
        expect.objectContaining({ line: 4, field: 'municipality_name', reason: 'is empty' }),
        expect.objectContaining({ line: 5, field: 'department_name', value: 'Antioquía' }),
        expect.objectContaining({ line: 6, field: 'municipality_code', value: '0500X' }),
      ]),
    );
  });

  it('refuses a file without the needed columns, naming them', () => {
    const problems = problemsOf(() => parseDivipolaCsv('dept,name\n05,Antioquia\n', 'x.csv'));
    expect(problems.map((p) => p.field)).toEqual(['department_code', 'department_name', 'municipality_code', 'municipality_name']);
  });

  it('refuses a partial file (not all 33 departments)', () => {
    const partial = csvOf(shipped).split('\n').filter((l, i) => i === 0 || l.startsWith('05,'));
    const problems = problemsOf(() => parseDivipolaCsv(partial.join('\n'), 'antioquia.csv'));
    expect(problems).toEqual([expect.objectContaining({ reason: expect.stringContaining('lists 1 departments; DIVIPOLA has 33') })]);
  });
});

describe('diffDivipola', () => {
  it('lists added, removed and renamed entries', () => {
    const after: DivipolaData = {
      ...shipped,
      departments: shipped.departments.map((d) => (d.code === '54' ? { ...d, name: 'Norte de Santander (N)' } : d)),
      municipalities: [
        ...shipped.municipalities.filter((m) => m.code !== '27086').map((m) => (m.code === '54001' ? { ...m, name: 'San José de Cúcuta' } : m)),
        { code: '27999', name: 'Nuevo', departmentCode: '27' },
      ],
    };
    const changes = diffDivipola(shipped, after);
    expect(changes.added.map((m) => m.code)).toEqual(['27999']);
    expect(changes.removed.map((m) => m.code)).toEqual(['27086']);
    expect(changes.renamed).toEqual([{ code: '54001', from: 'Cúcuta', to: 'San José de Cúcuta' }]);
    expect(changes.renamedDepartments).toEqual([{ code: '54', from: 'Norte de Santander', to: 'Norte de Santander (N)' }]);
  });
});

describe('displayName', () => {
  it.each([
    ['SAN JOSÉ DE CÚCUTA', 'San José de Cúcuta'],
    ['BOGOTÁ, D.C.', 'Bogotá, D.C.'],
    ['EL CARMEN DE VIBORAL', 'El Carmen de Viboral'],
    ['Villa del Rosario', 'Villa del Rosario'],
  ])('%s → %s', (raw, expected) => {
    expect(displayName(raw)).toBe(expected);
  });
});
