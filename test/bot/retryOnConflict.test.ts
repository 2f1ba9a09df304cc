/**
 * The turn's re-run rule on its own: an ETag conflict runs the attempt again (up to three times in
 * all), anything else fails the turn at once. The two-instance race itself is in proBotConcurrency.
 */
import { StorageConflictError } from '../../bot/storage/cosmosBotStorage';
import { MAX_ATTEMPTS, retryOnConflict } from '../../bot/turn/retryOnConflict';

describe('retryOnConflict', () => {
  it('runs the attempt again after a conflict and resolves with the first that saves', async () => {
    const conflicts: number[] = [];
    const result = await retryOnConflict(
      async (n) => {
        if (n < 3) throw new StorageConflictError('doc');
        return `saved on attempt ${n}`;
      },
      (n) => conflicts.push(n),
    );
    expect({ result, conflicts }).toEqual({ result: 'saved on attempt 3', conflicts: [1, 2] });
  });

  it(`gives up with the conflict after ${MAX_ATTEMPTS} attempts`, async () => {
    let attempts = 0;
    const run = retryOnConflict(
      async () => {
        attempts++;
        throw new StorageConflictError('doc');
      },
      () => undefined,
    );
    await expect(run).rejects.toBeInstanceOf(StorageConflictError);
    expect(attempts).toBe(MAX_ATTEMPTS);
  });

  it('does not run again after any other error (a store outage, a bug)', async () => {
    let attempts = 0;
    const run = retryOnConflict(
      async () => {
        attempts++;
        throw new Error('store unreachable');
      },
      () => undefined,
    );
    await expect(run).rejects.toThrow('store unreachable');
    expect(attempts).toBe(1);
  });
});
