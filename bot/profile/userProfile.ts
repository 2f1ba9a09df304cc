/**
 * What PRO Bot keeps about a person, and nothing more. Stored in bot state (Cosmos), expires after
 * STATE_TTL_DAYS without use, erased by "borrar mis datos". No names, no documents, no message text.
 */
import type { Locale } from '../content/locale';
import type { CountedMarks } from '../stats/turnCounts';

export type ConsentDecision = 'given' | 'declined';

/** Who the person is, asked once after consent, because some facts differ by group. */
export type PopulationGroup = 'venezuelan' | 'returnee' | 'host' | 'other_nationality';

export interface UserProfile {
  locale?: Locale;
  consent?: { decision: ConsentDecision; at: string };
  group?: PopulationGroup;
  /** DIVIPOLA code of the place the person last asked services for (kept only with consent). */
  lastPlace?: { departmentCode?: string; municipalityCode?: string };
  /** Months, day and theme ids already counted in the anonymous statistics (bot/stats/turnCounts.ts). */
  counted?: CountedMarks;
}

export function hasConsented(profile: UserProfile): boolean {
  return profile.consent?.decision === 'given';
}
