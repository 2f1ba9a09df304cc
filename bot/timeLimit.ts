/**
 * A promise given a time limit: it settles as `promise` does, or rejects with `timeoutError()` once
 * `ms` have passed, so a person (or a health probe) never waits on a hung dependency. The work
 * itself is not cancelled; for store calls that can be aborted, see storage/deadline.ts.
 */
export function settleWithin<T>(promise: Promise<T>, ms: number, timeoutError: () => Error): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(timeoutError()), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (err: unknown) => {
        clearTimeout(timer);
        reject(err);
      },
    );
  });
}
