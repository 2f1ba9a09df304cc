/** The directory's queries, built without Cosmos: which partition they read, what they filter, and in what order lists come. */
import { byPlaceThenName, existingIdsQuery, listQuery, NATIONAL_PARTITION, partitionProbeQuery, SMALL_IMPORT, StoredReferral } from '../../bot/referrals';
import { nationalLine, referral } from './referralFixtures';

const parameters = (q: { parameters: { name: string; value: unknown }[] }) => Object.fromEntries(q.parameters.map((p) => [p.name, p.value]));

describe('listQuery', () => {
  it('lists active entries of the whole directory when nothing is filtered, reading every partition', () => {
    expect(listQuery({})).toEqual({ query: 'SELECT * FROM c WHERE c.active = true', parameters: [] });
    expect(listQuery({ includeInactive: true })).toEqual({ query: 'SELECT * FROM c', parameters: [] });
  });

  it('a municipality reads its department partition only (the first two digits of the code)', () => {
    const q = listQuery({ municipalityCode: '54001' });
    expect(q.partitionKey).toBe('54');
    expect(q.query).toBe('SELECT * FROM c WHERE c.partitionKey = @department AND c.municipalityCode = @municipality AND c.active = true');
    expect(parameters(q)).toEqual({ '@department': '54', '@municipality': '54001' });
  });

  it('with national lines: both partitions, the municipality or a national line, and no single-partition routing', () => {
    const q = listQuery({ municipalityCode: '05001', includeNational: true, service: 'legal' });
    expect(q.partitionKey).toBeUndefined();
    expect(q.query).toBe(
      'SELECT * FROM c WHERE c.partitionKey IN (@department, @national) AND (c.municipalityCode = @municipality OR c.partitionKey = @national) AND c.active = true AND ARRAY_CONTAINS(c.services, @service)',
    );
    expect(parameters(q)).toEqual({ '@department': '05', '@national': NATIONAL_PARTITION, '@municipality': '05001', '@service': 'legal' });
  });

  it('national lines only read the national partition, whatever department is given', () => {
    const q = listQuery({ nationalOnly: true, departmentCode: '54' });
    expect(q).toEqual({ query: 'SELECT * FROM c WHERE c.partitionKey = @national AND c.active = true', parameters: [{ name: '@national', value: NATIONAL_PARTITION }], partitionKey: NATIONAL_PARTITION });
  });

  it('searches the folded text (accents and case do not matter) and never puts what was typed into the SQL', () => {
    const q = listQuery({ search: "  Cúcuta O'Brien  " });
    expect(q.query).toBe('SELECT * FROM c WHERE c.active = true AND CONTAINS(c.searchText, @search)');
    expect(parameters(q)['@search']).toBe('cucuta o brien');
    expect(q.query).not.toMatch(/brien/i);
    expect(listQuery({ search: '   ' }).query).toBe('SELECT * FROM c WHERE c.active = true');
  });

  it('keeps entries inside a box by their coordinates', () => {
    const q = listQuery({ departmentCode: '54', within: { minLatitude: 7.8, maxLatitude: 8, minLongitude: -72.6, maxLongitude: -72.4 } });
    expect(q.query).toBe(
      'SELECT * FROM c WHERE c.partitionKey = @department AND c.active = true AND c.latitude >= @minLatitude AND c.latitude <= @maxLatitude AND c.longitude >= @minLongitude AND c.longitude <= @maxLongitude',
    );
    expect(parameters(q)).toEqual({ '@department': '54', '@minLatitude': 7.8, '@maxLatitude': 8, '@minLongitude': -72.6, '@maxLongitude': -72.4 });
  });
});

describe('import and probe queries', () => {
  it('a small import looks its ids up; a large one reads the directory once', () => {
    const ids = ['a', 'b'];
    expect(existingIdsQuery(ids)).toEqual({ query: 'SELECT * FROM c WHERE ARRAY_CONTAINS(@ids, c.id)', parameters: [{ name: '@ids', value: ids }] });
    const many = Array.from({ length: SMALL_IMPORT + 1 }, (_, i) => `r${i}`);
    expect(existingIdsQuery(many)).toEqual({ query: 'SELECT * FROM c', parameters: [] });
    expect(existingIdsQuery(many.slice(0, SMALL_IMPORT)).parameters).toHaveLength(1);
  });

  it('asks a partition for one entry only', () => {
    expect(partitionProbeQuery('05')).toEqual({ query: 'SELECT TOP 1 c.id FROM c WHERE c.partitionKey = @partitionKey', parameters: [{ name: '@partitionKey', value: '05' }], partitionKey: '05' });
  });
});

describe('byPlaceThenName', () => {
  const stored = (r: ReturnType<typeof referral>): StoredReferral => ({ referral: r, etag: '', updatedAt: '', updatedBy: '' });

  it('puts national lines first, then department, municipality and name in Spanish order', () => {
    const list = [
      referral({ id: 'm2', name: 'Ñandú', departmentCode: '54', municipalityCode: '54001' }),
      referral({ id: 'm1', name: 'Nube', departmentCode: '54', municipalityCode: '54001' }),
      referral({ id: 'm0', name: 'Ángel', departmentCode: '54', municipalityCode: '54001' }),
      referral({ id: 'x', name: 'Zeta', departmentCode: '05', municipalityCode: '05001' }),
      nationalLine('n', { name: 'Línea' }),
    ].map(stored);
    expect(list.sort(byPlaceThenName).map((s) => s.referral.id)).toEqual(['n', 'x', 'm0', 'm1', 'm2']);
  });

  it('breaks a tie of name and place by id, so listings are stable', () => {
    const list = [referral({ id: 'b', name: 'Igual' }), referral({ id: 'a', name: 'Igual' })].map(stored);
    expect(list.sort(byPlaceThenName).map((s) => s.referral.id)).toEqual(['a', 'b']);
  });
});
