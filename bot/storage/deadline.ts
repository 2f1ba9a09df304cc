/**
 * Deadlines for the store calls a person waits on. @azure/cosmos waits 60 s per request by default
 * and retries timeouts and dropped connections on its own, so a hung store held a person for
 * minutes. Each call here gets an AbortSignal (the SDK cancels the HTTP request with it) and a timer
 * that rejects at the deadline whatever the SDK's retry loop is doing (its back-off sleeps ignore
 * the signal).
 */

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

/**
 * Runs `call` with a signal that aborts at `ms`, and rejects with StoreDeadlineError by then.
 *
 * @example
 * const { resource } = await withDeadline(2000, 'state read', (abortSignal) => item.read({ abortSignal }));
 */
export function withDeadline<T>(ms: number, operation: string, call: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new StoreDeadlineError(operation, ms));
      controller.abort();
    }, ms);
    let pending: Promise<T>;
    try {
      pending = call(controller.signal);
    } catch (err) {
      clearTimeout(timer);
      reject(err);
      return;
    }
    pending.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (err: unknown) => {
        clearTimeout(timer);
        // After the deadline the abort's own error is expected; the caller already has ours.
        reject(err);
      },
    );
  });
}
