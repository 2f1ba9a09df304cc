/**
 * The embedded store: @vercel/cosmosdb-server (a Cosmos DB SQL API implementation) started
 * in-process on 127.0.0.1, so a fresh clone runs with no Azure account and the same @azure/cosmos
 * code paths as production.
 *
 * That server keeps everything in memory. To make data survive a restart we snapshot it to
 * `DATA_DIR/embedded-cosmos.json` once writes pause (at most 2 s after a write, and on close) and load the snapshot
 * at start. Snapshots go through the SDK, so they rely only on the public Cosmos API.
 */
import { promises as fs } from 'node:fs';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import path from 'node:path';
import { CosmosClient } from '@azure/cosmos';
import { createHttpsServer } from '@vercel/cosmosdb-server';
import type { Logger } from '../logger';
import { createCosmosClient } from './cosmosClient';
import { isExpired } from './containers';

export const SNAPSHOT_FILE = 'embedded-cosmos.json';
/** Snapshot once writes pause this long, so a burst of writes (an import) costs one snapshot… */
const SNAPSHOT_QUIET_MS = 300;
/** …but never later than this after the first unsaved write, so steady traffic is still saved. */
const SNAPSHOT_MAX_DELAY_MS = 2000;

interface ContainerSnapshot {
  id: string;
  partitionKey: unknown;
  defaultTtl?: number;
  items: Record<string, unknown>[];
}
interface Snapshot {
  version: 1;
  savedAt: string;
  databases: { id: string; containers: ContainerSnapshot[] }[];
}

export class EmbeddedStoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EmbeddedStoreError';
  }
}

export interface EmbeddedCosmos {
  endpoint: string;
  client: CosmosClient;
  /** Writes any pending snapshot now. */
  flush(): Promise<void>;
  /** Flushes, then stops the server. */
  close(): Promise<void>;
}

const SYSTEM_FIELDS = ['_rid', '_self', '_etag', '_ts', '_attachments'];

function isWrite(req: IncomingMessage): boolean {
  if (req.method === 'GET' || req.method === 'HEAD') return false;
  // Queries are POSTs too, marked by this header; they change nothing.
  return req.headers['x-ms-documentdb-isquery'] === undefined;
}

async function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException): void => {
      server.off('listening', onListening);
      if (err.code === 'EADDRINUSE') {
        reject(new EmbeddedStoreError(`COSMOS_EMBEDDED_PORT: port ${port} is already in use on 127.0.0.1 (another PRO Bot or Cosmos emulator?); choose another port`));
      } else reject(err);
    };
    const onListening = (): void => {
      server.off('error', onError);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, '127.0.0.1');
  });
}

async function readSnapshot(file: string): Promise<Snapshot | undefined> {
  let raw: string;
  try {
    raw = await fs.readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  try {
    const parsed = JSON.parse(raw) as Snapshot;
    if (parsed.version !== 1 || !Array.isArray(parsed.databases)) throw new Error('unknown format');
    return parsed;
  } catch (err) {
    throw new EmbeddedStoreError(`DATA_DIR: ${file} is not a readable PRO Bot snapshot (${(err as Error).message}); move it away to start empty`);
  }
}

async function restore(client: CosmosClient, snapshot: Snapshot): Promise<number> {
  let count = 0;
  for (const db of snapshot.databases) {
    const { database } = await client.databases.createIfNotExists({ id: db.id });
    for (const c of db.containers) {
      const { container } = await database.containers.createIfNotExists({
        id: c.id,
        partitionKey: c.partitionKey as { paths: string[] },
        defaultTtl: c.defaultTtl,
      });
      // Bulk upserts, 100 per request (the server's limit), a few requests in flight.
      const partitionPath = ((c.partitionKey as { paths?: string[] }).paths?.[0] ?? '/id').slice(1).split('/');
      const partitionOf = (item: Record<string, unknown>): string =>
        String(partitionPath.reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], item) ?? '');
      const batches: Record<string, unknown>[][] = [];
      for (let i = 0; i < c.items.length; i += 100) batches.push(c.items.slice(i, i + 100));
      for (let i = 0; i < batches.length; i += 4) {
        await Promise.all(
          batches.slice(i, i + 4).map(async (batch) => {
            const results = await container.items.bulk(
              batch.map((item) => ({ operationType: 'Upsert' as const, partitionKey: partitionOf(item), resourceBody: item as never })),
            );
            const failed = results.filter((r) => r.statusCode >= 400);
            if (failed.length) throw new EmbeddedStoreError(`DATA_DIR: could not restore ${failed.length} items of ${db.id}/${c.id} (status ${failed[0].statusCode})`);
          }),
        );
      }
      count += c.items.length;
    }
  }
  return count;
}

async function takeSnapshot(client: CosmosClient): Promise<Snapshot> {
  const snapshot: Snapshot = { version: 1, savedAt: new Date().toISOString(), databases: [] };
  const { resources: databases } = await client.databases.readAll().fetchAll();
  for (const db of databases) {
    const database = client.database(db.id);
    const { resources: containers } = await database.containers.readAll().fetchAll();
    const entry = { id: db.id, containers: [] as ContainerSnapshot[] };
    for (const def of containers) {
      const { resources } = await database.container(def.id).items.readAll().fetchAll();
      const items = resources
        .filter((item) => !isExpired(item as { expiresAt?: number }))
        .map((item) => {
          const copy: Record<string, unknown> = { ...item };
          for (const field of SYSTEM_FIELDS) delete copy[field];
          return copy;
        });
      entry.containers.push({ id: def.id, partitionKey: def.partitionKey, defaultTtl: def.defaultTtl, items });
    }
    snapshot.databases.push(entry);
  }
  return snapshot;
}

/**
 * Starts the embedded store on 127.0.0.1:`port` (0 = any free port) with its data in `dataDir`.
 * Throws EmbeddedStoreError when the port is taken or the snapshot is unreadable.
 */
export async function startEmbeddedCosmos(options: { port: number; dataDir: string; logger?: Logger }): Promise<EmbeddedCosmos> {
  const { dataDir, logger } = options;
  const file = path.resolve(dataDir, SNAPSHOT_FILE);
  const snapshot = await readSnapshot(file);
  await fs.mkdir(path.dirname(file), { recursive: true });

  const server = createHttpsServer({ keepAlive: true } as never) as unknown as Server;
  const port = await listen(server, options.port);
  const endpoint = `https://127.0.0.1:${port}`;
  const client = createCosmosClient({ endpoint, embedded: true });

  let restoring = true;
  let dirty = false;
  let timer: NodeJS.Timeout | undefined;
  let firstUnsavedAt = 0;
  let saving: Promise<void> | undefined;

  const save = async (): Promise<void> => {
    dirty = false;
    const data = await takeSnapshot(client);
    const tmp = `${file}.${process.pid}.tmp`;
    await fs.writeFile(tmp, JSON.stringify(data));
    await fs.rename(tmp, file); // atomic: a crash mid-write never leaves a half file
  };
  const runSave = (): Promise<void> => {
    if (!saving) {
      saving = save()
        .catch((err: Error) => logger?.error({ err: err.message }, 'embedded store snapshot failed'))
        .finally(() => {
          saving = undefined;
          if (dirty) schedule();
        });
    }
    return saving;
  };
  const schedule = (): void => {
    if (restoring) return;
    const now = Date.now();
    if (!timer) firstUnsavedAt = now;
    else clearTimeout(timer);
    const delay = Math.max(0, Math.min(SNAPSHOT_QUIET_MS, firstUnsavedAt + SNAPSHOT_MAX_DELAY_MS - now));
    timer = setTimeout(() => {
      timer = undefined;
      void runSave();
    }, delay);
    timer.unref();
  };

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (!isWrite(req)) return;
    res.once('finish', () => {
      if (res.statusCode < 400) {
        dirty = true;
        schedule();
      }
    });
  });

  if (snapshot) {
    const count = await restore(client, snapshot);
    logger?.info({ items: count, savedAt: snapshot.savedAt }, 'embedded store restored from snapshot');
  }
  restoring = false;

  const flush = async (): Promise<void> => {
    if (timer) {
      clearTimeout(timer);
      timer = undefined;
    }
    if (saving) await saving;
    if (dirty) await runSave();
  };

  return {
    endpoint,
    client,
    flush,
    async close() {
      await flush();
      client.dispose();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections?.();
      });
    },
  };
}
