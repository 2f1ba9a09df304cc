/**
 * Chatwoot's webhook signature (Chatwoot ≥ 4.11.2 for account webhooks, ≥ 4.13.0 for API-channel
 * inboxes and agent bots: chatwoot/chatwoot PRs #13573 and #13892):
 *   X-Chatwoot-Timestamp: <unix seconds>
 *   X-Chatwoot-Signature: sha256=<hex HMAC-SHA256(secret, "{timestamp}.{raw body}")>
 * The timestamp is inside the signed string, so a captured request cannot be replayed with a
 * fresh one; requests older than five minutes are refused. Always hash the bytes as they arrived.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const CHATWOOT_SIGNATURE_HEADER = 'x-chatwoot-signature';
export const CHATWOOT_TIMESTAMP_HEADER = 'x-chatwoot-timestamp';
/** Chatwoot's id of one delivery; its retries reuse it (PR #13573). */
export const CHATWOOT_DELIVERY_HEADER = 'x-chatwoot-delivery';

/** How far a timestamp may lie from our clock, either way. */
export const SIGNATURE_MAX_AGE_MS = 5 * 60 * 1000;

/** `valid`; `missing` header(s); `invalid` (wrong or malformed); `stale` (timestamp outside the window). All but `valid` → 401. */
export type ChatwootSignatureCheck = 'valid' | 'missing' | 'invalid' | 'stale';

/** The X-Chatwoot-Signature value Chatwoot would send for this timestamp and body. */
export function signChatwootPayload(secret: string, timestamp: string | number, rawBody: Buffer | string): string {
  const body = typeof rawBody === 'string' ? Buffer.from(rawBody, 'utf8') : rawBody;
  const mac = createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');
  return `sha256=${mac}`;
}

function single(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

/**
 * Checks a webhook's signature and age, in constant time.
 *
 * @example
 * verifyChatwootSignature(rawBody, req.headers, secret, new Date()) === 'valid'
 */
export function verifyChatwootSignature(
  rawBody: Buffer,
  headers: Record<string, string | string[] | undefined>,
  secret: string,
  now: Date,
): ChatwootSignatureCheck {
  const signature = single(headers[CHATWOOT_SIGNATURE_HEADER]);
  const timestamp = single(headers[CHATWOOT_TIMESTAMP_HEADER]);
  if (signature === undefined || timestamp === undefined) return 'missing';
  const match = /^sha256=([0-9a-fA-F]{64})$/.exec(signature);
  if (!match || !/^\d{1,12}$/.test(timestamp)) return 'invalid';
  const expected = Buffer.from(signChatwootPayload(secret, timestamp, rawBody).slice('sha256='.length), 'hex');
  // Both are 32 bytes here, so timingSafeEqual cannot throw on a length mismatch.
  if (!timingSafeEqual(expected, Buffer.from(match[1], 'hex'))) return 'invalid';
  // Age is checked after the signature, so an unsigned request learns nothing about our clock.
  if (Math.abs(now.getTime() - Number(timestamp) * 1000) > SIGNATURE_MAX_AGE_MS) return 'stale';
  return 'valid';
}
