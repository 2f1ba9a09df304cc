/**
 * When a fact must be checked again. A fact states its `reviewBy` date; when it does not, it is due
 * 180 days after `reviewed`, or 60 days when it carries a deadline (facts on dates move fastest).
 * Dates are calendar days in Colombia (America/Bogota), where the people reading them are.
 */
import type { Fact } from './types';

export const REVIEW_DAYS = 180;
export const DEADLINE_REVIEW_DAYS = 60;

/** True for a real calendar date written YYYY-MM-DD (so never "2026-02-30"). */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

export function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

// en-CA formats as YYYY-MM-DD; built once, as building a formatter costs far more than using it.
const COLOMBIAN_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Bogota', year: 'numeric', month: '2-digit', day: '2-digit' });

// Every fact shown asks for today's date; formatting is the costly part, and Colombia's day (UTC-5,
// no daylight saving) changes only on a whole minute, so the last minute's answer is kept.
let lastMinute = Number.NaN;
let lastDate = '';

/** Today's date in Colombia, YYYY-MM-DD. */
export function colombianDate(now: Date): string {
  const minute = Math.floor(now.getTime() / 60_000);
  if (minute !== lastMinute) {
    lastDate = COLOMBIAN_DATE.format(now);
    lastMinute = minute;
  }
  return lastDate;
}

/** The review interval of a fact: shorter when it carries a deadline. */
export function reviewDaysOf(fact: Pick<Fact, 'deadline' | 'mayBeOutdated'>): number {
  return fact.deadline || fact.mayBeOutdated ? DEADLINE_REVIEW_DAYS : REVIEW_DAYS;
}

/** The fact's own `reviewBy`, else the default from `reviewed`; undefined when neither is a date. */
export function reviewByOf(fact: Pick<Fact, 'reviewed' | 'reviewBy' | 'deadline' | 'mayBeOutdated'>): string | undefined {
  if (fact.reviewBy !== undefined && fact.reviewBy !== '') return fact.reviewBy;
  return isIsoDate(fact.reviewed) ? addDays(fact.reviewed, reviewDaysOf(fact)) : undefined;
}

/** Past its review date (`today` is YYYY-MM-DD): the fact is shown with the "may be outdated" note. */
export function isOverdue(fact: Pick<Fact, 'reviewed' | 'reviewBy' | 'deadline' | 'mayBeOutdated'>, today: string): boolean {
  const reviewBy = reviewByOf(fact);
  return reviewBy !== undefined && reviewBy < today;
}

/** Parses a window such as "30d", "6w" or "2m" (months of 30 days) into days. */
export function parseWindow(text: string): number | undefined {
  const match = /^\s*(\d{1,4})\s*([dwm]?)\s*$/i.exec(text);
  if (!match) return undefined;
  const unit = match[2].toLowerCase();
  return Number(match[1]) * (unit === 'w' ? 7 : unit === 'm' ? 30 : 1);
}
