/**
 * The cluster's front door, in the primary, on PORT (node:http only: no restify, botbuilder or
 * Cosmos client here, so this event loop does nothing but answer):
 *   POST /api/whatsapp  raw body read with its bound, X-Hub-Signature-256 checked, 200 at once
 *                       (401/403/413/400 as a single bot answers), then each person's part handed
 *                       to that person's worker over IPC (deliveries.ts)
 *   GET /healthz        every worker asked, one answer (clusterHealth.ts)
 *   anything else       passed to a worker on its loopback port (proxy.ts), turn by turn
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { DEFAULT_MAX_BODY_BYTES, PayloadTooLargeError, readRawBody } from '../channels/whatsapp/rawBody';
import { SIGNATURE_HEADER, verifySignature } from '../channels/whatsapp/signature';
import type { Logger } from '../logger';
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

function respond(res: ServerResponse, status: number, body: string, close = false): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(body));
  // After a refusal the rest of the body is unwanted: do not keep the connection for it.
  if (close) res.setHeader('Connection', 'close');
  res.end(body);
}

export function createFrontDoor(options: FrontDoorOptions): http.Server {
  const { appSecret, deliveries, logger } = options;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const agent = createWorkerAgent();
  let turn = 0;

  const receiveWebhook = async (req: IncomingMessage, res: ServerResponse, secret: string): Promise<void> => {
    const signature = req.headers[SIGNATURE_HEADER];
    if (signature === undefined || signature === '') {
      logger.warn('WhatsApp webhook without X-Hub-Signature-256 rejected');
      options.telemetry().signatureRejected('missing');
      respond(res, 401, 'Missing signature', true);
      return;
    }
    let raw: Buffer;
    try {
      raw = await readRawBody(req, maxBodyBytes);
    } catch (err) {
      if (err instanceof PayloadTooLargeError) {
        logger.warn({ limitBytes: err.limitBytes, receivedBytes: err.receivedBytes }, 'WhatsApp webhook body too large');
        respond(res, 413, 'Payload too large', true);
      } else {
        logger.warn({ err: (err as Error).message }, 'WhatsApp webhook body could not be read');
        respond(res, 400, 'Bad request', true);
      }
      return;
    }
    const check = verifySignature(raw, signature, secret);
    if (check !== 'valid') {
      logger.warn({ check }, 'WhatsApp webhook signature rejected');
      options.telemetry().signatureRejected(check === 'missing' ? 'missing' : 'wrong');
      respond(res, check === 'missing' ? 401 : 403, check === 'missing' ? 'Missing signature' : 'Invalid signature');
      return;
    }
    let payload: unknown;
    try {
      payload = JSON.parse(raw.toString('utf8'));
    } catch {
      // Signed by Meta but unusable: a non-200 answer would only make Meta retry it for days.
      logger.warn({ reason: 'the body is not JSON', bytes: raw.length }, 'WhatsApp webhook payload ignored');
      respond(res, 200, 'OK');
      return;
    }
    respond(res, 200, 'OK');
    const parts = splitNotification(payload);
    for (const part of parts) deliveries.dispatch(part, Math.ceil(raw.length / parts.length));
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
      respond(res, 503, 'No bot worker is up yet', true);
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
      if (!res.headersSent) respond(res, 500, 'Internal error', true);
    });
  });
  server.on('close', () => agent.destroy());
  return server;
}
