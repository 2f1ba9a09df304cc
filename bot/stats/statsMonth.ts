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

function colombiaIso(at: Date): string {
  return new Date(at.getTime() + COLOMBIA_OFFSET_MS).toISOString();
}

/** "YYYY-MM" of `at` in Colombia. */
export function statsMonth(at: Date): string {
  return colombiaIso(at).slice(0, 7);
}

/** "YYYY-MM-DD" of `at` in Colombia. */
export function statsDay(at: Date): string {
  return colombiaIso(at).slice(0, 10);
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
