/**
 * Phone numbers in one canonical form, so "305 7341182", "+57 305 734 1182" and "3057341182" are
 * the same number in the directory and a WhatsApp link can be built from any of them.
 * Colombian short lines (123, 155, 141…) and toll-free 01 8000 numbers cannot be dialled in E.164
 * from abroad, so they are kept as people dial them.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

export type PhoneKind = 'international' | 'shortLine' | 'tollFree';

export type PhoneResult = { ok: true; value: string; kind: PhoneKind } | { ok: false; reason: string };

/** Three-digit public service lines start with 1 in Colombia (112, 122, 123, 141, 155…). */
const SHORT_LINE = /^1\d{2}$/;
/** "01 8000" + six digits: free national lines. */
const TOLL_FREE = /^018000\d{6}$/;
const SEPARATORS = /[\s().\-\/]/g;

/** Canonical form of a phone number, or why it is not one. Numbers without a country code are read as Colombian. */
export function normalisePhone(raw: string): PhoneResult {
  const compact = raw.trim().replace(SEPARATORS, '');
  if (!compact) return { ok: false, reason: 'is empty' };
  if (SHORT_LINE.test(compact)) return { ok: true, value: compact, kind: 'shortLine' };
  if (TOLL_FREE.test(compact)) return { ok: true, value: compact, kind: 'tollFree' };
  if (/^01/.test(compact)) {
    return { ok: false, reason: 'looks like a 01 number but toll-free lines are "01 8000" followed by six digits' };
  }
  const parsed = parsePhoneNumberFromString(raw, 'CO');
  if (!parsed || !parsed.isValid()) {
    return {
      ok: false,
      reason: 'is not a valid phone number (write it with its area or mobile prefix, e.g. "601 3808400", "+57 305 7341182", a short line such as 123, or 01 8000 …)',
    };
  }
  return { ok: true, value: parsed.number, kind: 'international' };
}

/** A WhatsApp number must be a full number: short lines and 01 8000 lines have no WhatsApp. */
export function normaliseWhatsApp(raw: string): PhoneResult {
  const result = normalisePhone(raw);
  if (result.ok && result.kind !== 'international') {
    return { ok: false, reason: 'is a short or toll-free line, which cannot receive WhatsApp messages; give the full mobile number' };
  }
  return result;
}

/** How people should read a stored number: "+57 305 7341182", "01 8000 180588", "123". */
export function formatPhone(value: string): string {
  if (TOLL_FREE.test(value)) return `01 8000 ${value.slice(6)}`;
  if (SHORT_LINE.test(value)) return value;
  return parsePhoneNumberFromString(value)?.formatInternational() ?? value;
}

/** Digits for a wa.me link ("573057341182"), or undefined for numbers WhatsApp cannot reach. */
export function whatsAppLinkNumber(value: string): string | undefined {
  return value.startsWith('+') ? value.slice(1) : undefined;
}
