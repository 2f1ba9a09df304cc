/**
 * /healthz of the whole cluster: every worker's own /healthz asked at once, answered as one JSON
 * with today's fields (status, storage, version, whatsappLine; DESIGN.md) and each worker's
 * figures listed. "ok" only when every worker answers ok. Counts and times only, no personal data.
 */
import http from 'node:http';
import type { DeliveryFigures } from './deliveries';

/** A bit more than a worker's own storage ping limit (server.ts), so its 503 arrives first. */
const WORKER_TIMEOUT_MS = 3500;

type Json = Record<string, unknown>;

export interface WorkerAnswer {
  /** HTTP status, 0 when the worker did not answer. */
  status: number;
  body?: Json;
}

/** GETs /healthz of the worker on 127.0.0.1:port. */
export function askWorker(port: number, agent: http.Agent): Promise<WorkerAnswer> {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/healthz', agent, timeout: WORKER_TIMEOUT_MS }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        try {
          resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Json });
        } catch {
          resolve({ status: res.statusCode ?? 0 });
        }
      });
      res.on('error', () => resolve({ status: 0 }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve({ status: 0 }));
  });
}

/**
 * The workers' WhatsApp lines as one: counts added up, times (…Ms) the longest, `crowded` if any is.
 * Undefined when no worker reports a line (WhatsApp not configured).
 */
export function combineLines(lines: Json[]): Json | undefined {
  if (lines.length === 0) return undefined;
  const combined: Json = {};
  for (const line of lines) {
    for (const [name, value] of Object.entries(line)) {
      const before = combined[name];
      if (typeof value === 'boolean') combined[name] = before === true || value;
      else if (typeof value === 'number') combined[name] = name.endsWith('Ms') ? Math.max(Number(before ?? 0), value) : Number(before ?? 0) + value;
    }
  }
  return combined;
}

export interface ClusterHealthInput {
  expectedWorkers: number;
  answers: WorkerAnswer[];
  storage: string;
  version: string;
  deliveries?: DeliveryFigures;
}

/** The status code and body of the cluster's /healthz. */
export function clusterHealth(input: ClusterHealthInput): { status: number; body: Json } {
  const { expectedWorkers, answers, storage, version, deliveries } = input;
  const ok = answers.filter((a) => a.status === 200 && a.body?.status === 'ok').length;
  const lines = answers.map((a) => a.body?.whatsappLine).filter((l): l is Json => typeof l === 'object' && l !== null);
  const whatsappLine = combineLines(lines);
  const workers = answers.map((a) => ({ status: a.status === 0 ? 'no answer' : String(a.body?.status ?? a.status), ...(a.body?.whatsappLine ? { whatsappLine: a.body.whatsappLine } : {}) }));
  const common = { storage, version, ...(whatsappLine ? { whatsappLine } : {}), workers, ...(deliveries ? { frontDoor: deliveries } : {}) };
  if (ok === expectedWorkers && answers.length === expectedWorkers) return { status: 200, body: { status: 'ok', ...common } };
  // One worker's own reason says most (e.g. storage unreachable); otherwise how many answered.
  const reason = answers.map((a) => a.body?.reason).find((r): r is string => typeof r === 'string') ?? `${ok} of ${expectedWorkers} bot workers answered ok`;
  return { status: 503, body: { status: 'unavailable', ...common, reason } };
}
