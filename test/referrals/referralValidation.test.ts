import { ReferralRecord, toRecord, validateReferral } from '../../bot/referrals';

const today = new Date('2025-11-28T12:00:00Z');

/** A valid row (Cúcuta legal aid); each case changes a few cells. */
const valid: ReferralRecord = {
  id: 'cucuta-legal-aid',
  name: 'Consultorio jurídico',
  organization: 'Universidad de Pamplona',
  services: 'legal;documentation',
  department_code: '54',
  municipality_code: '54001',
  address: 'Av. 0 # 10-20',
  latitude: '7.8939',
  longitude: '-72.5078',
  phone: '607 5755555;+57 305 7341182',
  whatsapp: '305 7341182',
  email: 'juridico@example.org',
  url: 'https://example.org/juridico',
  hours: 'Lunes a viernes 8:00-17:00',
  populations: 'migrants;returnees',
  languages: 'es',
  verified_at: '2025-11-20',
  active: 'true',
};

function problems(changes: ReferralRecord): { field: string; value: string; reason: string }[] {
  const result = validateReferral({ ...valid, ...changes }, { today });
  return result.ok ? [] : result.problems;
}

describe('validateReferral', () => {
  it('accepts a complete row and normalises it', () => {
    const result = validateReferral(valid, { today });
    expect(result).toEqual({
      ok: true,
      referral: {
        id: 'cucuta-legal-aid',
        name: 'Consultorio jurídico',
        organization: 'Universidad de Pamplona',
        services: ['legal', 'documentation'],
        departmentCode: '54',
        municipalityCode: '54001',
        address: 'Av. 0 # 10-20',
        latitude: 7.8939,
        longitude: -72.5078,
        phone: ['+576075755555', '+573057341182'],
        whatsapp: ['+573057341182'],
        email: ['juridico@example.org'],
        url: 'https://example.org/juridico',
        hours: 'Lunes a viernes 8:00-17:00',
        populations: ['migrants', 'returnees'],
        languages: ['es'],
        verifiedAt: '2025-11-20',
        active: true,
      },
    });
  });

  it('accepts a national line: no department, no municipality, short and toll-free numbers kept as dialled', () => {
    const result = validateReferral(
      { id: 'line-155', name: 'Línea 155', organization: 'Policía Nacional', services: 'gbv', phone: '155; 01 8000 180588', verified_at: '2025-11-01' },
      { today },
    );
    expect(result.ok && result.referral).toMatchObject({ phone: ['155', '018000180588'], active: true });
    expect(result.ok && 'departmentCode' in result.referral).toBe(false);
  });

  it('reads what it wrote: toRecord then validate gives the same referral', () => {
    const first = validateReferral(valid, { today });
    if (!first.ok) throw new Error('valid row rejected');
    expect(validateReferral(toRecord(first.referral), { today })).toEqual(first);
  });

  it.each<[string, ReferralRecord, { field: string; value?: string; reason: RegExp }]>([
    ['missing id', { id: '' }, { field: 'id', reason: /required/ }],
    ['id with a slash', { id: 'a/b' }, { field: 'id', value: 'a/b', reason: /letters, digits/ }],
    ['missing name', { name: ' ' }, { field: 'name', reason: /required/ }],
    ['missing organization', { organization: '' }, { field: 'organization', reason: /required/ }],
    ['no services', { services: '' }, { field: 'services', reason: /at least one/ }],
    ['unknown service with a hint', { services: 'legal;mental-healt' }, { field: 'services', value: 'mental-healt', reason: /did you mean "mental_health"/ }],
    ['department code that lost its zero', { department_code: '5', municipality_code: '' }, { field: 'department_code', value: '5', reason: /"05"/ }],
    ['unknown department', { department_code: '42', municipality_code: '' }, { field: 'department_code', value: '42', reason: /not a DIVIPOLA department/ }],
    ['municipality code that lost its zero', { department_code: '05', municipality_code: '5001' }, { field: 'municipality_code', value: '5001', reason: /"05001"/ }],
    ['unknown municipality', { municipality_code: '54999' }, { field: 'municipality_code', value: '54999', reason: /not a DIVIPOLA municipality/ }],
    ['municipality of another department', { municipality_code: '05001' }, { field: 'municipality_code', value: '05001', reason: /Medellín in Antioquia \(05\), not in department 54/ }],
    ['municipality without department', { department_code: '' }, { field: 'department_code', reason: /set department_code to 54/ }],
    ['latitude not a number', { latitude: 'north' }, { field: 'latitude', value: 'north', reason: /decimal number/ }],
    ['swapped coordinates', { latitude: '-72.5', longitude: '7.89' }, { field: 'latitude', value: '-72.5', reason: /outside Colombia/ }],
    ['positive longitude', { longitude: '72.5' }, { field: 'longitude', value: '72.5', reason: /negative/ }],
    ['latitude without longitude', { longitude: '' }, { field: 'longitude', reason: /give both or neither/ }],
    ['coordinates on a national line', { department_code: '', municipality_code: '' }, { field: 'department_code', reason: /national line has no location/ }],
    ['bad phone', { phone: '12345' }, { field: 'phone', value: '12345', reason: /not a valid phone number/ }],
    ['bad 01 number', { phone: '01 900 123456' }, { field: 'phone', value: '01 900 123456', reason: /01 8000/ }],
    ['WhatsApp on a short line', { whatsapp: '123' }, { field: 'whatsapp', value: '123', reason: /cannot receive WhatsApp/ }],
    ['bad e-mail', { email: 'juridico.example.org' }, { field: 'email', value: 'juridico.example.org', reason: /e-mail/ }],
    ['url without scheme', { url: 'example.org' }, { field: 'url', value: 'example.org', reason: /https:\/\// }],
    ['ftp url', { url: 'ftp://example.org' }, { field: 'url', value: 'ftp://example.org', reason: /https:\/\// }],
    ['missing verified_at', { verified_at: '' }, { field: 'verified_at', reason: /required/ }],
    ['day-month-year date', { verified_at: '20/11/2025' }, { field: 'verified_at', value: '20/11/2025', reason: /YYYY-MM-DD/ }],
    ['impossible date', { verified_at: '2025-02-30' }, { field: 'verified_at', value: '2025-02-30', reason: /YYYY-MM-DD/ }],
    ['future date', { verified_at: '2026-01-15' }, { field: 'verified_at', value: '2026-01-15', reason: /future/ }],
    ['active neither true nor false', { active: 'maybe' }, { field: 'active', value: 'maybe', reason: /true or false/ }],
    ['no way to reach it', { phone: '', whatsapp: '', email: '', url: '', address: '' }, { field: 'phone', reason: /no way to reach/ }],
    ['name too long', { name: 'x'.repeat(201) }, { field: 'name', reason: /longer than 200/ }],
  ])('%s', (_, changes, expected) => {
    const found = problems(changes);
    expect(found).toContainEqual(expect.objectContaining({ field: expected.field, ...(expected.value !== undefined ? { value: expected.value } : {}), reason: expect.stringMatching(expected.reason) }));
  });

  it('reports every problem of a row at once', () => {
    const found = problems({ id: '', services: 'food;nope', email: 'x', verified_at: 'yesterday' });
    expect(found.map((p) => p.field)).toEqual(['id', 'services', 'email', 'verified_at']);
  });

  it.each([
    ['yes', true],
    ['Sí', true],
    ['', true],
    ['FALSE', false],
    ['no', false],
    ['0', false],
  ])('reads active "%s" as %s', (cell, expected) => {
    const result = validateReferral({ ...valid, active: cell }, { today });
    expect(result.ok && result.referral.active).toBe(expected);
  });

  it('accepts a decimal comma and service spellings, and drops duplicates', () => {
    const result = validateReferral({ ...valid, latitude: '7,8939', services: 'Legal; legal; mental health', phone: '3057341182;+57 305 734 1182' }, { today });
    expect(result.ok && result.referral).toMatchObject({ latitude: 7.8939, services: ['legal', 'mental_health'], phone: ['+573057341182'] });
  });
});
