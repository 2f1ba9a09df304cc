/**
 * Structured JSON logs (pino). Refugees' data is sensitive: log lines carry hashed user ids only,
 * never phone numbers or message text. Use `userRef()` for any user or conversation id.
 *
 * Every line passes through logRedaction.ts on its way out (the message, its arguments, every field
 * and child binding): phone-number-like digit runs are masked and each string is bounded, so a
 * third-party error body quoting a number, or a careless call site, cannot leak one.
 */
import pino, { DestinationStream, Logger } from 'pino';
import { safeLogString, safeLogValue } from './logRedaction';
import { pseudonym } from './pseudonym';

export type { Logger };

/** A short, stable, non-reversible reference to a user or conversation id, for logs (keyed by HASH_SECRET). */
export function userRef(id: string | undefined): string {
  if (!id) return 'unknown';
  return pseudonym(id, 'log').slice(0, 16);
}

/** Field names whose values are personal whatever they hold: dropped, not just masked. */
export const REDACTED_PATHS = ['text', '*.text', 'from', '*.from', 'recipient', '*.recipient', 'wa_id', '*.wa_id', 'phone', '*.phone', 'profile', '*.profile'];

/** The pino options every logger of the project uses (tests build theirs from it too). */
export function loggerOptions(level: string): pino.LoggerOptions {
  return {
    level,
    base: { service: 'pro-bot' },
    timestamp: pino.stdTimeFunctions.isoTime,
    // Errors are already reduced to { type, message, code, stack } by logMethod below.
    serializers: { err: (err: unknown) => err },
    hooks: {
      // Every argument of every call: the fields object (an Error becomes `err`), the message and printf-style arguments.
      logMethod(args, method) {
        const [first, ...rest] = args as unknown[];
        const safeRest = rest.map((arg) => safeLogValue(arg));
        const safe = first instanceof Error ? [{ err: safeLogValue(first) }, ...(rest.length ? safeRest : [safeLogValue(first.message)])] : [safeLogValue(first), ...safeRest];
        method.apply(this, safe as Parameters<typeof method>);
      },
    },
    // Belt and braces: if someone logs a whole activity or payload, the personal fields are dropped.
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
  };
}

export function createLogger(level = process.env.LOG_LEVEL ?? 'info', destination?: DestinationStream): Logger {
  const logger = destination ? pino(loggerOptions(level), destination) : pino(loggerOptions(level));
  // pino applies a bindings formatter to the root logger only; children (and theirs, which inherit this) are made safe here.
  const child = logger.child;
  logger.child = function safeChild<ChildLevels extends string = never>(this: Logger, bindings: pino.Bindings, options?: pino.ChildLoggerOptions<ChildLevels>): Logger<ChildLevels> {
    return Reflect.apply(child, this, [safeLogValue(bindings), options]) as Logger<ChildLevels>;
  };
  return logger;
}

/**
 * A child logger made only when a line is first written: a turn's logger carries the person's
 * pseudonym, and most turns log nothing, so building a pino child (bindings serialised, redaction
 * set up) on every turn was wasted work.
 */
export function lazyChild(logger: Logger, bindings: () => pino.Bindings): Logger {
  let child: Logger | undefined;
  return new Proxy(logger, {
    get(_target, property) {
      child ??= logger.child(bindings());
      const value = Reflect.get(child, property, child) as unknown;
      return typeof value === 'function' ? value.bind(child) : value;
    },
  });
}
