/**
 * Work the channel started but nobody awaits (turns after the 200, read receipts during a turn), kept
 * so shutdown and tests can wait for all of it with `idle()`.
 */
export class PendingWork {
  private readonly pending = new Set<Promise<unknown>>();

  /** Remembers `promise` until it settles; returns it unchanged. */
  track<T>(promise: Promise<T>): Promise<T> {
    this.pending.add(promise);
    void promise.then(
      () => this.pending.delete(promise),
      () => this.pending.delete(promise),
    );
    return promise;
  }

  /** Resolves when everything tracked so far, and anything it tracked in turn, has settled. */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }
}
