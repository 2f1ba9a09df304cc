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

/** Pseudonyms recently computed: a turn asks for the same few several times (logs, state, lists). */
export const MEMO_LIMIT = 10_000;
const memo = new Map<string, string>();

/** Sets the key once at start-up (from config.hashSecret). */
export function setPseudonymSecret(value: string): void {
  secret = value;
  memo.clear();
}

/** A stable, non-reversible 64-hex-digit pseudonym of `value`; `purpose` keeps uses unlinkable. */
export function pseudonym(value: string, purpose: 'log' | 'state' | 'choices'): string {
  const input = `${purpose}\u0000${value}`;
  const known = memo.get(input);
  if (known !== undefined) {
    // Least recently used first: a hit moves to the end of the Map's order.
    memo.delete(input);
    memo.set(input, known);
    return known;
  }
  const digest = createHmac('sha256', secret).update(input).digest('hex');
  if (memo.size >= MEMO_LIMIT) memo.delete(memo.keys().next().value as string);
  memo.set(input, digest);
  return digest;
}

/** How many pseudonyms are memoised (bounded by MEMO_LIMIT; for tests). */
export function memoisedPseudonyms(): number {
  return memo.size;
}
