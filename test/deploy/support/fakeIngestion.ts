/**
 * A local stand-in for Application Insights' ingestion endpoint (`/v2.1/track`): it accepts what the
 * Azure Monitor exporter sends and keeps every envelope. The exporter insists on https, so it
 * serves the fixture certificate; the bot process trusts it through NODE_EXTRA_CA_CERTS.
 */
import https from 'node:https';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

export const INGESTION_CERT = path.join(__dirname, '../fixtures/ingestion-cert.pem');
const INGESTION_KEY = path.join(__dirname, '../fixtures/ingestion-key.pem');

export interface Envelope {
  name: string;
  tags?: Record<string, string>;
  data: { baseType: string; baseData: { name?: string; url?: string; data?: string; metrics?: { name: string; value: number; count?: number }[]; properties?: Record<string, string> } };
}

export class FakeIngestion {
  readonly envelopes: Envelope[] = [];
  /** Raw request bodies, for privacy checks over everything that arrived. */
  readonly bodies: string[] = [];

  private constructor(private readonly server: https.Server, readonly port: number) {}

  static async start(): Promise<FakeIngestion> {
    let fake: FakeIngestion | undefined;
    const server = https.createServer({ cert: readFileSync(INGESTION_CERT), key: readFileSync(INGESTION_KEY) }, (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        fake?.bodies.push(body);
        const items = JSON.parse(body) as Envelope[];
        fake?.envelopes.push(...items);
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ itemsReceived: items.length, itemsAccepted: items.length, errors: [] }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    fake = new FakeIngestion(server, (server.address() as AddressInfo).port);
    return fake;
  }

  /** The value for APPLICATIONINSIGHTS_CONNECTION_STRING. */
  get connectionString(): string {
    return `InstrumentationKey=00000000-0000-4000-8000-000000000000;IngestionEndpoint=https://127.0.0.1:${this.port}/`;
  }

  /** Envelopes of one kind: RequestData, RemoteDependencyData, MetricData… */
  ofType(baseType: string): Envelope['data']['baseData'][] {
    return this.envelopes.filter((e) => e.data.baseType === baseType).map((e) => e.data.baseData);
  }

  /** Custom metric points named `name`, with their dimensions. */
  metric(name: string): { value: number; properties: Record<string, string> }[] {
    return this.ofType('MetricData').flatMap((m) => (m.metrics ?? []).filter((p) => p.name === name).map((p) => ({ value: p.value, properties: m.properties ?? {} })));
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }
}
