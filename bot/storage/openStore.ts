/**
 * Opens "the store": Azure Cosmos DB when COSMOS_ENDPOINT is set, else the embedded
 * Cosmos-compatible server. Used by the bot and by the CLI, so both always see the same data.
 */
import https from 'node:https';
import { CosmosClient, Database } from '@azure/cosmos';
import type { CosmosConfig } from '../config';
import type { Logger } from '../logger';
import { Containers, ensureContainers } from './containers';
import { createCosmosClient } from './cosmosClient';
import { EmbeddedCosmos, startEmbeddedCosmos } from './embeddedCosmos';
import { EmbeddedStoreError } from './embeddedStoreError';
import { claimStore, StoreOwner } from './storeOwnership';

export type StoreKind = 'embedded' | 'cosmos';

export interface Store {
  kind: StoreKind;
  /** The Cosmos endpoint in use (for the embedded store: https://127.0.0.1:<port>). */
  endpoint: string;
  client: CosmosClient;
  database: Database;
  containers: Containers;
  /** Resolves when the database answers; rejects with the reason otherwise (used by /healthz). */
  ping(): Promise<void>;
  /** Folds the embedded journal into a snapshot now (no-op on Azure Cosmos DB; every acknowledged write is already durable). */
  flush(): Promise<void>;
  close(): Promise<void>;
}

export interface OpenStoreOptions {
  stateTtlDays: number;
  logger?: Logger;
  /**
   * Who opens the embedded store (storeOwnership.ts): a bot owns it while it runs; a `pro` command
   * uses the running bot's server, else opens the store itself. Default: a bot named "PRO Bot".
   */
  owner?: { role: StoreOwner['role']; command: string };
  /** How long to wait while a `pro` command holds DATA_DIR (default 60 s for a bot, 10 s for a command). */
  ownerWaitMs?: number;
}

/** True when a Cosmos-compatible server already answers on 127.0.0.1:port. */
export function embeddedServerAnswers(port: number, timeoutMs = 1500): Promise<boolean> {
  return new Promise((resolve) => {
    const req = https.get({ host: '127.0.0.1', port, path: '/', rejectUnauthorized: false, timeout: timeoutMs }, (res) => {
      res.resume();
      resolve(res.headers['x-ms-activity-id'] !== undefined);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
  });
}

export async function openStore(config: CosmosConfig, options: OpenStoreOptions): Promise<Store> {
  let embedded: EmbeddedCosmos | undefined;
  let release: (() => Promise<void>) | undefined;
  let client: CosmosClient;
  let kind: StoreKind;
  let endpoint: string;
  if (config.endpoint) {
    endpoint = config.endpoint;
    kind = 'cosmos';
    client = createCosmosClient({ endpoint: config.endpoint, key: config.key, embedded: false });
  } else {
    kind = 'embedded';
    const owner = options.owner ?? { role: 'bot', command: 'PRO Bot' };
    const claim = await claimStore(config.dataDir, { ...owner, waitMs: options.ownerWaitMs ?? (owner.role === 'bot' ? 60000 : 10000) });
    if (claim.kind === 'bot') {
      // The bot owns the store: its server holds each response until the change is on disk.
      if (!(await embeddedServerAnswers(claim.owner.port))) {
        throw new EmbeddedStoreError(`DATA_DIR ${config.dataDir} is held by \`${claim.owner.command}\` (pid ${claim.owner.pid}), but its store on port ${claim.owner.port} does not answer`);
      }
      options.logger?.info({ port: claim.owner.port }, 'using the embedded store of the running bot');
      endpoint = `https://127.0.0.1:${claim.owner.port}`;
      client = createCosmosClient({ endpoint, embedded: true });
    } else {
      try {
        embedded = await startEmbeddedCosmos({ port: config.embeddedPort, dataDir: config.dataDir, logger: options.logger });
        await claim.announce(Number(new URL(embedded.endpoint).port));
      } catch (err) {
        await embedded?.close();
        await claim.release();
        throw err;
      }
      const started = embedded;
      release = async () => {
        await started.close();
        await claim.release();
      };
      endpoint = embedded.endpoint;
      client = embedded.client;
    }
  }
  try {
    const { database } = await client.databases.createIfNotExists({ id: config.database });
    const containers = await ensureContainers(database, options.stateTtlDays);
    return {
      kind,
      endpoint,
      client,
      database,
      containers,
      async ping() {
        await database.read();
      },
      async flush() {
        await embedded?.flush();
      },
      async close() {
        if (release) await release();
        else client.dispose();
      },
    };
  } catch (err) {
    if (release) await release();
    client.dispose();
    throw err;
  }
}
