/**
 * The person documents this process read or wrote in the last minutes, with their ETags, so a
 * person's next message skips the read: a steady turn costs one store call (the conditional
 * replace) instead of two.
 *
 * Why this is safe: every write still carries the ETag it was read with. When another process
 * changed the document meanwhile (another instance, a Chatwoot webhook on another worker, an
 * expiry), the write fails with StorageConflictError, the entry is dropped, and ProBot runs the
 * turn again on a fresh read (bot/turn/retryOnConflict.ts), before any reply is sent. A stale
 * entry costs one wasted run, never a lost update or a wrong answer. With one worker per person
 * (the front door routes each person to one worker) entries are almost never stale.
 *
 * Privacy: entries live in memory only, at most `maxAgeMs` after their last use and at most
 * `maxEntries` of them (the least recently used go first). Documents that are kept only briefly
 * (`keepForSeconds`: a person who has not consented) are not held at all, nor are deleted ones.
 */
import type { Storage, StoreItems } from 'botbuilder';
import { handJson, takeJson } from './documentJson';

export interface RecentStatesOptions {
  /** How long an entry may be used after it was last read or written. Default 10 minutes. */
  maxAgeMs?: number;
  /** Most entries held; the least recently used go first. Default 10,000. */
  maxEntries?: number;
  /** Test seam. */
  now?: () => number;
}

interface Entry {
  /** The document as written, without its eTag (parsed again for each read: turns mutate what they get). */
  json: string;
  eTag: string;
  usedAt: number;
}

export class RecentStates implements Storage {
  private readonly entries = new Map<string, Entry>();
  private readonly maxAgeMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;
  private readonly counts = { hits: 0, misses: 0 };

  constructor(
    private readonly inner: Storage,
    options: RecentStatesOptions = {},
  ) {
    this.maxAgeMs = options.maxAgeMs ?? 10 * 60_000;
    this.maxEntries = Math.max(1, options.maxEntries ?? 10_000);
    this.now = options.now ?? Date.now;
  }

  /** Reads served from memory and from the store (for the benchmark; no keys). */
  figures(): { hits: number; misses: number; held: number } {
    return { ...this.counts, held: this.entries.size };
  }

  async read(keys: string[]): Promise<StoreItems> {
    const items: StoreItems = {};
    const missing: string[] = [];
    for (const key of keys) {
      const entry = this.fresh(key);
      if (entry) {
        const item = { ...JSON.parse(entry.json), eTag: entry.eTag };
        handJson(item, entry.json);
        items[key] = item;
      } else missing.push(key);
    }
    this.counts.hits += keys.length - missing.length;
    this.counts.misses += missing.length;
    if (missing.length === 0) return items;
    const read = await this.inner.read(missing);
    for (const key of missing) {
      const item = read[key] as Record<string, unknown> | undefined;
      if (!item) continue;
      items[key] = item;
      this.hold(key, item);
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    const keys = Object.keys(changes);
    // Dropped first: whatever happens to the write, an entry never outlives a version it may not match.
    for (const key of keys) this.entries.delete(key);
    await this.inner.write(changes);
    // The inner storage put the new eTag on each written object.
    for (const key of keys) this.hold(key, changes[key] as Record<string, unknown> | undefined);
  }

  async delete(keys: string[]): Promise<void> {
    for (const key of keys) this.entries.delete(key);
    await this.inner.delete(keys);
  }

  private fresh(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    const now = this.now();
    if (now - entry.usedAt > this.maxAgeMs) return undefined;
    entry.usedAt = now;
    this.entries.set(key, entry); // most recently used last
    return entry;
  }

  private hold(key: string, item: Record<string, unknown> | undefined): void {
    const handed = takeJson(item);
    const { eTag, ...document } = item ?? {};
    if (typeof eTag !== 'string' || eTag === '*' || typeof document.keepForSeconds === 'number') return;
    this.entries.set(key, { json: handed ?? JSON.stringify(document), eTag, usedAt: this.now() });
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
  }
}
