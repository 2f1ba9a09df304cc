/**
 * One way to bump counters in the `stats` container: a patch of `incr` operations on the counter
 * document, or, on the very first count (404), creating it with those counts; when another instance
 * created it meanwhile (409) the patch is tried again, so concurrent instances never lose a count.
 * Every call has the store's write deadline: counts are written on the turn path.
 *
 * @example
 * await incrementCounters(container, 'feedback:health', [{ op: 'incr', path: '/yes', value: 1 }],
 *   () => ({ id: 'feedback:health', kind: 'feedback', theme: 'health', yes: 1, no: 0 }), 'feedback count', deadlines);
 */
import type { Container, PatchOperation } from '@azure/cosmos';
import { statusOf } from '../storage/cosmosErrors';
import { type StoreDeadlines, withDeadline } from '../storage/deadline';

/** A create racing with another instance's create can fail on both sides only this many times. */
const MAX_ATTEMPTS = 3;

/** Cosmos DB accepts at most this many operations in one patch request. */
export const MAX_PATCH_OPERATIONS = 10;

/** Applies `increments` to document `id` (partition key = id), creating it from `initial()` when missing. */
export async function incrementCounters(
  container: Container,
  id: string,
  increments: PatchOperation[],
  initial: () => { id: string },
  operation: string,
  deadlines: StoreDeadlines,
): Promise<void> {
  if (increments.length === 0) return;
  if (increments.length > MAX_PATCH_OPERATIONS) throw new RangeError(`${operation}: ${increments.length} patch operations, Cosmos DB takes at most ${MAX_PATCH_OPERATIONS}`);
  for (let attempt = 1; ; attempt++) {
    try {
      await withDeadline(deadlines.writeMs, operation, (abortSignal) => container.item(id, id).patch(increments, { abortSignal }));
      return;
    } catch (err) {
      if (statusOf(err) !== 404 || attempt >= MAX_ATTEMPTS) throw err;
    }
    // First count of this document: create it. 409 means another instance just did: patch again.
    try {
      await withDeadline(deadlines.writeMs, operation, (abortSignal) => container.items.create(initial(), { abortSignal }));
      return;
    } catch (err) {
      if (statusOf(err) !== 409) throw err;
    }
  }
}
