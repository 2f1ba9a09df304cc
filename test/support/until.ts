/**
 * Waiting in tests: look for the condition every few milliseconds and go on the moment it holds,
 * instead of sleeping a fixed time and hoping it is long enough (slow on a fast machine, flaky on a
 * loaded one).
 */

/** Resolves with the milliseconds it took once `condition()` holds; rejects after `timeoutMs`. */
export async function until(condition: () => boolean, options: { timeoutMs?: number; what?: string } = {}): Promise<number> {
  const { timeoutMs = 10000, what = 'the condition' } = options;
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`${what} did not hold within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return Date.now() - started;
}
