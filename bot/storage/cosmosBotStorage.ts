/**
 * botbuilder `Storage` over @azure/cosmos (bot state: user profile, consent, dialog stack).
 * - Storage keys hold the channel user id (a phone number on WhatsApp) and "/", which Cosmos ids
 *   forbid. The document id is a SHA-256 of the key: Cosmos-safe, and no phone number is stored
 *   as an id or readable in the database's key space.
 * - ETags are honoured: a write with a concrete eTag fails with StorageConflictError when the
 *   document changed meanwhile, and a write with no eTag (a new document) fails when another turn
 *   created it first; "*" means last writer wins (botbuilder's BotState always writes "*").
 *   After a write the new eTag is put back on the written object, so a second save in one turn works.
 * - Documents carry `expiresAt` so state expires on the embedded store too (it ignores TTL).
 * - Every call has a deadline (a person is waiting on it): StoreDeadlineError past it.
 */
import { Container } from '@azure/cosmos';
import type { Storage, StoreItems } from 'botbuilder';
import { pseudonym } from '../pseudonym';
import { expiresAt, isExpired } from './containers';
import { statusOf } from './cosmosErrors';
import { DEFAULT_STORE_DEADLINES, type StoreDeadlines, withDeadline } from './deadline';
import { type GroupCommit, groupCommitFor } from './groupCommit';

/** Cosmos-safe, fixed-length document id for a storage key (any length, any characters), keyed by HASH_SECRET. */
export function documentIdFor(key: string): string {
  return pseudonym(key, 'state');
}

export class StorageConflictError extends Error {
  /** The document id (a pseudonym): the storage key itself holds the phone number and must not reach logs. */
  constructor(readonly documentId: string) {
    super(`State document ${documentId.slice(0, 16)}… was changed by another turn (ETag mismatch); reload and retry`);
    this.name = 'StorageConflictError';
  }
}

interface StateDocument {
  id: string;
  document: Record<string, unknown>;
  expiresAt: number;
  ttl?: number;
  _etag?: string;
}

export class CosmosBotStorage implements Storage {
  /** Reads and writes of many people's turns at once share store requests (groupCommit.ts). */
  private readonly calls: GroupCommit;

  constructor(
    private readonly container: Container,
    private readonly ttlSeconds: number,
    private readonly deadlines: StoreDeadlines = DEFAULT_STORE_DEADLINES,
  ) {
    this.calls = groupCommitFor(container);
  }

  async read(keys: string[]): Promise<StoreItems> {
    const found = await Promise.all(
      keys.map(async (key) => {
        const id = documentIdFor(key);
        const { resource } = await withDeadline(this.deadlines.readMs, 'state read', (abortSignal) => this.calls.run<StateDocument>({ kind: 'read', id }, abortSignal));
        if (!resource) return undefined;
        if (isExpired(resource)) {
          // Gone for the bot; removed now where the store did not expire it, so a new one can be created.
          await withDeadline(this.deadlines.writeMs, 'expired state delete', (abortSignal) => this.container.item(id, id).delete({ abortSignal })).catch((err: unknown) => {
            if (statusOf(err) !== 404) throw err;
          });
          return undefined;
        }
        return [key, { ...resource.document, eTag: resource._etag }] as const;
      }),
    );
    const items: StoreItems = {};
    for (const entry of found) if (entry) items[entry[0]] = entry[1];
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    await Promise.all(
      Object.entries(changes).map(async ([key, change]) => {
        const { eTag, ...state } = (change ?? {}) as Record<string, unknown> & { eTag?: string };
        const id = documentIdFor(key);
        // A document may ask to live shorter (a person who has not consented: ProBot's keepForSeconds).
        const ttl = typeof state.keepForSeconds === 'number' && state.keepForSeconds < this.ttlSeconds ? state.keepForSeconds : this.ttlSeconds;
        const doc: StateDocument = { id, document: state, expiresAt: expiresAt(ttl), ttl };
        // A concrete eTag: replace only that version. None: the document must not exist yet (two
        // instances creating a new person's state at once → one conflicts). "*": overwrite.
        const { status, resource } = await withDeadline(this.deadlines.writeMs, 'state write', (abortSignal) =>
          this.calls.run<StateDocument>(eTag === '*' ? { kind: 'upsert', doc } : eTag ? { kind: 'replace', doc, ifMatch: eTag } : { kind: 'create', doc }, abortSignal),
        );
        // 412: changed since read; 404: deleted since read ("delete my data" in another turn); 409: created meanwhile.
        if (status === 412 || status === 404 || status === 409) throw new StorageConflictError(id);
        if (change && eTag !== '*' && resource?._etag) (change as { eTag?: string }).eTag = resource._etag;
      }),
    );
  }

  async delete(keys: string[]): Promise<void> {
    await Promise.all(
      keys.map(async (key) => {
        try {
          await withDeadline(this.deadlines.writeMs, 'state delete', (abortSignal) => this.container.item(documentIdFor(key), documentIdFor(key)).delete({ abortSignal }));
        } catch (err) {
          if (statusOf(err) !== 404) throw err; // already gone is fine
        }
      }),
    );
  }
}
