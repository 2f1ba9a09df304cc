import { describeHours, isWithinHours, nextOpening, openingDayName, parseHandoffHours } from '../../bot/handoff/handoffHours';

// Instants in Colombia's time (UTC-5): 2026-12-02 is a Wednesday.
const bogota = (iso: string): Date => new Date(`${iso}-05:00`);

describe('HANDOFF_HOURS', () => {
  const weekdays = parseHandoffHours('Mon-Fri 08:00-17:00');

  it.each([
    ['2026-12-02T07:59:00', false],
    ['2026-12-02T08:00:00', true],
    ['2026-12-02T16:59:00', true],
    ['2026-12-02T17:00:00', false],
    ['2026-12-05T10:00:00', false], // Saturday
    ['2026-12-06T10:00:00', false], // Sunday
  ])('at %s in Bogotá advisors are working: %s', (when, open) => {
    expect(isWithinHours(weekdays, bogota(when))).toBe(open);
  });

  it('reads the hour in Bogotá whatever the machine zone: 12:30 UTC is 07:30 there', () => {
    expect(isWithinHours(weekdays, new Date('2026-12-02T12:30:00Z'))).toBe(false);
    expect(isWithinHours(weekdays, new Date('2026-12-02T13:30:00Z'))).toBe(true);
  });

  it('names the next opening: Friday evening → Monday 08:00', () => {
    const next = nextOpening(weekdays, bogota('2026-12-04T18:15:00'));
    expect(next.toISOString()).toBe(bogota('2026-12-07T08:00:00').toISOString());
    expect(openingDayName(next, 'es')).toBe('lunes');
    expect(nextOpening(weekdays, bogota('2026-12-02T06:00:00')).toISOString()).toBe(bogota('2026-12-02T08:00:00').toISOString());
  });

  it('describes itself for people in both languages', () => {
    expect(describeHours(weekdays, 'es')).toBe('lunes a viernes, 08:00 a 17:00');
    expect(describeHours(weekdays, 'en')).toBe('Monday to Friday, 08:00 to 17:00');
    expect(describeHours(parseHandoffHours('Sat,Sun 09:00-12:00'), 'es')).toBe('sábado y domingo, 09:00 a 12:00');
    expect(describeHours(parseHandoffHours('lun-sab 07:30-19:00'), 'en')).toBe('Monday to Saturday, 07:30 to 19:00');
  });

  it.each(['Mon-Fri', 'Mon-Fri 8-17', 'Xyz 08:00-17:00', 'Mon-Fri 17:00-08:00', 'Mon-Fri 25:00-26:00', ''])('refuses %j, saying what is expected', (text) => {
    expect(() => parseHandoffHours(text)).toThrow(/Mon-Fri 08:00-17:00|not after/);
  });
});
