/**
 * Statistics are counted per calendar month and day in Colombia time (UTC-5 all year: Colombia has
 * no daylight saving), so a message at 23:30 on 30 November in Bogotá counts in November even though
 * it is already 1 December in UTC.
 *
 * @example
 * statsMonth(new Date('2026-12-01T03:30:00Z')) // "2026-11"
 * monthsBetween('2026-11', '2027-01')          // ["2026-11", "2026-12", "2027-01"]
 */

const COLOMBIA_OFFSET_MS = -5 * 3600 * 1000;

/** A month as the CLI flags and the counter documents write it: "2026-11". */
export const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

const DAY_MS = 24 * 3600 * 1000;

/** The Colombian day last asked for, as the epoch-ms range it covers: every turn asks, and it changes once a day. */
let known: { from: number; to: number; day: string } | undefined;

/** "YYYY-MM-DD" of `at` in Colombia. */
export function statsDay(at: Date): string {
  const ms = at.getTime();
  if (known && ms >= known.from && ms < known.to) return known.day;
  const day = new Date(ms + COLOMBIA_OFFSET_MS).toISOString().slice(0, 10);
  const from = Date.parse(`${day}T00:00:00.000Z`) - COLOMBIA_OFFSET_MS;
  known = { from, to: from + DAY_MS, day };
  return day;
}

/** "YYYY-MM" of `at` in Colombia. */
export function statsMonth(at: Date): string {
  return statsDay(at).slice(0, 7);
}

/** Every month from `from` to `to`, both included, in order (empty when `from` is after `to`). */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  let [year, month] = from.split('-').map(Number);
  const [endYear, endMonth] = to.split('-').map(Number);
  while (year < endYear || (year === endYear && month <= endMonth)) {
    months.push(`${year}-${String(month).padStart(2, '0')}`);
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return months;
}
