import { formatPhone, normalisePhone, normaliseWhatsApp, whatsAppLinkNumber } from '../../bot/referrals';

describe('normalisePhone', () => {
  it.each([
    ['+57 305 7341182', '+573057341182', 'international'],
    ['305 734 1182', '+573057341182', 'international'],
    ['(601) 380-8400', '+576013808400', 'international'],
    ['+58 412 1234567', '+584121234567', 'international'],
    ['123', '123', 'shortLine'],
    ['155', '155', 'shortLine'],
    ['141', '141', 'shortLine'],
    ['01 8000 180588', '018000180588', 'tollFree'],
    ['01-8000-42-37-01', '018000423701', 'tollFree'],
  ])('%s → %s (%s)', (raw, value, kind) => {
    expect(normalisePhone(raw)).toEqual({ ok: true, value, kind });
  });

  it.each(['', '12345', '3808400', '01 900 1234567', '+57 1 3808400', 'call us'])('rejects "%s" with a reason', (raw) => {
    const result = normalisePhone(raw);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason.length).toBeGreaterThan(5);
  });

  it('wants full numbers for WhatsApp', () => {
    expect(normaliseWhatsApp('+57 305 7341182')).toMatchObject({ ok: true, value: '+573057341182' });
    expect(normaliseWhatsApp('01 8000 180588').ok).toBe(false);
    expect(normaliseWhatsApp('155').ok).toBe(false);
  });

  it('formats stored numbers for people and links', () => {
    expect(formatPhone('+573057341182')).toBe('+57 305 7341182');
    expect(formatPhone('018000180588')).toBe('01 8000 180588');
    expect(formatPhone('123')).toBe('123');
    expect(whatsAppLinkNumber('+573057341182')).toBe('573057341182');
    expect(whatsAppLinkNumber('123')).toBeUndefined();
  });
});
