/**
 * Meta's webhook signature: `X-Hub-Signature-256: sha256=<hex>` = HMAC-SHA256(app secret, raw body).
 *
 * Always hash the bytes exactly as they arrived: Meta signs its own serialization (non-ASCII as
 * \uXXXX escapes), so re-serialized JSON with "Bogotá" or "José" would never match.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-hub-signature-256';

/** `valid`; `missing` (→ 401); `invalid` (→ 403): wrong, or not of the form sha256=<64 hex>. */
export type SignatureCheck = 'valid' | 'missing' | 'invalid';

/** The header value Meta would send for `rawBody`: `sha256=<lowercase hex>`. */
export function signPayload(rawBody: Buffer | string, appSecret: string): string {
  return `sha256=${createHmac('sha256', appSecret).update(rawBody).digest('hex')}`;
}

/** Checks the X-Hub-Signature-256 header against the raw body, in constant time. */
export function verifySignature(rawBody: Buffer, header: string | string[] | undefined, appSecret: string): SignatureCheck {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || value.trim() === '') return 'missing';
  const match = /^sha256=([0-9a-fA-F]{64})$/.exec(value.trim());
  if (!match) return 'invalid';
  const expected = createHmac('sha256', appSecret).update(rawBody).digest();
  const received = Buffer.from(match[1], 'hex');
  // Both are 32 bytes here, so timingSafeEqual cannot throw on a length mismatch.
  return timingSafeEqual(expected, received) ? 'valid' : 'invalid';
}
