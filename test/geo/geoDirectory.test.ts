import { GeoDirectory, PlaceResolution } from '../../bot/geo';

const geo = GeoDirectory.shipped();

function codeOf(result: PlaceResolution): string | undefined {
  if (result.kind === 'municipality') return result.municipality.code;
  if (result.kind === 'department') return result.department.code;
  return undefined;
}

describe('shipped DIVIPOLA data', () => {
  it('has the 33 departments (32 plus Bogotá D.C.) and the 1,123 municipalities of the shipped edition', () => {
    expect(geo.departments()).toHaveLength(33);
    expect(geo.municipalities()).toHaveLength(1123);
  });

  it('keeps codes as strings with their leading zeros, each municipality inside its department', () => {
    for (const d of geo.departments()) expect(d.code).toMatch(/^\d{2}$/);
    for (const m of geo.municipalities()) {
      expect(m.code).toMatch(/^\d{5}$/);
      expect(m.code.startsWith(m.departmentCode)).toBe(true);
      expect(geo.department(m.departmentCode)).toBeDefined();
    }
    expect(geo.municipality('05001')?.name).toBe('Medellín');
    expect(geo.municipality('5001')).toBeUndefined();
  });

  it('names codes for people', () => {
    expect(geo.municipalityName('76001')).toBe('Cali');
    expect(geo.departmentName('54')).toBe('Norte de Santander');
    expect(geo.describe('52399')).toBe('La Unión (Nariño)');
    expect(geo.describe('52')).toBe('Nariño');
    expect(geo.describe('99999')).toBeUndefined();
    expect(geo.municipalities('88').map((m) => m.code)).toEqual(['88001', '88564']);
  });
});

describe('resolvePlace', () => {
  it.each([
    ['cucuta', '54001'],
    ['Cúcuta', '54001'],
    ['CÚCUTA.', '54001'],
    ['San José de Cúcuta', '54001'],
    ['villa del rosario', '54874'],
    ['bogota', '11001'],
    ['Bogotá D.C.', '11001'],
    ['bogota dc', '11001'],
    ['maicao', '44430'],
    ['medellin', '05001'],
    ['barranquilla', '08001'],
    ['cali', '76001'],
    ['Santiago de Cali', '76001'],
    ['cartagena', '13001'],
    ['cartagena del chaira', '18150'],
    ['tumaco', '52835'],
    ['arauca', '81001'],
    ['en cucuta', '54001'],
    ['Cali, Colombia', '76001'],
  ])('"%s" is the municipality %s', (text, code) => {
    const result = geo.resolvePlace(text);
    expect(result.kind).toBe('municipality');
    expect(codeOf(result)).toBe(code);
  });

  it.each([
    ['medelin', '05001'],
    ['cucta', '54001'],
    ['barranquila', '08001'],
    ['bogta', '11001'],
    ['villa del rosaro', '54874'],
    ['puerto boyca', '15572'],
  ])('forgives the typo "%s" (→ %s) and says it was not exact', (text, code) => {
    const result = geo.resolvePlace(text);
    expect(result).toMatchObject({ kind: 'municipality', exact: false });
    expect(codeOf(result)).toBe(code);
  });

  it.each([
    ['la union', ['05400', '52399', '70400', '76400']],
    ['La Unión', ['05400', '52399', '70400', '76400']],
    ['mosquera', ['25473', '52473']],
    ['san pedro', ['70717', '76670']],
  ])('"%s" is ambiguous: it returns the candidates with their departments', (text, codes) => {
    const result = geo.resolvePlace(text);
    expect(result.kind).toBe('ambiguous');
    if (result.kind !== 'ambiguous') return;
    expect(result.candidates.map((c) => c.municipality.code)).toEqual(codes);
    for (const c of result.candidates) expect(c.department.code).toBe(c.municipality.departmentCode);
  });

  it.each([
    ['la union narino', '52399'],
    ['La Unión, Nariño', '52399'],
    ['la union (valle)', '76400'],
    ['la union de sucre', '70400'],
    ['Nariño la unión', '52399'],
    ['mosquera cundinamarca', '25473'],
    ['Mosquera en Nariño', '52473'],
    ['cucuta norte de santander', '54001'],
    ['la unon narino', '52399'],
  ])('"%s" names the department too, which settles it (→ %s)', (text, code) => {
    const result = geo.resolvePlace(text);
    expect(result.kind).toBe('municipality');
    expect(codeOf(result)).toBe(code);
  });

  it.each([
    ['narino', '52'],
    ['Nariño', '52'],
    ['valle', '76'],
    ['Valle del Cauca', '76'],
    ['norte de santander', '54'],
    ['la guajira', '44'],
    ['guajira', '44'],
    ['cordoba', '23'],
    ['boyaca', '15'],
    ['antioqia', '05'],
  ])('"%s" is the department %s', (text, code) => {
    const result = geo.resolvePlace(text);
    expect(result.kind).toBe('department');
    expect(codeOf(result)).toBe(code);
  });

  it.each(['', '   ', 'xyz', 'springfield', 'en'])('"%s" is nothing it knows', (text) => {
    expect(geo.resolvePlace(text)).toEqual({ kind: 'none' });
  });
});
