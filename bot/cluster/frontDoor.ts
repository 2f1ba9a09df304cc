/**
 * The cluster's front door, in the primary, on PORT (node:http only: no restify, botbuilder or
 * Cosmos client here, so this event loop does nothing but answer):
 *   POST /api/whatsapp  read and checked as a single bot does (channels/whatsapp/signedWebhook.ts),
 *                       200 at once, then each person's part handed
 *                       to that person's worker over IPC (deliveries.ts)
 *   GET /healthz        every worker asked, one answer (clusterHealth.ts)
 *   anything else       passed to a worker on its loopback port (proxy.ts), turn by turn
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { DEFAULT_MAX_BODY_BYTES } from '../channels/whatsapp/rawBody';
import { readSignedWebhook, respond } from '../channels/whatsapp/signedWebhook';
import type { Logger } from '../logger';
import { keepIdleConnectionsOpen } from '../keepAlive';
import type { Telemetry } from '../telemetry/telemetry';
import { askWorker, clusterHealth } from './clusterHealth';
import type { Deliveries } from './deliveries';
import { splitNotification } from './notificationParts';
import { createWorkerAgent, proxyToWorker } from './proxy';

export interface FrontDoorOptions {
  /** WHATSAPP_APP_SECRET when WhatsApp is configured; otherwise the worker answers the route (404). */
  appSecret?: string;
  maxBodyBytes?: number;
  deliveries: Deliveries;
  /** Loopback ports of the workers that are up now. */
  workerPorts(): number[];
  expectedWorkers: number;
  storage: string;
  version: string;
  logger: Logger;
  telemetry: () => Telemetry;
}


export function createFrontDoor(options: FrontDoorOptions): http.Server {
  const { appSecret, deliveries, logger } = options;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const agent = createWorkerAgent();
  let turn = 0;

  const receiveWebhook = async (req: IncomingMessage, res: ServerResponse, secret: string): Promise<void> => {
    const answer = await readSignedWebhook(req, secret, maxBodyBytes, logger);
    if (answer.status === 401) options.telemetry().signatureRejected('missing');
    else if (answer.status === 403) options.telemetry().signatureRejected('wrong');
    respond(res, answer);
    if (answer.payload === undefined) return;
    const parts = splitNotification(answer.payload);
    for (const part of parts) deliveries.dispatch(part, Math.ceil((answer.bytes ?? 0) / parts.length));
  };

  const answerHealth = async (res: ServerResponse): Promise<void> => {
    const answers = await Promise.all(options.workerPorts().map((port) => askWorker(port, agent)));
    const { status, body } = clusterHealth({ expectedWorkers: options.expectedWorkers, answers, storage: options.storage, version: options.version, deliveries: deliveries.figures() });
    if (status !== 200) logger.warn({ reason: body.reason }, 'health check: not every bot worker is ok');
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  };

  const passOn = (req: IncomingMessage, res: ServerResponse): void => {
    const ports = options.workerPorts();
    if (ports.length === 0) {
      respond(res, { status: 503, body: 'No bot worker is up yet', close: true });
      req.resume();
      return;
    }
    proxyToWorker(ports[turn++ % ports.length], req, res, agent);
  };

  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    let handled: Promise<void> | undefined;
    if (req.method === 'POST' && path === '/api/whatsapp' && appSecret) handled = receiveWebhook(req, res, appSecret);
    else if (req.method === 'GET' && path === '/healthz') handled = answerHealth(res);
    else passOn(req, res);
    handled?.catch((err: Error) => {
      logger.error({ err: err.message }, 'front door request failed');
      respond(res, { status: 500, body: 'Internal error', close: true });
    });
  });
  keepIdleConnectionsOpen(server);
  server.on('close', () => agent.destroy());
  return server;
}
