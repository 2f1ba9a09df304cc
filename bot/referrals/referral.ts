/**
 * A referral: one service people can be sent to (an office, a line, a clinic), as the directory
 * keeps it. Plain data: no Cosmos or botbuilder types, so the bot, the CLI and tests share it.
 */
import type { ServiceKind } from './serviceKinds';

export interface Referral {
  /** Stable id chosen by the admin (letters, digits, ".", "_", "-"), e.g. "cucuta-pro-point". */
  id: string;
  name: string;
  organization: string;
  /** At least one. */
  services: ServiceKind[];
  /** DIVIPOLA department code ("54"); absent for a national line. */
  departmentCode?: string;
  /** DIVIPOLA municipality code ("54001"); absent for national and department-wide entries. */
  municipalityCode?: string;
  address?: string;
  /** Both or neither; inside Colombia. */
  latitude?: number;
  longitude?: number;
  /** E.164 ("+576013808400"), a Colombian short line ("123") or a toll-free 01 8000 number ("018000180588"). */
  phone: string[];
  /** E.164 numbers reachable on WhatsApp. */
  whatsapp: string[];
  email: string[];
  url?: string;
  /** Free text, e.g. "Lunes a viernes 8:00-17:00" or "24/7". */
  hours?: string;
  /** Who it serves, free text tags (e.g. "migrants", "returnees", "women"). */
  populations: string[];
  /** Languages spoken (e.g. "es", "en", "wayuunaiki"). */
  languages: string[];
  /** ISO date (YYYY-MM-DD) an admin last confirmed the entry. */
  verifiedAt: string;
  /** Inactive entries stay for history but are never shown to people. */
  active: boolean;
}

/** Partition for lines that serve the whole country. */
export const NATIONAL_PARTITION = 'national';

/** A line that serves the whole country has no department. */
export function isNationalLine(referral: Pick<Referral, 'departmentCode'>): boolean {
  return !referral.departmentCode;
}

/** Referrals are partitioned by department so a local search reads one partition. */
export function partitionKeyOf(referral: Pick<Referral, 'departmentCode'>): string {
  return referral.departmentCode || NATIONAL_PARTITION;
}
