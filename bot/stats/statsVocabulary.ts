/**
 * The words a statistics counter may be keyed by, and nothing else: menu theme ids, DIVIPOLA
 * department codes, population groups, locales, channel ids, service kinds, danger kinds and the
 * ids of the national lines (DESIGN.md `pro stats`). Every value is checked against a closed pattern
 * before it becomes part of a key, so no phone number, pseudonym or free text can reach one; a value
 * that does not fit becomes "unknown" (or "other").
 */
import { DEPARTMENT_CODE } from '../geo/divipola';
import type { PopulationGroup } from '../profile/userProfile';

/** The dimensions a report can be broken down by. */
export const DIMENSIONS = ['theme', 'department', 'group', 'language', 'channel', 'month'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export const STATS_GROUPS = ['venezuelan', 'returnee', 'host', 'other', 'unknown'] as const;
export type StatsGroup = (typeof STATS_GROUPS)[number];

export const UNKNOWN = 'unknown';

/** Menu ids, service kinds, danger kinds: short lowercase words with "_". */
const WORD_ID = /^[a-z][a-z0-9_]{0,39}$/;
/** Channel ids (Bot Framework: "whatsapp", "emulator", "msteams", "webchat", …). */
const CHANNEL_ID = /^[a-z][a-z0-9_]{0,31}$/;
const LOCALE = /^(es|en)$/;

/** A theme, service kind or danger kind id as a key part; anything else is "unknown". */
export function wordKey(id: string | undefined): string {
  return id && WORD_ID.test(id) ? id : UNKNOWN;
}

/** The DIVIPOLA department code ("54"), or "unknown" when the person gave no place. */
export function departmentKey(code: string | undefined): string {
  return code && DEPARTMENT_CODE.test(code) ? code : UNKNOWN;
}

/** The profile's group in the reporting vocabulary of R4V/GIFMM partners. */
export function groupKey(group: PopulationGroup | undefined): StatsGroup {
  if (group === 'other_nationality') return 'other';
  return group && (STATS_GROUPS as readonly string[]).includes(group) ? group : UNKNOWN;
}

export function languageKey(locale: string | undefined): string {
  return locale && LOCALE.test(locale) ? locale : UNKNOWN;
}

export function channelKey(channelId: string | undefined): string {
  const id = (channelId ?? '').toLowerCase().replace(/[^a-z0-9_]/g, '_');
  return CHANNEL_ID.test(id) ? id : 'other';
}

/** A national line's referral id ("pro-line" → "pro_line"); an id that cannot be one is "other". */
export function lineKey(referralId: string): string {
  const id = referralId.toLowerCase().replace(/-/g, '_');
  return WORD_ID.test(id) ? id : 'other';
}
