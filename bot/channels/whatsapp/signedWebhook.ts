/**
 * Meta's webhook POST as both doors read it (the bot's WebhookReceiver and, with several workers,
 * the cluster's front door): the raw body within its bound, X-Hub-Signature-256 checked over it
 * before anything else, then parsed. No botbuilder here, so the front door stays light.
 *   401 no signature · 413 too large · 400 unreadable body · 403 wrong signature
 *   200 with the notification; 200 without one for a signed body that is not JSON (a non-200
 *   answer would only make Meta retry it for days)
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../../logger';
import { PayloadTooLargeError, readRawBody } from './rawBody';
import { SIGNATURE_HEADER, verifySignature } from './signature';

export interface SignedWebhook {
  status: number;
  body: string;
  /** A refusal before the body was read: the connection is not kept for the rest of it. */
  close?: boolean;
  /** The parsed notification, when it was signed and JSON. */
  payload?: unknown;
  /** Size of the raw body (for logs). */
  bytes?: number;
}

/** Reads and checks one webhook request (see the file's header for the answers). */
export async function readSignedWebhook(req: IncomingMessage, appSecret: string, maxBodyBytes: number, logger: Logger): Promise<SignedWebhook> {
  const signature = req.headers[SIGNATURE_HEADER];
  if (signature === undefined || signature === '') {
    logger.warn('WhatsApp webhook without X-Hub-Signature-256 rejected');
    return { status: 401, body: 'Missing signature', close: true };
  }
  let raw: Buffer;
  try {
    raw = await readRawBody(req, maxBodyBytes);
  } catch (err) {
    if (err instanceof PayloadTooLargeError) {
      logger.warn({ limitBytes: err.limitBytes, receivedBytes: err.receivedBytes }, 'WhatsApp webhook body too large');
      return { status: 413, body: 'Payload too large', close: true };
    }
    logger.warn({ err: (err as Error).message }, 'WhatsApp webhook body could not be read');
    return { status: 400, body: 'Bad request', close: true };
  }
  return checkSignedBody(raw, signature, appSecret, logger);
}

/** The signature and JSON checks over a raw body already read. */
export function checkSignedBody(raw: Buffer, signature: string | string[] | undefined, appSecret: string, logger: Logger): SignedWebhook {
  const check = verifySignature(raw, signature, appSecret);
  if (check !== 'valid') {
    logger.warn({ check }, 'WhatsApp webhook signature rejected');
    return check === 'missing' ? { status: 401, body: 'Missing signature' } : { status: 403, body: 'Invalid signature' };
  }
  try {
    return { status: 200, body: 'OK', payload: JSON.parse(raw.toString('utf8')), bytes: raw.length };
  } catch {
    logger.warn({ reason: 'the body is not JSON', bytes: raw.length }, 'WhatsApp webhook payload ignored');
    return { status: 200, body: 'OK', bytes: raw.length };
  }
}

/** Writes a plain-text answer (once: a second call is ignored). */
export function respond(res: ServerResponse, answer: Pick<SignedWebhook, 'status' | 'body' | 'close'>): void {
  if (res.headersSent) return;
  res.statusCode = answer.status;
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(answer.body));
  if (answer.close) res.setHeader('Connection', 'close');
  res.end(answer.body);
}
