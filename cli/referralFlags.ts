/**
 * One flag per referral field, shared by `pro referrals add` and `pro referrals update`, and the
 * step from flags to the referral's text form (then validated like a CSV row).
 */
import { Flags } from '@oclif/core';
import type { GeoDirectory } from '../bot/geo';
import { LIST_SEPARATOR, ReferralRecord, SERVICE_KINDS } from '../bot/referrals';
import { CliInputError } from './cliErrors';
import { messages } from './messages';
import { placeCodesOf } from './placeFlags';

const list = (what: string): string => `${what}; several separated by ";" or ","`;

export const referralFieldFlags = {
  name: Flags.string({ description: 'name people will see' }),
  organization: Flags.string({ description: 'organisation running the service' }),
  services: Flags.string({ description: list(`services (${SERVICE_KINDS.join(', ')})`) }),
  department: Flags.string({ description: 'department: DIVIPOLA code ("54") or name ("Norte de Santander")' }),
  municipality: Flags.string({ description: 'municipality: DIVIPOLA code ("54001") or name ("Cúcuta", "La Unión Nariño"); implies its department' }),
  national: Flags.boolean({ description: 'a line serving the whole country (no department or municipality)' }),
  address: Flags.string({ description: 'street address' }),
  latitude: Flags.string({ description: 'latitude in decimal degrees (e.g. 7.8939)' }),
  longitude: Flags.string({ description: 'longitude in decimal degrees (e.g. -72.5078)' }),
  phone: Flags.string({ description: list('phone numbers ("601 3808400", "+57 305 7341182", "123", "01 8000 180588")') }),
  whatsapp: Flags.string({ description: list('WhatsApp numbers') }),
  email: Flags.string({ description: list('e-mail addresses') }),
  url: Flags.string({ description: 'web address (https://…)' }),
  hours: Flags.string({ description: 'opening hours, free text ("Lunes a viernes 8:00-17:00")' }),
  populations: Flags.string({ description: list('who it serves ("migrants", "women")') }),
  languages: Flags.string({ description: list('languages spoken ("es", "en")') }),
  'verified-at': Flags.string({ description: 'date the entry was last confirmed, YYYY-MM-DD (add: default today)' }),
  active: Flags.boolean({ description: 'shown to people (--no-active hides it)', allowNo: true }),
};

/** The parsed values of referralFieldFlags (undefined when a flag was not given). */
export interface ReferralFieldValues {
  name?: string;
  organization?: string;
  services?: string;
  department?: string;
  municipality?: string;
  national?: boolean;
  address?: string;
  latitude?: string;
  longitude?: string;
  phone?: string;
  whatsapp?: string;
  email?: string;
  url?: string;
  hours?: string;
  populations?: string;
  languages?: string;
  'verified-at'?: string;
  active?: boolean;
}

/** Flags accept "," too, the natural separator on a command line. */
function asList(value: string | undefined): string | undefined {
  return value === undefined ? undefined : value.split(/[;,]/).map((v) => v.trim()).filter(Boolean).join(LIST_SEPARATOR);
}

/**
 * Applies the given flags over a referral's text form (empty for `add`, the current entry for
 * `update`); flags not given leave the field as it is, an empty value clears it.
 */
export function applyFieldFlags(base: ReferralRecord, flags: ReferralFieldValues, geo: GeoDirectory): ReferralRecord {
  const record: ReferralRecord = { ...base };
  const set = (column: keyof ReferralRecord, value: string | undefined): void => {
    if (value !== undefined) record[column] = value;
  };
  set('name', flags.name);
  set('organization', flags.organization);
  set('services', asList(flags.services));
  set('address', flags.address);
  set('latitude', flags.latitude);
  set('longitude', flags.longitude);
  set('phone', asList(flags.phone));
  set('whatsapp', asList(flags.whatsapp));
  set('email', asList(flags.email));
  set('url', flags.url);
  set('hours', flags.hours);
  set('populations', asList(flags.populations));
  set('languages', asList(flags.languages));
  set('verified_at', flags['verified-at']);
  if (flags.active !== undefined) record.active = String(flags.active);

  if (flags.national) {
    if (flags.department || flags.municipality) throw new CliInputError(messages.nationalWithPlace);
    record.department_code = '';
    record.municipality_code = '';
  } else if (flags.department !== undefined || flags.municipality !== undefined) {
    const codes = placeCodesOf(flags.department, flags.municipality, geo);
    if (flags.municipality !== undefined) record.municipality_code = codes.municipalityCode ?? '';
    if (flags.department !== undefined || codes.departmentCode) record.department_code = codes.departmentCode ?? '';
  }
  return record;
}
