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
  /** Persists pending embedded data now (no-op on Azure Cosmos DB). */
  flush(): Promise<void>;
  close(): Promise<void>;
}

export interface OpenStoreOptions {
  stateTtlDays: number;
  logger?: Logger;
  /**
   * CLI use: when an embedded server already answers on the port (the running bot's), use it
   * instead of starting a second one, so CLI changes reach the bot at once.
   */
  reuseRunningEmbedded?: boolean;
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
  let client: CosmosClient;
  let kind: StoreKind;
  let endpoint: string;
  if (config.endpoint) {
    endpoint = config.endpoint;
    kind = 'cosmos';
    client = createCosmosClient({ endpoint: config.endpoint, key: config.key, embedded: false });
  } else {
    kind = 'embedded';
    if (options.reuseRunningEmbedded && (await embeddedServerAnswers(config.embeddedPort))) {
      options.logger?.info({ port: config.embeddedPort }, 'using the embedded store already running on this port');
      endpoint = `https://127.0.0.1:${config.embeddedPort}`;
      client = createCosmosClient({ endpoint, embedded: true });
    } else {
      embedded = await startEmbeddedCosmos({ port: config.embeddedPort, dataDir: config.dataDir, logger: options.logger });
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
        if (embedded) await embedded.close();
        else client.dispose();
      },
    };
  } catch (err) {
    await embedded?.close();
    client.dispose();
    throw err;
  }
}
