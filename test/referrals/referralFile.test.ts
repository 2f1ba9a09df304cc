import { readReferralFile, REFERRAL_COLUMNS, ReferralFileError, writeReferralFile } from '../../bot/referrals';

const today = new Date('2025-11-28T12:00:00Z');
const header = REFERRAL_COLUMNS.join(',');
const goodRow = 'cucuta-legal,"Consultorio jurídico, UFPS",UFPS,legal;documentation,54,54001,"Av. 0 # 10-20",7.8939,-72.5078,607 5755555,,,https://example.org,"Lun-Vie 8:00-17:00",migrants,es,2025-11-20,true';
const nationalRow = 'line-155,Línea 155,Policía Nacional,gbv,,,,,,155,,,,24/7,women,,2025-11-01,';

function read(text: string, format: 'csv' | 'json' = 'csv') {
  return readReferralFile(text, `referrals.${format}`, format, { today });
}

describe('readReferralFile (CSV)', () => {
  it('reads valid rows, with quoted commas and empty optional cells', () => {
    const contents = read(`${header}\n${goodRow}\n${nationalRow}\n`);
    expect(contents.problems).toEqual([]);
    expect(contents.rows).toBe(2);
    expect(contents.referrals.map((r) => r.id)).toEqual(['cucuta-legal', 'line-155']);
    expect(contents.referrals[0]).toMatchObject({ name: 'Consultorio jurídico, UFPS', phone: ['+576075755555'], latitude: 7.8939 });
    expect(contents.referrals[1]).toMatchObject({ phone: ['155'], active: true, hours: '24/7' });
  });

  it('accepts columns in any order and a UTF-8 byte-order mark (Excel)', () => {
    const columns = [...REFERRAL_COLUMNS].reverse();
    const values = goodRow.match(/("[^"]*"|[^,]*)(,|$)/g)?.map((v) => v.replace(/,$/, '')) ?? [];
    const row = [...values.slice(0, REFERRAL_COLUMNS.length)].reverse().join(',');
    const contents = read(`\uFEFF${columns.join(',')}\n${row}\n`);
    expect(contents.problems).toEqual([]);
    expect(contents.referrals[0].id).toBe('cucuta-legal');
  });

  it('reports every bad row by line, id, field and reason', () => {
    const badService = goodRow.replace('legal;documentation', 'legal;lawyers').replace('cucuta-legal', 'bad-service');
    const badPlace = goodRow.replace(',54,54001,', ',54,05001,').replace('cucuta-legal', 'bad-place');
    const contents = read([header, goodRow, badService, nationalRow, badPlace, 'short,row'].join('\n'));
    expect(contents.referrals.map((r) => r.id)).toEqual(['cucuta-legal', 'line-155']);
    expect(contents.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ line: 3, id: 'bad-service', field: 'services', value: 'lawyers' }),
        expect.objectContaining({ line: 5, id: 'bad-place', field: 'municipality_code', value: '05001' }),
        expect.objectContaining({ line: 6, id: 'short', field: 'row', reason: expect.stringContaining('2 cells but the header has 18') }),
      ]),
    );
  });

  it('reports a repeated id on its second line', () => {
    const contents = read([header, goodRow, goodRow].join('\n'));
    expect(contents.problems).toEqual([expect.objectContaining({ line: 3, field: 'id', reason: 'is also used on line 2; ids must be unique' })]);
  });

  it('refuses unknown and missing columns by name', () => {
    const columns: string[] = [...REFERRAL_COLUMNS.filter((c) => c !== 'whatsapp' && c !== 'hours'), 'notes'];
    let error: unknown;
    try {
      read(`${columns.join(',')}\n`);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ReferralFileError);
    const reasons = (error as ReferralFileError).problems.map((p) => p.reason);
    expect(reasons).toContain('unknown column(s): notes');
    expect(reasons).toContain('missing column(s): whatsapp, hours');
  });

  it('refuses an empty file', () => {
    expect(() => read('')).toThrow(ReferralFileError);
  });
});

describe('writeReferralFile', () => {
  it('CSV and JSON exports read back to the same referrals', () => {
    const { referrals } = read(`${header}\n${goodRow}\n${nationalRow}\n`);
    for (const format of ['csv', 'json'] as const) {
      const text = writeReferralFile(referrals, format);
      const again = read(text, format);
      expect(again.problems).toEqual([]);
      expect(again.referrals).toEqual(referrals);
      expect(writeReferralFile(again.referrals, format)).toBe(text);
    }
  });

  it('writes the DESIGN.md header, even for an empty directory (which imports as nothing)', () => {
    expect(writeReferralFile([], 'csv').trim()).toBe(header);
    expect(read(writeReferralFile([], 'csv'))).toMatchObject({ rows: 0, referrals: [], problems: [] });
    const { referrals } = read(`${header}\n${nationalRow}\n`);
    expect(writeReferralFile(referrals, 'csv').split('\n')[0]).toBe(header);
  });
});

describe('readReferralFile (JSON)', () => {
  it('reports unknown fields and non-objects by entry number', () => {
    const contents = read(JSON.stringify([{ id: 'x', nombre: 'y' }, 42]), 'json');
    expect(contents.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ line: 1, field: 'entry', reason: 'unknown field(s): nombre' }),
        expect.objectContaining({ line: 2, field: 'entry', reason: 'is not a JSON object' }),
      ]),
    );
  });

  it('refuses JSON that is not an array', () => {
    expect(() => read('{"id":"x"}', 'json')).toThrow(ReferralFileError);
  });
});
