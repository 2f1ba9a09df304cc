/**
 * What may reach a log line: every string with phone-number-like digit runs masked and cut to a
 * bound, whoever wrote it (our code, a Graph API error body, an SDK's error message). bot/logger.ts
 * applies this to every line centrally, so no call site can forget.
 *
 * The digit rule: a run of 7 or more digits, which may be split by spaces, dashes, dots or
 * parentheses and start with `+`, standing apart from letters and digits. That takes Colombian mobile
 * (10 digits), landline (7-10) and E.164/wa_id (11-15) numbers, and keeps what operators need: Meta's
 * error codes (at most 6 digits: 100, 80007, 131047), HTTP statuses, ISO dates, and hex pseudonyms
 * (digits glued to letters). Numbers logged as numbers (fields like `code`, `subcode`) are untouched.
 */

/** Longest string kept in a log line; a stack trace gets more room. */
export const MAX_LOGGED_STRING = 500;
export const MAX_LOGGED_STACK = 2000;
export const REDACTED_NUMBER = '[number]';

const DIGIT_RUN = /(?<![A-Za-z0-9])\+?(?:\(\s?)?\d(?:[\s\-.()]{0,3}\d){6,}(?![A-Za-z0-9])/g;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const MAX_DEPTH = 6;
const MAX_KEYS = 50;

/** Masks phone-number-like digit runs: "Message undeliverable to 573219876543" → "Message undeliverable to [number]". */
export function redactPhoneNumbers(text: string): string {
  return text.replace(DIGIT_RUN, (run) => (ISO_DATE.test(run) ? run : REDACTED_NUMBER));
}

/** Cuts a string to `max` characters, saying how much was left out. */
export function boundString(text: string, max = MAX_LOGGED_STRING): string {
  return text.length <= max ? text : `${text.slice(0, max)}…[${text.length - max} more characters]`;
}

/** A string fit for a log: bounded first (so a 1 MB text costs no more than 500 characters), then redacted. */
export function safeLogString(text: string, max = MAX_LOGGED_STRING): string {
  // Cut a little beyond the bound before redacting, so a number straddling the cut is still masked whole.
  const head = text.length > max + 32 ? text.slice(0, max + 32) : text;
  const redacted = redactPhoneNumbers(head);
  const suffix = text.length > head.length ? `…[${text.length - max} more characters]` : '';
  return suffix ? `${redacted.slice(0, max)}${suffix}` : boundString(redacted, max);
}

/**
 * A copy of a logged value with every string made safe: objects and arrays walked (depth and key
 * count bounded), errors reduced to type, message, code and stack, buffers to their size.
 */
export function safeLogValue(value: unknown, depth = 0, seen: WeakSet<object> = new WeakSet()): unknown {
  if (typeof value === 'string') return safeLogString(value);
  if (value === null || typeof value !== 'object') return typeof value === 'bigint' ? safeLogString(value.toString()) : value;
  if (seen.has(value)) return '[Circular]';
  if (depth >= MAX_DEPTH) return '[Object]';
  seen.add(value);
  if (Buffer.isBuffer(value)) return `[${value.length} bytes]`;
  if (value instanceof Date) return value;
  if (value instanceof Error) return safeError(value, depth, seen);
  if (Array.isArray(value)) {
    const items = value.slice(0, MAX_KEYS).map((item) => safeLogValue(item, depth + 1, seen));
    if (value.length > MAX_KEYS) items.push(`[${value.length - MAX_KEYS} more items]`);
    return items;
  }
  const copy: Record<string, unknown> = {};
  const keys = Object.keys(value);
  for (const key of keys.slice(0, MAX_KEYS)) copy[safeLogString(key, 100)] = safeLogValue((value as Record<string, unknown>)[key], depth + 1, seen);
  if (keys.length > MAX_KEYS) copy['[more keys]'] = keys.length - MAX_KEYS;
  return copy;
}

function safeError(error: Error, depth: number, seen: WeakSet<object>): Record<string, unknown> {
  const safe: Record<string, unknown> = { type: safeLogString(error.name), message: safeLogString(error.message) };
  const code = (error as { code?: unknown }).code;
  if (code !== undefined) safe.code = safeLogValue(code, depth + 1, seen);
  if (error.stack) safe.stack = safeLogString(error.stack, MAX_LOGGED_STACK);
  if (error.cause !== undefined) safe.cause = safeLogValue(error.cause, depth + 1, seen);
  return safe;
}
