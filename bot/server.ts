/**
 * HTTP routes (restify) and nothing else: every route hands over to an adapter or a probe.
 *   POST /api/messages   Bot Framework activities (Emulator, Azure Bot Service)
 *   GET/POST /api/whatsapp  Meta's webhook (only when WhatsApp is configured; 404 otherwise)
 *   POST /api/chatwoot   Chatwoot's webhook for the hand-off (only when Chatwoot is configured)
 *   GET /healthz         liveness plus storage reachability, and the WhatsApp line (length, waits)
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import restify, { Request, Response, Server } from 'restify';
import type { TurnContext } from 'botbuilder';
import type { BotFrameworkChannelAdapter } from './channels/botFrameworkAdapter';
import type { WhatsAppRoutes } from './channels/whatsapp/routes';
import type { Logger } from './logger';
import type { StoreKind } from './storage/openStore';
import { keepIdleConnectionsOpen } from './keepAlive';
import { settleWithin } from './timeLimit';

export interface ServerOptions {
  botFrameworkAdapter: BotFrameworkChannelAdapter;
  runTurn(context: TurnContext): Promise<void>;
  storage: { kind: StoreKind; ping(): Promise<void> };
  /** The WhatsApp webhook handlers; they read the raw body themselves (signature over raw bytes). */
  whatsapp?: WhatsAppRoutes;
  /** Chatwoot's webhook for the hand-off (bot/handoff/chatwootWebhook.ts); it reads and verifies the raw body itself. */
  chatwoot?: { receive(req: IncomingMessage, res: ServerResponse): Promise<void> };
  /** The WhatsApp line's figures for /healthz (counts and milliseconds, no personal data). */
  webhookLine?: () => object;
  version: string;
  logger: Logger;
}

const HEALTH_TIMEOUT_MS = 3000;

export function createServer(options: ServerOptions): Server {
  const { botFrameworkAdapter, runTurn, storage, whatsapp, chatwoot, webhookLine, version, logger } = options;
  const server = restify.createServer({ name: 'pro-bot', handleUncaughtExceptions: false });
  keepIdleConnectionsOpen(server.server);

  server.post('/api/messages', restify.plugins.bodyParser({ maxBodySize: 256 * 1024, mapParams: false }), async (req: Request, res: Response) => {
    const authorization = typeof req.headers.authorization === 'string' ? req.headers.authorization : undefined;
    const answer = await botFrameworkAdapter.answer(req.body, authorization, runTurn);
    if (answer.status >= 400) logger.info({ status: answer.status }, 'Bot Framework request refused');
    if (answer.body === undefined) res.send(answer.status);
    else res.send(answer.status, answer.body);
  });

  if (whatsapp) {
    // restify ≥ 9 only accepts `async` handlers (or ones taking `next`).
    server.get('/api/whatsapp', async (req: Request, res: Response) => whatsapp.verify(req, res));
    server.post('/api/whatsapp', async (req: Request, res: Response) => whatsapp.receive(req, res));
  }

  if (chatwoot) server.post('/api/chatwoot', async (req: Request, res: Response) => chatwoot.receive(req, res));

  server.get('/healthz', async (_req: Request, res: Response) => {
    try {
      await settleWithin(storage.ping(), HEALTH_TIMEOUT_MS, () => new Error(`no answer within ${HEALTH_TIMEOUT_MS} ms`));
      res.send(200, { status: 'ok', storage: storage.kind, version, ...(webhookLine ? { whatsappLine: webhookLine() } : {}) });
    } catch (err) {
      logger.warn({ err: (err as Error).message }, 'health check: storage unreachable');
      res.send(503, { status: 'unavailable', storage: storage.kind, version, reason: `storage unreachable: ${(err as Error).message}` });
    }
  });

  return server;
}
