/**
 * Runs a turn's attempt again when saving its state lost a race with another bot instance (the
 * ETag changed: StorageConflictError). Each attempt starts from fresh state and its replies are
 * held until it saves (Outbox), so no update is lost and nobody gets two answers to one message.
 */
import { StorageConflictError } from '../storage/cosmosBotStorage';

/** Attempts per turn: a person writing from two instances at once rarely collides more than once. */
export const MAX_ATTEMPTS = 3;

/**
 * Resolves with the first attempt that does not end in a StorageConflictError; after
 * `maxAttempts` conflicts, or on any other error, rejects with that error.
 *
 * @example
 * await retryOnConflict((attempt) => runOnce(attempt > 1), (attempt) => log.info({ attempt }, 'running again'));
 */
export async function retryOnConflict<T>(
  attempt: (n: number) => Promise<T>,
  onConflict: (n: number) => void,
  maxAttempts = MAX_ATTEMPTS,
): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt(n);
    } catch (err) {
      if (!(err instanceof StorageConflictError) || n >= maxAttempts) throw err;
      onConflict(n);
    }
  }
}
