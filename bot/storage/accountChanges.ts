/**
 * Changes to the embedded server's in-memory data, as journal records, and their replay.
 *
 * @vercel/cosmosdb-server keeps databases, containers and documents in `Items` maps. Every change —
 * create, replace, upsert, patch, delete, bulk, container and database creation — ends in
 * `Items._set(data)` or `Items.delete(rid)`; we observe those two methods. Recording the resulting
 * object (system fields included) rather than the request makes replay deterministic: a patch `incr`
 * is never applied twice, and ETags survive a restart. Only changes made while serving a request
 * of a journaled server are recorded (an AsyncLocalStorage tells which), so replay itself is not.
 *
 * The package's internals are relied on here and only here; its version is pinned in package.json.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import Account from '@vercel/cosmosdb-server/lib/account';
import Collections from '@vercel/cosmosdb-server/lib/account/collections';
import Databases from '@vercel/cosmosdb-server/lib/account/databases';
import Documents from '@vercel/cosmosdb-server/lib/account/documents';
import type ItemObject from '@vercel/cosmosdb-server/lib/account/item-object';
import Items from '@vercel/cosmosdb-server/lib/account/items';

type AnyItems = Items<never, never>;

/** `s`: this object is now stored (at `_self`); `d`: the object at `self` is gone. `n`: the map's rid counter. */
export type ChangeRecord = { o: 's'; d: ItemObject; n: number } | { o: 'd'; self: string; rid: string };

/** Receives each change made while serving a request. */
export type ChangeSink = (record: ChangeRecord) => void;

const current = new AsyncLocalStorage<ChangeSink>();
let installed = false;

function isJournaled(items: unknown): boolean {
  // Partition key ranges are recreated with their container; user-defined functions are not used.
  return items instanceof Documents || items instanceof Collections || items instanceof Databases;
}

function install(): void {
  if (installed) return;
  installed = true;
  const proto = Items.prototype as unknown as {
    _set(this: AnyItems, data: ItemObject): ItemObject;
    delete(this: AnyItems, idOrRid: string, partition: unknown): void;
  };
  const set = proto._set;
  const remove = proto.delete;
  proto._set = function (this: AnyItems, data: ItemObject): ItemObject {
    const result = set.call(this, data);
    const sink = current.getStore();
    if (sink && isJournaled(this)) sink({ o: 's', d: data, n: this._ridCount });
    return result;
  };
  proto.delete = function (this: AnyItems, idOrRid: string, partition: unknown): void {
    const sink = current.getStore();
    const gone = sink && isJournaled(this) ? (this._item('/id', idOrRid, partition as never) as { read(): ItemObject | undefined }).read() : undefined;
    remove.call(this, idOrRid, partition);
    if (sink && gone) sink({ o: 'd', self: gone._self, rid: gone._rid });
  };
}

/** Runs `work` (a request's handling) so that the changes it makes reach `sink`. */
export function withChangeCapture<T>(sink: ChangeSink, work: () => T): T {
  install();
  return current.run(sink, work);
}

/**
 * The map that holds the object with this `_self` and `_rid`. Rids are base64 and may contain "/",
 * so paths are taken apart by the known rid at their end, and parents found by their own `_self`.
 */
function itemsAt(account: Account, self: string, rid: string): AnyItems {
  if (self === `/dbs/${rid}`) return account.databases as unknown as AnyItems;
  const databases = [...(account.databases as unknown as AnyItems)._data.values()] as unknown as { read(): ItemObject; collections: AnyItems }[];
  if (self.endsWith(`/colls/${rid}`)) {
    const parent = self.slice(0, -`/colls/${rid}`.length);
    const database = databases.find((db) => db.read()._self === parent);
    if (!database) throw new Error(`journal: the database of ${self} is missing`);
    return database.collections;
  }
  if (self.endsWith(`/docs/${rid}/`)) {
    const parent = self.slice(0, -`/docs/${rid}/`.length);
    for (const db of databases) {
      const collection = ([...db.collections._data.values()] as unknown as { read(): ItemObject; documents: AnyItems }[]).find((c) => c.read()._self === parent);
      if (collection) return collection.documents;
    }
    throw new Error(`journal: the container of ${self} is missing`);
  }
  throw new Error(`journal: unexpected path ${self}`);
}

/** Applies one recorded change to the in-memory data (replay at start). */
export function applyChange(account: Account, record: ChangeRecord): void {
  if (record.o === 's') {
    const items = itemsAt(account, record.d._self, record.d._rid);
    const old = items._data.get(record.d._rid) as { read(): ItemObject | undefined } | undefined;
    // A replace keeps the rid; drop the old version's index entries first, as the server does.
    if (old?.read()) items.delete(record.d._rid, undefined as never);
    items._set(record.d);
    items._ridCount = Math.max(items._ridCount, record.n);
  } else {
    const items = itemsAt(account, record.self, record.rid);
    if ((items._data.get(record.rid) as { read(): unknown } | undefined)?.read()) items.delete(record.rid, undefined as never);
  }
}

/** Every stored object as `s` records, parents before children: the content of a snapshot. */
export function* accountRecords(account: Account, keep: (doc: ItemObject) => boolean = () => true): Generator<ChangeRecord> {
  const databases = account.databases as unknown as AnyItems;
  for (const dbItem of [...databases._data.values()] as { read(): ItemObject; collections: AnyItems }[]) {
    yield { o: 's', d: dbItem.read(), n: databases._ridCount };
    const collections = dbItem.collections;
    for (const collItem of [...collections._data.values()] as { read(): ItemObject; documents: AnyItems }[]) {
      yield { o: 's', d: collItem.read(), n: collections._ridCount };
      const documents = collItem.documents;
      for (const docItem of [...documents._data.values()] as { read(): ItemObject }[]) {
        const doc = docItem.read();
        if (keep(doc)) yield { o: 's', d: doc, n: documents._ridCount };
      }
    }
  }
}
