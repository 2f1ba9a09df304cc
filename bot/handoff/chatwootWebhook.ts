/**
 * POST /api/chatwoot: Chatwoot's webhook. The signature is checked over the raw bytes before
 * anything else (401 when missing, wrong or stale, and nothing changes); a verified event is handed
 * on, one at a time per Chatwoot conversation so an advisor's replies reach the person in order.
 * The answer waits for the delivery (a failure answers 500, so Chatwoot's retry brings the reply
 * again; delivery is idempotent), but never longer than Chatwoot's own 5-second timeout.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../logger';
import { PayloadTooLargeError, readRawBody } from '../channels/whatsapp/rawBody';
import { KeyedSerialQueue } from '../channels/whatsapp/keyedQueue';
import { settleWithin } from '../timeLimit';
import { type HandoffWebhookEvent, readHandoffWebhook } from './webhookEvents';
import { verifyChatwootSignature } from './webhookSignature';

/** Chatwoot's payloads are small JSON objects; 1 MiB is generous. */
const MAX_BODY_BYTES = 1024 * 1024;
/** Under Chatwoot's webhook timeout (5 s, lib/webhooks/trigger.rb), so a slow delivery is not taken for a failure. */
const ANSWER_WITHIN_MS = 4000;

export interface ChatwootWebhookOptions {
  secret: string;
  /** Delivers an advisor reply or ends a hand-off; rejects when it could not (→ 500, Chatwoot retries). */
  handle(event: Exclude<HandoffWebhookEvent, { kind: 'ignored' }>): Promise<void>;
  logger: Logger;
  now?: () => Date;
}

export interface ChatwootWebhook {
  receive(req: IncomingMessage, res: ServerResponse): Promise<void>;
  /** Resolves when every accepted event has been handled (shutdown, tests). */
  idle(): Promise<void>;
}

function answer(res: ServerResponse, status: number): void {
  if (res.headersSent) return;
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(status < 300 ? '{"ok":true}' : '{"ok":false}');
}

export function createChatwootWebhook(options: ChatwootWebhookOptions): ChatwootWebhook {
  const { secret, handle, logger } = options;
  const now = options.now ?? (() => new Date());
  const queue = new KeyedSerialQueue();
  const inFlight = new Set<Promise<void>>();

  return {
    async receive(req, res) {
      let raw: Buffer;
      try {
        raw = await readRawBody(req, MAX_BODY_BYTES);
      } catch (err) {
        answer(res, err instanceof PayloadTooLargeError ? 413 : 400);
        return;
      }
      const check = verifyChatwootSignature(raw, req.headers, secret, now());
      if (check !== 'valid') {
        logger.warn({ check }, 'Chatwoot webhook refused (signature)');
        answer(res, 401);
        return;
      }
      let body: unknown;
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch {
        logger.warn('Chatwoot webhook body is not JSON (signed; answered 200 so it is not retried)');
        answer(res, 200);
        return;
      }
      const event = readHandoffWebhook(body);
      if (event.kind === 'ignored') {
        logger.debug({ reason: event.reason }, 'Chatwoot webhook ignored');
        answer(res, 200);
        return;
      }
      const task = queue.run(String(event.conversationId), () => handle(event));
      const tracked = task.then(
        () => undefined,
        () => undefined,
      );
      inFlight.add(tracked);
      void tracked.then(() => inFlight.delete(tracked));
      try {
        const done = await settleWithin(
          task.then(() => true),
          ANSWER_WITHIN_MS,
          () => new Error('still delivering'),
        ).catch((err: Error) => (err.message === 'still delivering' ? false : Promise.reject(err)));
        if (!done) logger.info({ kind: event.kind }, 'Chatwoot webhook answered while its delivery goes on');
        answer(res, 200);
      } catch (err) {
        logger.warn({ kind: event.kind, err: (err as Error).message }, 'Chatwoot webhook not handled; Chatwoot will retry');
        answer(res, 500);
      }
    },
    async idle() {
      while (inFlight.size) await Promise.all([...inFlight]);
    },
  };
}
