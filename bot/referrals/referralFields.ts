/**
 * The one table of a referral's fields: its name on the Referral (the JSON export and the Cosmos
 * document), its CSV column (DESIGN.md) and how its value is written as text. The CSV columns, the
 * document's fields and the JSON names are all read from here, so a new field is one row.
 */
import type { Referral } from './referral';

/** How a field's value is written in its CSV cell. */
export type FieldText =
  /** A string that is always there. */
  | 'text'
  /** A string that may be absent: an empty cell. */
  | 'optional'
  /** Several strings in one cell, separated by LIST_SEPARATOR. */
  | 'list'
  /** A number that may be absent, with every digit kept so export → import is lossless. */
  | 'number'
  /** "true" or "false". */
  | 'flag';

export const REFERRAL_FIELDS = [
  { key: 'id', column: 'id', text: 'text' },
  { key: 'name', column: 'name', text: 'text' },
  { key: 'organization', column: 'organization', text: 'text' },
  { key: 'services', column: 'services', text: 'list' },
  { key: 'departmentCode', column: 'department_code', text: 'optional' },
  { key: 'municipalityCode', column: 'municipality_code', text: 'optional' },
  { key: 'address', column: 'address', text: 'optional' },
  { key: 'latitude', column: 'latitude', text: 'number' },
  { key: 'longitude', column: 'longitude', text: 'number' },
  { key: 'phone', column: 'phone', text: 'list' },
  { key: 'whatsapp', column: 'whatsapp', text: 'list' },
  { key: 'email', column: 'email', text: 'list' },
  { key: 'url', column: 'url', text: 'optional' },
  { key: 'hours', column: 'hours', text: 'optional' },
  { key: 'populations', column: 'populations', text: 'list' },
  { key: 'languages', column: 'languages', text: 'list' },
  { key: 'verifiedAt', column: 'verified_at', text: 'text' },
  { key: 'active', column: 'active', text: 'flag' },
] as const satisfies readonly { key: keyof Referral; column: string; text: FieldText }[];

export type ReferralField = (typeof REFERRAL_FIELDS)[number];
export type ReferralColumn = ReferralField['column'];

// Compiles only while every Referral field has a row above (the error names the missing ones).
type Unlisted = Exclude<keyof Referral, ReferralField['key']>;
const EVERY_FIELD_LISTED: [Unlisted] extends [never] ? true : Unlisted = true;

/** The CSV columns, in file order. */
export const REFERRAL_COLUMNS: readonly ReferralColumn[] = REFERRAL_FIELDS.map((field) => field.column);

/** The Referral's own fields: what a stored document holds besides its storage fields. */
export const REFERRAL_KEYS: readonly (keyof Referral)[] = REFERRAL_FIELDS.map((field) => field.key);

/** Columns holding several values. */
export const LIST_COLUMNS: readonly ReferralColumn[] = REFERRAL_FIELDS.filter((field) => field.text === 'list').map((field) => field.column);

/** The column a Referral field name (as the JSON export writes it) stands for. */
export const COLUMN_OF_KEY: ReadonlyMap<string, ReferralColumn> = new Map(REFERRAL_FIELDS.map((field) => [field.key, field.column]));
