/**
 * The flat, text-only form of a referral: the CSV columns of DESIGN.md. Import, export and the CLI
 * flags all speak it, and validation turns it into a Referral.
 */
import type { Referral } from './referral';

export const REFERRAL_COLUMNS = [
  'id',
  'name',
  'organization',
  'services',
  'department_code',
  'municipality_code',
  'address',
  'latitude',
  'longitude',
  'phone',
  'whatsapp',
  'email',
  'url',
  'hours',
  'populations',
  'languages',
  'verified_at',
  'active',
] as const;

export type ReferralColumn = (typeof REFERRAL_COLUMNS)[number];

/** Every column as text; an absent column reads as empty. */
export type ReferralRecord = Partial<Record<ReferralColumn, string>>;

/** Separates several values in one cell ("legal;documentation"). */
export const LIST_SEPARATOR = ';';

/** Columns holding several values. */
export const LIST_COLUMNS: readonly ReferralColumn[] = ['services', 'phone', 'whatsapp', 'email', 'populations', 'languages'];

export function isReferralColumn(name: string): name is ReferralColumn {
  return (REFERRAL_COLUMNS as readonly string[]).includes(name);
}

/** Splits a list cell, dropping blanks: "legal; ;health" → ["legal", "health"]. */
export function splitList(cell: string | undefined): string[] {
  return (cell ?? '')
    .split(LIST_SEPARATOR)
    .map((v) => v.trim())
    .filter(Boolean);
}

/** The text form of a referral; numbers keep every digit so export → import is lossless. */
export function toRecord(referral: Referral): Required<ReferralRecord> {
  const list = (values: readonly string[]): string => values.join(LIST_SEPARATOR);
  return {
    id: referral.id,
    name: referral.name,
    organization: referral.organization,
    services: list(referral.services),
    department_code: referral.departmentCode ?? '',
    municipality_code: referral.municipalityCode ?? '',
    address: referral.address ?? '',
    latitude: referral.latitude === undefined ? '' : String(referral.latitude),
    longitude: referral.longitude === undefined ? '' : String(referral.longitude),
    phone: list(referral.phone),
    whatsapp: list(referral.whatsapp),
    email: list(referral.email),
    url: referral.url ?? '',
    hours: referral.hours ?? '',
    populations: list(referral.populations),
    languages: list(referral.languages),
    verified_at: referral.verifiedAt,
    active: referral.active ? 'true' : 'false',
  };
}
