/**
 * Deadlines for the store calls a person waits on. @azure/cosmos waits 60 s per request by default
 * and retries timeouts and dropped connections on its own, so a hung store held a person for
 * minutes. Each call here gets an AbortSignal (the SDK cancels the HTTP request with it) and a timer
 * that rejects at the deadline whatever the SDK's retry loop is doing (its back-off sleeps ignore
 * the signal).
 *
 * A store that missed a deadline is taken for hung for a moment (HUNG_COOL_OFF_MS): the calls that
 * follow fail at once instead of each waiting out its own deadline, so a person whose message waited
 * behind a hung turn, and everyone else meanwhile, gets the apology with the national line at once.
 */
import { settleWithin } from '../timeLimit';

export interface StoreDeadlines {
  /** Point reads and queries (STORE_READ_TIMEOUT_MS). */
  readMs: number;
  /** Creates, replaces, upserts, patches and deletes (STORE_WRITE_TIMEOUT_MS). */
  writeMs: number;
}

export const DEFAULT_STORE_DEADLINES: StoreDeadlines = { readMs: 2000, writeMs: 3000 };

export class StoreDeadlineError extends Error {
  constructor(readonly operation: string, readonly ms: number) {
    super(`the store did not answer the ${operation} within ${ms} ms`);
    this.name = 'StoreDeadlineError';
  }
}

/** A call not made because the store missed a deadline moments ago (a StoreDeadlineError of 0 ms). */
export class StoreHungError extends StoreDeadlineError {
  constructor(operation: string) {
    super(operation, 0);
    this.message = `the store missed a deadline moments ago; the ${operation} was not tried`;
    this.name = 'StoreHungError';
  }
}

/** How long after a missed deadline store calls fail at once. Short: a store that recovers is used again soon. */
export const HUNG_COOL_OFF_MS = 2000;
let hungUntil = 0;

/**
 * Runs `call` with a signal that aborts at `ms`, and rejects with StoreDeadlineError by then.
 *
 * @example
 * const { resource } = await withDeadline(2000, 'state read', (abortSignal) => item.read({ abortSignal }));
 */
export function withDeadline<T>(ms: number, operation: string, call: (signal: AbortSignal) => Promise<T>): Promise<T> {
  if (Date.now() < hungUntil) return Promise.reject(new StoreHungError(operation));
  const controller = new AbortController();
  // Called inside a promise, so a call that throws at once rejects like one that fails later;
  // after the deadline the abort's own error is expected, and the caller already has ours.
  const pending = new Promise<T>((resolve) => resolve(call(controller.signal)));
  return settleWithin(pending, ms, () => {
    controller.abort();
    hungUntil = Date.now() + HUNG_COOL_OFF_MS;
    return new StoreDeadlineError(operation, ms);
  });
}
