/**
 * botbuilder `Storage` over @azure/cosmos (bot state: user profile, consent, dialog stack).
 * - Storage keys hold the channel user id (a phone number on WhatsApp) and "/", which Cosmos ids
 *   forbid. The document id is a SHA-256 of the key: Cosmos-safe, and no phone number is stored
 *   as an id or readable in the database's key space.
 * - ETags are honoured: a write with a concrete eTag fails with StorageConflictError when the
 *   document changed meanwhile; "*" or no eTag means last writer wins (BotState's default).
 *   After a write the new eTag is put back on the written object, so a second save in one turn works.
 * - Documents carry `expiresAt` so state expires on the embedded store too (it ignores TTL).
 */
import { createHash } from 'node:crypto';
import { Container, ErrorResponse } from '@azure/cosmos';
import type { Storage, StoreItems } from 'botbuilder';
import { expiresAt, isExpired } from './containers';

/** Cosmos-safe, fixed-length document id for a storage key (any length, any characters). */
export function documentIdFor(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

export class StorageConflictError extends Error {
  constructor(readonly key: string) {
    super(`State for "${key}" was changed by another turn (ETag mismatch); reload and retry`);
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

function statusOf(err: unknown): number | undefined {
  return (err as ErrorResponse)?.code as number | undefined;
}

export class CosmosBotStorage implements Storage {
  constructor(private readonly container: Container, private readonly ttlSeconds: number) {}

  async read(keys: string[]): Promise<StoreItems> {
    const found = await Promise.all(
      keys.map(async (key) => {
        const { resource } = await this.container.item(documentIdFor(key), documentIdFor(key)).read<StateDocument>();
        if (!resource || isExpired(resource)) return undefined;
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
        const doc: StateDocument = { id, document: state, expiresAt: expiresAt(this.ttlSeconds), ttl: this.ttlSeconds };
        try {
          const { resource } =
            eTag && eTag !== '*'
              ? await this.container.item(id, id).replace(doc, { accessCondition: { type: 'IfMatch', condition: eTag } })
              : await this.container.items.upsert(doc);
          if (change && eTag !== '*' && resource?._etag) (change as { eTag?: string }).eTag = resource._etag;
        } catch (err) {
          // 412: changed since read; 404: deleted since read (e.g. "delete my data" in another turn).
          if (statusOf(err) === 412 || statusOf(err) === 404) throw new StorageConflictError(key);
          throw err;
        }
      }),
    );
  }

  async delete(keys: string[]): Promise<void> {
    await Promise.all(
      keys.map(async (key) => {
        try {
          await this.container.item(documentIdFor(key), documentIdFor(key)).delete();
        } catch (err) {
          if (statusOf(err) !== 404) throw err; // already gone is fine
        }
      }),
    );
  }
}
