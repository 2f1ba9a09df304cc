/** Counting days and months in Colombia time: right at Bogotá's midnight, and whatever order the dates come in. */
import { monthsBetween, statsDay, statsMonth } from '../../bot/stats/statsMonth';

describe('statsDay and statsMonth', () => {
  it('count a message by the day and month in Bogotá (UTC-5), not in UTC', () => {
    expect(statsDay(new Date('2026-12-01T03:30:00Z'))).toBe('2026-11-30');
    expect(statsMonth(new Date('2026-12-01T03:30:00Z'))).toBe('2026-11');
    expect(statsDay(new Date('2026-12-01T05:00:00Z'))).toBe('2026-12-01');
  });

  it('turn the day at Bogotá midnight exactly, the same day asked again or not', () => {
    const midnight = Date.parse('2027-01-01T05:00:00.000Z'); // 00:00 in Bogotá
    // Back and forth across the boundary: a remembered day must never answer for the next one.
    const order = [-1, 0, -1, 1, 0, -DAY - 1, -DAY, DAY, -1];
    const days = order.map((offset) => statsDay(new Date(midnight + offset)));
    expect(days).toEqual(['2026-12-31', '2027-01-01', '2026-12-31', '2027-01-01', '2027-01-01', '2026-12-30', '2026-12-31', '2027-01-02', '2026-12-31']);
    expect(statsMonth(new Date(midnight - 1))).toBe('2026-12');
    expect(statsMonth(new Date(midnight))).toBe('2027-01');
  });

  it('lists the months of a range, across a year', () => {
    expect(monthsBetween('2026-11', '2027-01')).toEqual(['2026-11', '2026-12', '2027-01']);
    expect(monthsBetween('2027-01', '2026-11')).toEqual([]);
  });
});

const DAY = 24 * 3600 * 1000;
