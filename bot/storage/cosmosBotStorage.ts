/**
 * botbuilder `Storage` over @azure/cosmos (bot state: user profile, consent, dialog stack).
 * - Storage keys contain "/" (e.g. "emulator/conversations/abc"), which Cosmos ids forbid: escaped.
 * - ETags are honoured: a write with a concrete eTag fails with StorageConflictError when the
 *   document changed meanwhile; "*" or no eTag means last writer wins (BotState's default).
 * - Documents carry `expiresAt` so state expires on the embedded store too (it ignores TTL).
 */
import { createHash } from 'node:crypto';
import { Container, ErrorResponse } from '@azure/cosmos';
import type { Storage, StoreItems } from 'botbuilder';
import { expiresAt, isExpired } from './containers';

const FORBIDDEN = /[\/\\?#*]/g;
const MAX_ID_LENGTH = 255;

/** Reversible, Cosmos-safe id for a storage key; very long keys are shortened with a hash. */
export function escapeKey(key: string): string {
  const escaped = key.replace(FORBIDDEN, (c) => `*${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
  if (escaped.length <= MAX_ID_LENGTH) return escaped;
  const hash = createHash('sha256').update(key).digest('hex');
  return `${escaped.slice(0, MAX_ID_LENGTH - hash.length - 1)}*${hash}`;
}

export class StorageConflictError extends Error {
  constructor(readonly key: string) {
    super(`State for "${key}" was changed by another turn (ETag mismatch); reload and retry`);
    this.name = 'StorageConflictError';
  }
}

interface StateDocument {
  id: string;
  key: string;
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
        const { resource } = await this.container.item(escapeKey(key), escapeKey(key)).read<StateDocument>();
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
        const id = escapeKey(key);
        const doc: StateDocument = { id, key, document: state, expiresAt: expiresAt(this.ttlSeconds), ttl: this.ttlSeconds };
        try {
          if (eTag && eTag !== '*') {
            await this.container.item(id, id).replace(doc, { accessCondition: { type: 'IfMatch', condition: eTag } });
          } else {
            await this.container.items.upsert(doc);
          }
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
          await this.container.item(escapeKey(key), escapeKey(key)).delete();
        } catch (err) {
          if (statusOf(err) !== 404) throw err; // already gone is fine
        }
      }),
    );
  }
}
