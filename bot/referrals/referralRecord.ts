/**
 * The flat, text-only form of a referral: the CSV columns of DESIGN.md (listed once, in
 * referralFields.ts). Import, export and the CLI flags all speak it, and validation turns it into a
 * Referral.
 */
import type { Referral } from './referral';
import { type FieldText, REFERRAL_COLUMNS, REFERRAL_FIELDS, type ReferralColumn } from './referralFields';

/** Every column as text; an absent column reads as empty. */
export type ReferralRecord = Partial<Record<ReferralColumn, string>>;

/** Separates several values in one cell ("legal;documentation"). */
export const LIST_SEPARATOR = ';';

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

function cellText(value: Referral[keyof Referral], text: FieldText): string {
  switch (text) {
    case 'list':
      return (value as readonly string[]).join(LIST_SEPARATOR);
    case 'number':
      return value === undefined ? '' : String(value);
    case 'flag':
      return value ? 'true' : 'false';
    case 'optional':
      return (value as string | undefined) ?? '';
    case 'text':
      return value as string;
  }
}

/** The text form of a referral; numbers keep every digit so export → import is lossless. */
export function toRecord(referral: Referral): Required<ReferralRecord> {
  const record = {} as Required<ReferralRecord>;
  for (const field of REFERRAL_FIELDS) record[field.column] = cellText(referral[field.key], field.text);
  return record;
}
