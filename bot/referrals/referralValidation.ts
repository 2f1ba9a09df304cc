/**
 * Turns a referral's text form (a CSV row, CLI flags) into a Referral, naming every problem
 * precisely (field, value, why) so an admin can fix a spreadsheet without guessing.
 */
import { distance } from 'fastest-levenshtein';
import { DEPARTMENT_CODE, GeoDirectory, MUNICIPALITY_CODE } from '../geo';
import { allowedEdits, TOLERANCE } from '../text/fuzzy';
import { normalisePhone, normaliseWhatsApp, PhoneResult } from './phoneNumbers';
import type { Referral } from './referral';
import type { ReferralColumn } from './referralFields';
import { ReferralRecord, splitList } from './referralRecord';
import { SERVICE_KINDS, ServiceKind, toServiceKind } from './serviceKinds';

export interface ReferralProblem {
  field: ReferralColumn;
  value: string;
  reason: string;
}

export type ReferralValidation = { ok: true; referral: Referral } | { ok: false; problems: ReferralProblem[] };

/**
 * Colombia's extent, San Andrés, Providencia and the northern cays included. Coarse on purpose: it
 * catches swapped latitude/longitude and a lost minus sign, the usual spreadsheet mistakes.
 */
export const COLOMBIA_BOUNDS = { minLatitude: -4.3, maxLatitude: 16.2, minLongitude: -82.1, maxLongitude: -66.8 } as const;

const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
const EMAIL_PATTERN = /^[^\s@;,]+@[^\s@;,]+\.[^\s@;,]+$/;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const MAX_TEXT = { name: 200, organization: 200, address: 300, hours: 200 } as const;
const TRUE_WORDS = ['true', 'yes', 'si', 'sí', '1'];
const FALSE_WORDS = ['false', 'no', '0'];

/** Validation needs the geography and "today" (verified_at may not be in the future); both can be substituted in tests. */
export interface ValidationContext {
  geo?: GeoDirectory;
  today?: Date;
}

class ProblemList {
  readonly items: ReferralProblem[] = [];
  add(field: ReferralColumn, value: string, reason: string): void {
    this.items.push({ field, value, reason });
  }
}

function text(record: ReferralRecord, field: ReferralColumn): string {
  return (record[field] ?? '').trim();
}

function requiredText(record: ReferralRecord, field: 'id' | 'name' | 'organization', problems: ProblemList): string {
  const value = text(record, field);
  if (!value) problems.add(field, '', 'is required');
  else if (field !== 'id' && value.length > MAX_TEXT[field]) problems.add(field, value, `is longer than ${MAX_TEXT[field]} characters`);
  return value;
}

function optionalText(record: ReferralRecord, field: 'address' | 'hours', problems: ProblemList): string | undefined {
  const value = text(record, field);
  if (value.length > MAX_TEXT[field]) problems.add(field, value, `is longer than ${MAX_TEXT[field]} characters`);
  return value || undefined;
}

function closestService(value: string): ServiceKind | undefined {
  const folded = value.toLowerCase();
  const best = [...SERVICE_KINDS].sort((a, b) => distance(a, folded) - distance(b, folded))[0];
  return distance(best, folded) <= allowedEdits(folded.length, TOLERANCE.serviceKindHints) ? best : undefined;
}

function services(record: ReferralRecord, problems: ProblemList): ServiceKind[] {
  const values = splitList(record.services);
  if (!values.length) problems.add('services', text(record, 'services'), `needs at least one of: ${SERVICE_KINDS.join(', ')}`);
  const kinds: ServiceKind[] = [];
  for (const value of values) {
    const kind = toServiceKind(value);
    if (!kind) {
      const hint = closestService(value);
      problems.add('services', value, `is not a service${hint ? ` (did you mean "${hint}"?)` : ''}; use one of: ${SERVICE_KINDS.join(', ')}`);
    } else if (!kinds.includes(kind)) kinds.push(kind);
  }
  return kinds;
}

/** Spreadsheets turn "05001" into 5001; say so instead of a bare "unknown code". */
function leadingZeroHint(value: string, length: number): string {
  return /^\d+$/.test(value) && value.length < length ? ` (DIVIPOLA codes keep their leading zeros: did a spreadsheet turn "${value.padStart(length, '0')}" into "${value}"?)` : '';
}

function place(record: ReferralRecord, geo: GeoDirectory, problems: ProblemList): { departmentCode?: string; municipalityCode?: string } {
  const departmentCode = text(record, 'department_code');
  const municipalityCode = text(record, 'municipality_code');
  let departmentOk = false;
  if (departmentCode) {
    if (!DEPARTMENT_CODE.test(departmentCode)) {
      problems.add('department_code', departmentCode, `is not a two-digit DIVIPOLA department code${leadingZeroHint(departmentCode, 2)}`);
    } else if (!geo.department(departmentCode)) {
      problems.add('department_code', departmentCode, 'is not a DIVIPOLA department code');
    } else departmentOk = true;
  }
  if (municipalityCode) {
    const municipality = geo.municipality(municipalityCode);
    if (!MUNICIPALITY_CODE.test(municipalityCode)) {
      problems.add('municipality_code', municipalityCode, `is not a five-digit DIVIPOLA municipality code${leadingZeroHint(municipalityCode, 5)}`);
    } else if (!municipality) {
      problems.add('municipality_code', municipalityCode, 'is not a DIVIPOLA municipality code');
    } else if (!departmentCode) {
      problems.add('department_code', '', `is empty but municipality_code is ${municipalityCode} (${municipality.name}); set department_code to ${municipality.departmentCode}, or leave both empty for a national line`);
    } else if (departmentOk && municipality.departmentCode !== departmentCode) {
      problems.add(
        'municipality_code',
        municipalityCode,
        `is ${municipality.name} in ${geo.departmentName(municipality.departmentCode)} (${municipality.departmentCode}), not in department ${departmentCode} (${geo.departmentName(departmentCode)})`,
      );
    }
  }
  return { departmentCode: departmentCode || undefined, municipalityCode: municipalityCode || undefined };
}

function coordinate(record: ReferralRecord, field: 'latitude' | 'longitude', problems: ProblemList): number | undefined {
  const raw = text(record, field);
  if (!raw) return undefined;
  // A decimal comma ("7,8939") is how Spanish-locale spreadsheets write numbers.
  const value = Number(raw.replace(',', '.'));
  if (!/^-?\d+([.,]\d+)?$/.test(raw) || !Number.isFinite(value)) {
    problems.add(field, raw, 'is not a decimal number of degrees (e.g. 7.8939)');
    return undefined;
  }
  const [min, max] = field === 'latitude' ? [COLOMBIA_BOUNDS.minLatitude, COLOMBIA_BOUNDS.maxLatitude] : [COLOMBIA_BOUNDS.minLongitude, COLOMBIA_BOUNDS.maxLongitude];
  if (value < min || value > max) {
    const hint = field === 'longitude' && value > 0 ? '; longitudes in Colombia are negative (west)' : '; are latitude and longitude swapped?';
    problems.add(field, raw, `is outside Colombia (${field} between ${min} and ${max})${hint}`);
    return undefined;
  }
  return value;
}

function phones(record: ReferralRecord, field: 'phone' | 'whatsapp', problems: ProblemList): string[] {
  const normalise: (raw: string) => PhoneResult = field === 'phone' ? normalisePhone : normaliseWhatsApp;
  const result: string[] = [];
  for (const raw of splitList(record[field])) {
    const phone = normalise(raw);
    if (!phone.ok) problems.add(field, raw, phone.reason);
    else if (!result.includes(phone.value)) result.push(phone.value);
  }
  return result;
}

function emails(record: ReferralRecord, problems: ProblemList): string[] {
  const result: string[] = [];
  for (const raw of splitList(record.email)) {
    if (!EMAIL_PATTERN.test(raw)) problems.add('email', raw, 'is not an e-mail address (name@example.org)');
    else if (!result.includes(raw)) result.push(raw);
  }
  return result;
}

function url(record: ReferralRecord, problems: ProblemList): string | undefined {
  const raw = text(record, 'url');
  if (!raw) return undefined;
  let parsed: URL | undefined;
  try {
    parsed = new URL(raw);
  } catch {
    parsed = undefined;
  }
  if (!parsed || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') || !parsed.hostname.includes('.') || /\s/.test(raw)) {
    problems.add('url', raw, 'is not a web address starting with https:// or http://');
    return undefined;
  }
  return raw;
}

function freeList(record: ReferralRecord, field: 'populations' | 'languages'): string[] {
  return [...new Set(splitList(record[field]))];
}

function verifiedAt(record: ReferralRecord, today: Date, problems: ProblemList): string {
  const raw = text(record, 'verified_at');
  if (!raw) {
    problems.add('verified_at', '', 'is required: the date (YYYY-MM-DD) someone last confirmed this entry');
    return '';
  }
  const match = DATE_PATTERN.exec(raw);
  const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : undefined;
  if (!match || !date || date.toISOString().slice(0, 10) !== raw) {
    problems.add('verified_at', raw, 'is not a date written YYYY-MM-DD (e.g. 2025-11-28)');
  } else if (date.getTime() > today.getTime() + 24 * 3600 * 1000) {
    // One day of slack: an admin in Bogotá (UTC-5) may still be on "yesterday" in UTC terms the other way round.
    problems.add('verified_at', raw, 'is in the future');
  }
  return raw;
}

function active(record: ReferralRecord, problems: ProblemList): boolean {
  const raw = text(record, 'active').toLowerCase();
  if (!raw || TRUE_WORDS.includes(raw)) return true;
  if (FALSE_WORDS.includes(raw)) return false;
  problems.add('active', text(record, 'active'), 'must be true or false (empty means true)');
  return true;
}

/** Validates a referral's text form; on success the values are normalised (E.164 phones, deduplicated lists). */
export function validateReferral(record: ReferralRecord, context: ValidationContext = {}): ReferralValidation {
  const geo = context.geo ?? GeoDirectory.shipped();
  const problems = new ProblemList();
  const id = requiredText(record, 'id', problems);
  if (id && !ID_PATTERN.test(id)) {
    problems.add('id', id, 'must be 1-100 letters, digits, ".", "_" or "-", starting with a letter or digit');
  }
  const referral: Referral = {
    id,
    name: requiredText(record, 'name', problems),
    organization: requiredText(record, 'organization', problems),
    services: services(record, problems),
    ...place(record, geo, problems),
    address: optionalText(record, 'address', problems),
    latitude: coordinate(record, 'latitude', problems),
    longitude: coordinate(record, 'longitude', problems),
    phone: phones(record, 'phone', problems),
    whatsapp: phones(record, 'whatsapp', problems),
    email: emails(record, problems),
    url: url(record, problems),
    hours: optionalText(record, 'hours', problems),
    populations: freeList(record, 'populations'),
    languages: freeList(record, 'languages'),
    verifiedAt: verifiedAt(record, context.today ?? new Date(), problems),
    active: active(record, problems),
  };
  const hasLatitude = !!text(record, 'latitude');
  const hasLongitude = !!text(record, 'longitude');
  if (hasLatitude !== hasLongitude) {
    const missing = hasLatitude ? 'longitude' : 'latitude';
    problems.add(missing, '', `is empty but ${hasLatitude ? 'latitude' : 'longitude'} is set; give both or neither`);
  }
  if (!referral.departmentCode && (hasLatitude || hasLongitude)) {
    problems.add('department_code', '', 'is empty (a national line) but coordinates are set; a national line has no location');
  }
  const reachable = referral.phone.length || referral.whatsapp.length || referral.email.length || referral.url || referral.address;
  const contactGiven = ['phone', 'whatsapp', 'email', 'url', 'address'].some((f) => text(record, f as ReferralColumn));
  if (!reachable && !contactGiven) {
    problems.add('phone', '', 'no way to reach this service: give at least one of phone, whatsapp, email, url or address');
  }
  if (problems.items.length) return { ok: false, problems: problems.items };
  return { ok: true, referral: withoutUndefined(referral) };
}

/** Absent optional fields are left out, so stored documents and JSON exports carry no `undefined` keys. */
function withoutUndefined(referral: Referral): Referral {
  return Object.fromEntries(Object.entries(referral).filter(([, v]) => v !== undefined)) as unknown as Referral;
}
