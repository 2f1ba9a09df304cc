/**
 * Structured JSON logs (pino). Refugees' data is sensitive: log lines carry hashed user ids only,
 * never phone numbers or message text. Use `userRef()` for any user or conversation id.
 */
import pino, { Logger } from 'pino';
import { pseudonym } from './pseudonym';

export type { Logger };

/** A short, stable, non-reversible reference to a user or conversation id, for logs (keyed by HASH_SECRET). */
export function userRef(id: string | undefined): string {
  if (!id) return 'unknown';
  return pseudonym(id, 'log').slice(0, 16);
}

export function createLogger(level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({
    level,
    base: { service: 'pro-bot' },
    timestamp: pino.stdTimeFunctions.isoTime,
    // Belt and braces: if someone logs a whole activity or payload, the personal fields are dropped.
    redact: {
      paths: ['text', '*.text', 'from', '*.from', 'recipient', '*.recipient', 'wa_id', '*.wa_id', 'phone', '*.phone'],
      censor: '[redacted]',
    },
  });
}
