/**
 * Builds the one CosmosClient a process uses: key auth, Entra ID (managed identity) auth, or the
 * embedded Cosmos-compatible server on loopback. Always with a keep-alive agent: without it the SDK
 * opens a connection per request and is several times slower.
 */
import https from 'node:https';
import { CosmosClient } from '@azure/cosmos';

/** The Azure Cosmos emulator's published well-known key; the embedded server accepts any key. */
export const EMBEDDED_KEY = 'C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==';

export interface CosmosTarget {
  endpoint: string;
  key?: string;
  /** True for the embedded server on loopback, whose bundled TLS certificate expired in 2021. */
  embedded: boolean;
}

export function createCosmosClient(target: CosmosTarget): CosmosClient {
  if (target.embedded) {
    return new CosmosClient({
      endpoint: target.endpoint,
      key: EMBEDDED_KEY,
      // Only this client skips certificate checks, and only for 127.0.0.1; the global TLS setting is untouched.
      agent: new https.Agent({ rejectUnauthorized: false, keepAlive: true }),
      connectionPolicy: { enableEndpointDiscovery: false },
    });
  }
  const agent = new https.Agent({ keepAlive: true });
  if (target.key) return new CosmosClient({ endpoint: target.endpoint, key: target.key, agent });
  // Loaded only here: @azure/identity is large, and the CLI and local runs never need it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { DefaultAzureCredential } = require('@azure/identity') as typeof import('@azure/identity');
  return new CosmosClient({ endpoint: target.endpoint, aadCredentials: new DefaultAzureCredential(), agent });
}
