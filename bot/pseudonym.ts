/**
 * Pseudonyms for people's ids (phone numbers on WhatsApp) wherever an id must be stored or logged:
 * log lines, state document ids, pending-list ids. A keyed HMAC, not a plain hash: a phone number
 * space (~10⁹ Colombian mobiles) is small enough to brute-force a plain SHA-256, but not an HMAC
 * whose key (HASH_SECRET) the attacker lacks.
 */
import { createHmac } from 'node:crypto';

/** Used when HASH_SECRET is not set: fine for local use; production must set its own (index.ts warns). */
export const DEVELOPMENT_HASH_SECRET = 'pro-bot-development-only';

let secret = DEVELOPMENT_HASH_SECRET;

/** Sets the key once at start-up (from config.hashSecret). */
export function setPseudonymSecret(value: string): void {
  secret = value;
}

/** A stable, non-reversible 64-hex-digit pseudonym of `value`; `purpose` keeps uses unlinkable. */
export function pseudonym(value: string, purpose: 'log' | 'state' | 'choices'): string {
  return createHmac('sha256', secret).update(`${purpose}\u0000${value}`).digest('hex');
}
