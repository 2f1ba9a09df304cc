/**
 * When PRO advisors answer: HANDOFF_HOURS, e.g. `Mon-Fri 08:00-17:00`, read in Colombia's time
 * (America/Bogota, UTC-5 all year: Colombia has had no daylight saving time since 1993).
 * A fixed offset, not Intl time zones, so the answer never depends on the machine's ICU data.
 * Pure functions with the clock passed in.
 */

export const DEFAULT_HANDOFF_HOURS = 'Mon-Fri 08:00-17:00';

/** Colombia's offset from UTC, in minutes (America/Bogota). */
const BOGOTA_OFFSET_MINUTES = -5 * 60;

const DAY_ALIASES: Record<string, number> = {
  sun: 0, dom: 0, mon: 1, lun: 1, tue: 2, mar: 2, wed: 3, mie: 3, mié: 3, thu: 4, jue: 4, fri: 5, vie: 5, sat: 6, sab: 6, sáb: 6,
};

/** Opening days (0 = Sunday … 6 = Saturday) and the daily window, in minutes after midnight in Bogotá. */
export interface HandoffHours {
  days: ReadonlySet<number>;
  opensAt: number;
  closesAt: number;
  /** The text it was read from, for messages and logs. */
  source: string;
}

function dayIndex(name: string): number | undefined {
  return DAY_ALIASES[name.toLowerCase()];
}

function minutes(hhmm: string): number | undefined {
  const m = /^(\d{1,2}):(\d{2})$/.exec(hhmm);
  if (!m) return undefined;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (h > 24 || min > 59 || (h === 24 && min > 0)) return undefined;
  return h * 60 + min;
}

function parseDays(spec: string): Set<number> | undefined {
  const days = new Set<number>();
  for (const part of spec.split(',')) {
    const range = part.split('-');
    if (range.length === 1) {
      const d = dayIndex(range[0]);
      if (d === undefined) return undefined;
      days.add(d);
    } else if (range.length === 2) {
      const from = dayIndex(range[0]);
      const to = dayIndex(range[1]);
      if (from === undefined || to === undefined) return undefined;
      for (let d = from; ; d = (d + 1) % 7) {
        days.add(d);
        if (d === to) break;
      }
    } else return undefined;
  }
  return days;
}

/** Why `text` is not a valid HANDOFF_HOURS value, or undefined when it is. */
export function handoffHoursProblem(text: string): string | undefined {
  try {
    parseHandoffHours(text);
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}

/**
 * Reads `Mon-Fri 08:00-17:00` (days: Mon…Sun or lun…dom, ranges with "-", lists with ",").
 * Throws with a message saying what is expected.
 */
export function parseHandoffHours(text: string): HandoffHours {
  const expected = 'expected days and hours like "Mon-Fri 08:00-17:00" (America/Bogota)';
  const m = /^\s*(\S+)\s+(\d{1,2}:\d{2})\s*-\s*(\d{1,2}:\d{2})\s*$/.exec(text);
  if (!m) throw new Error(`"${text}": ${expected}`);
  const days = parseDays(m[1]);
  const opensAt = minutes(m[2]);
  const closesAt = minutes(m[3]);
  if (!days) throw new Error(`"${m[1]}" is not a day or day range: ${expected}`);
  if (opensAt === undefined || closesAt === undefined) throw new Error(`"${m[2]}-${m[3]}" is not a time range: ${expected}`);
  if (closesAt <= opensAt) throw new Error(`closing time ${m[3]} is not after opening time ${m[2]}`);
  return { days, opensAt, closesAt, source: text.trim() };
}

/** Bogotá's wall clock for an instant: weekday and minutes after midnight. */
function bogotaClock(now: Date): { day: number; minute: number } {
  const local = new Date(now.getTime() + BOGOTA_OFFSET_MINUTES * 60_000);
  return { day: local.getUTCDay(), minute: local.getUTCHours() * 60 + local.getUTCMinutes() };
}

/** True when advisors are working at `now`. */
export function isWithinHours(hours: HandoffHours, now: Date): boolean {
  const { day, minute } = bogotaClock(now);
  return hours.days.has(day) && minute >= hours.opensAt && minute < hours.closesAt;
}

/** The next instant advisors start working (now itself when they are working). */
export function nextOpening(hours: HandoffHours, now: Date): Date {
  if (isWithinHours(hours, now)) return now;
  const { day, minute } = bogotaClock(now);
  for (let ahead = 0; ahead <= 7; ahead += 1) {
    const d = (day + ahead) % 7;
    if (!hours.days.has(d)) continue;
    if (ahead === 0 && minute >= hours.opensAt) continue;
    const minutesUntil = ahead * 24 * 60 + hours.opensAt - minute;
    const next = new Date(now.getTime() + minutesUntil * 60_000);
    next.setUTCSeconds(0, 0);
    return next;
  }
  return now; // unreachable: parseHandoffHours never returns an empty day set
}

function hhmm(total: number): string {
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}

/** Day names a person reads, by locale; index 0 = Sunday. */
const READABLE_DAYS: Record<'es' | 'en', readonly string[]> = {
  es: ['domingo', 'lunes', 'martes', 'miércoles', 'jueves', 'viernes', 'sábado'],
  en: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
};

/** "lunes a viernes, 08:00 a 17:00" / "Monday to Friday, 08:00 to 17:00" (Colombia's time is said by the content text). */
export function describeHours(hours: HandoffHours, locale: 'es' | 'en'): string {
  const names = READABLE_DAYS[locale];
  const to = locale === 'es' ? ' a ' : ' to ';
  const and = locale === 'es' ? ' y ' : ' and ';
  const sorted = [1, 2, 3, 4, 5, 6, 0].filter((d) => hours.days.has(d));
  // Runs of consecutive days (Monday first) read as "lunes a viernes".
  const runs: number[][] = [];
  for (const d of sorted) {
    const run = runs[runs.length - 1];
    if (run && (run[run.length - 1] + 1) % 7 === d) run.push(d);
    else runs.push([d]);
  }
  const days = runs.map((run) => (run.length > 2 ? `${names[run[0]]}${to}${names[run[run.length - 1]]}` : run.map((d) => names[d]).join(and))).join(', ');
  return `${days}, ${hhmm(hours.opensAt)}${to}${hhmm(hours.closesAt)}`;
}

/** The day name of `when` in Bogotá, for "advisors answer from Monday, 08:00". */
export function openingDayName(when: Date, locale: 'es' | 'en'): string {
  return READABLE_DAYS[locale][bogotaClock(when).day];
}
