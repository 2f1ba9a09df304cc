/**
 * The embedded store: @vercel/cosmosdb-server (a Cosmos DB SQL API implementation) served
 * in-process on 127.0.0.1, so a fresh clone runs with no Azure account and the same @azure/cosmos
 * code paths as production.
 *
 * Acknowledged means durable. That server keeps everything in memory; we serve its routes with our
 * own request handler so that every change a request makes is appended to a write-ahead journal
 * (writeJournal.ts) and fsynced before the response leaves (group commit: concurrent writes share
 * one fsync). At start the last snapshot is loaded and the journal replayed over it; then both are
 * compacted into a new snapshot. Compaction runs again when the journal grows and at close. With no
 * change there is no disk write at all: queries, query plans and reads never touch the journal.
 */
import { promises as fs, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { CosmosClient } from '@azure/cosmos';
import Account from '@vercel/cosmosdb-server/lib/account';
import type ItemObject from '@vercel/cosmosdb-server/lib/account/item-object';
import routes from '@vercel/cosmosdb-server/lib/routes';
import type { Logger } from '../logger';
import { accountRecords, applyChange, ChangeRecord, withChangeCapture } from './accountChanges';
import { isExpired } from './containers';
import { createCosmosClient } from './cosmosClient';
import { EmbeddedStoreError } from './embeddedStoreError';
import { installLinearQueries } from './linearQueries';
import { LEGACY_SNAPSHOT_FILE, readLegacySnapshot, readSnapshot, SNAPSHOT_FILE, writeSnapshot } from './storeSnapshot';
import { fsyncDir, journalFile, journalGenerations, readJournal, WriteJournal } from './writeJournal';

export { EmbeddedStoreError } from './embeddedStoreError';
export { SNAPSHOT_FILE } from './storeSnapshot';

/** Compact once the journal is this large (or twice the last snapshot, whichever is larger). */
const COMPACT_MIN_BYTES = 64 * 1024 * 1024;

export interface EmbeddedCosmos {
  endpoint: string;
  client: CosmosClient;
  /** Folds the journal into a new snapshot now, when anything was written since the last one. */
  flush(): Promise<void>;
  /** Flushes, then stops the server. */
  close(): Promise<void>;
}

/** What the last start found on disk (for logs and tests). */
export interface LoadReport {
  snapshotRecords: number;
  journalRecords: number;
  tornTail: boolean;
}

/** The placeholder metrics the package's own handler sends when the SDK asks for them. */
const QUERY_METRICS =
  'totalExecutionTimeInMs=0.00;queryCompileTimeInMs=0.00;queryLogicalPlanBuildTimeInMs=0.00;queryPhysicalPlanBuildTimeInMs=0.00;queryOptimizationTimeInMs=0.00;VMExecutionTimeInMs=0.00;indexLookupTimeInMs=0.00;documentLoadTimeInMs=0.00;systemFunctionExecuteTimeInMs=0.00;userFunctionExecuteTimeInMs=0.00;retrievedDocumentCount=0;retrievedDocumentSize=0;outputDocumentCount=1;outputDocumentSize=0;writeOutputTimeInMs=0.00;indexUtilizationRatio=0.00';
const PACKAGE_DIR = path.dirname(require.resolve('@vercel/cosmosdb-server/package.json'));

async function listen(server: https.Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException): void => {
      server.off('listening', onListening);
      if (err.code === 'EADDRINUSE') {
        reject(new EmbeddedStoreError(`COSMOS_EMBEDDED_PORT: port ${port} is already in use on 127.0.0.1 (another PRO Bot or Cosmos emulator?); choose another port`));
      } else reject(err);
    };
    const onListening = (): void => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, '127.0.0.1');
  });
}

/** Loads the pre-journal snapshot format through the server's own model (new rids and ETags). */
function loadLegacy(account: Account, legacy: NonNullable<Awaited<ReturnType<typeof readLegacySnapshot>>>): number {
  let count = 0;
  for (const db of legacy.databases) {
    if (!account.database(db.id).read()) account.databases.create({ id: db.id });
    const database = account.database(db.id);
    for (const c of db.containers) {
      if (!database.collection(c.id).read()) database.collections.create({ id: c.id, partitionKey: c.partitionKey, defaultTtl: c.defaultTtl });
      const collection = database.collection(c.id);
      for (const item of c.items) {
        collection.documents.upsert(item as ItemObject);
        count++;
      }
    }
  }
  return count;
}

/**
 * Starts the embedded store on 127.0.0.1:`port` (0 = any free port) with its data in `dataDir`.
 * Throws EmbeddedStoreError when the port is taken or the data on disk is unreadable.
 */
export async function startEmbeddedCosmos(options: { port: number; dataDir: string; logger?: Logger }): Promise<EmbeddedCosmos & { loaded: LoadReport }> {
  const { logger } = options;
  installLinearQueries();
  const dataDir = path.resolve(options.dataDir);
  await fs.mkdir(dataDir, { recursive: true });

  let account: Account | undefined;
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  let journal: WriteJournal | undefined;
  /** The journal being retired by a compaction: its last records must still reach the disk. */
  let retiring: Promise<void> = Promise.resolve();
  let generation = 1;
  let compactAtBytes = COMPACT_MIN_BYTES;
  let compacting: Promise<void> | undefined;

  const record = (change: ChangeRecord): void => {
    if (!journal) return;
    journal.append(JSON.stringify(change));
    if (journal.bytes >= compactAtBytes && !compacting) void compact().catch((err: Error) => logger?.error({ err: err.message }, 'embedded store compaction failed'));
  };

  const serve = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    await ready;
    const route = routes(req) as [Record<string, string>, (a: Account, q: IncomingMessage, s: ServerResponse, p: Record<string, string>) => unknown] | undefined;
    let body: Record<string, unknown>;
    if (route) {
      const [params, handler] = route;
      try {
        body = ((await handler(account as Account, req, res, params)) ?? {}) as Record<string, unknown>;
      } catch (err) {
        logger?.error({ err: (err as Error).message, method: req.method }, 'embedded store request failed');
        body = { message: (err as Error).message };
        res.statusCode = 500;
      }
      if (res.statusCode > 399 && !body.message) body.message = '';
    } else {
      res.statusCode = 400;
      body = { message: 'no route' };
    }
    // Acknowledged means durable: whatever this request changed (or read that is not yet on disk) is fsynced first.
    try {
      await Promise.all([journal?.durable(), retiring]);
    } catch (err) {
      logger?.error({ err: (err as Error).message }, 'embedded store journal write failed');
      res.statusCode = 503;
      body = { code: 'ServiceUnavailable', message: 'the embedded store could not save this change to disk' };
    }
    if (body && body._etag) res.setHeader('etag', body._etag as string);
    res.setHeader('content-type', 'application/json');
    res.setHeader('content-location', `https://${req.headers.host}${req.url}`);
    res.setHeader('connection', 'keep-alive');
    res.setHeader('x-ms-activity-id', randomUUID());
    res.setHeader('x-ms-request-charge', '1');
    if (req.headers['x-ms-documentdb-populatequerymetrics']) res.setHeader('x-ms-documentdb-query-metrics', QUERY_METRICS);
    if (req.headers['a-im'] && res.statusCode === 200) {
      if (req.headers['if-none-match']) res.statusCode = 304;
      res.setHeader('etag', '1');
    }
    res.end(JSON.stringify(body));
  };

  const server = https.createServer(
    {
      cert: readFileSync(path.join(PACKAGE_DIR, 'cert.pem')),
      key: readFileSync(path.join(PACKAGE_DIR, 'key.pem')),
      minVersion: 'TLSv1',
      keepAlive: true,
    },
    (req, res) => {
      withChangeCapture(record, () =>
        serve(req, res).catch((err: Error) => {
          logger?.error({ err: err.message }, 'embedded store request failed');
          if (!res.writableEnded) {
            res.statusCode = 500;
            res.end('');
          }
        }),
      );
    },
  );
  const port = await listen(server, options.port);
  const endpoint = `https://127.0.0.1:${port}`;

  /** Rotates the journal, writes every object to a new snapshot, then drops the journals it covers. */
  const compact = (): Promise<void> => {
    if (compacting) return compacting;
    compacting = (async () => {
      const nextGeneration = generation + 1;
      const next = await WriteJournal.open(journalFile(dataDir, nextGeneration));
      // From here to the capture below nothing yields: every later change goes to the new journal.
      const old = journal;
      journal = next;
      generation = nextGeneration;
      retiring = old ? old.close() : Promise.resolve();
      const now = Date.now();
      const records = [...accountRecords(account as Account, (doc) => !isExpired(doc as { expiresAt?: number }, now))];
      await retiring;
      await writeSnapshot(dataDir, nextGeneration, records);
      const { size } = await fs.stat(path.join(dataDir, SNAPSHOT_FILE));
      compactAtBytes = Math.max(COMPACT_MIN_BYTES, 2 * size);
      for (const g of await journalGenerations(dataDir)) if (g < nextGeneration) await fs.rm(journalFile(dataDir, g), { force: true });
      await fs.rm(path.join(dataDir, LEGACY_SNAPSHOT_FILE), { force: true });
      await fsyncDir(dataDir);
    })().finally(() => {
      compacting = undefined;
    });
    return compacting;
  };

  const stop = async (): Promise<void> => {
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections?.();
    });
  };

  const loaded: LoadReport = { snapshotRecords: 0, journalRecords: 0, tornTail: false };
  try {
    account = new Account('127.0.0.1', port);
    const target = account;
    const header = await readSnapshot(dataDir, (change) => {
      applyChange(target, change);
      loaded.snapshotRecords++;
    });
    let legacy = 0;
    if (!header) {
      const old = await readLegacySnapshot(dataDir);
      if (old) legacy = loadLegacy(account, old);
    }
    const first = header?.journal ?? 1;
    for (const g of await journalGenerations(dataDir)) {
      // Older generations were folded into the snapshot before a crash kept them from being removed.
      if (g < first) continue;
      const { records, torn } = await readJournal(journalFile(dataDir, g));
      for (const line of records) applyChange(account, JSON.parse(line) as ChangeRecord);
      loaded.journalRecords += records.length;
      loaded.tornTail ||= torn;
      generation = Math.max(generation, g);
    }
    generation = Math.max(generation, first);
    journal = await WriteJournal.open(journalFile(dataDir, generation));
    if (loaded.journalRecords || loaded.tornTail || legacy || journal.bytes) await compact();
    if (header || legacy || loaded.journalRecords) {
      logger?.info({ snapshot: loaded.snapshotRecords + legacy, journal: loaded.journalRecords, tornTail: loaded.tornTail }, 'embedded store loaded');
    }
  } catch (err) {
    await journal?.close().catch(() => undefined);
    await stop();
    if (err instanceof EmbeddedStoreError) throw err;
    throw new EmbeddedStoreError(`DATA_DIR: could not load the embedded store from ${dataDir} (${(err as Error).message})`);
  }
  markReady();
  const client = createCosmosClient({ endpoint, embedded: true });

  const flush = async (): Promise<void> => {
    if (compacting) await compacting;
    if (journal && (journal.bytes > 0 || journal.appended > 0)) await compact();
  };

  return {
    endpoint,
    client,
    loaded,
    flush,
    async close() {
      client.dispose();
      await stop();
      await flush();
      await journal?.close();
    },
  };
}
