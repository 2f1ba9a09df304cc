/**
 * The two WhatsApp webhook routes as plain handlers over Node's request/response (restify's extend
 * them), so server.ts only mounts them. Mount them with NO body parser: the signature is checked
 * over the raw bytes.
 *
 *   const routes = createWhatsAppRoutes({ adapter, logic: (context) => bot.run(context) });
 *   server.get('/api/whatsapp', routes.verify);
 *   server.post('/api/whatsapp', routes.receive);
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { WhatsAppAdapter } from './whatsAppAdapter';
import type { TurnLogic } from './webhookReceiver';

export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

export interface WhatsAppRoutes {
  /** GET: Meta's verification handshake (echoes hub.challenge, else 403). */
  verify: RouteHandler;
  /** POST: webhook notifications (401/403/413, else 200 and the messages are handled after). */
  receive: RouteHandler;
}

export interface WhatsAppRoutesOptions {
  adapter: WhatsAppAdapter;
  /** The bot's turn handler, e.g. `(context) => bot.run(context)`. */
  logic: TurnLogic;
}

/** Compares secrets in constant time whatever their lengths (hashing first evens the lengths). */
function sameSecret(a: string, b: string): boolean {
  const digest = (s: string): Buffer => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(a), digest(b));
}

/**
 * The challenge to echo when `url` is a valid verification request for `verifyToken`, else undefined.
 * Valid: hub.mode=subscribe, hub.verify_token equal to ours, and a hub.challenge present.
 */
export function verificationChallenge(url: string | undefined, verifyToken: string): string | undefined {
  const params = new URL(url ?? '/', 'http://localhost').searchParams;
  const challenge = params.get('hub.challenge');
  const token = params.get('hub.verify_token');
  if (params.get('hub.mode') !== 'subscribe' || token === null || !challenge) return undefined;
  return sameSecret(token, verifyToken) ? challenge : undefined;
}

function sendText(res: ServerResponse, status: number, body: string): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(body));
  res.end(body);
}

export function createWhatsAppRoutes(options: WhatsAppRoutesOptions): WhatsAppRoutes {
  const { adapter, logic } = options;
  return {
    async verify(req, res) {
      const challenge = verificationChallenge(req.url, adapter.config.verifyToken);
      if (challenge === undefined) sendText(res, 403, 'Forbidden');
      else sendText(res, 200, challenge);
    },
    async receive(req, res) {
      await adapter.processActivity(req, res, logic);
    },
  };
}

/** For both routes when WhatsApp is not configured (DESIGN.md: they answer 404). */
export const whatsAppNotConfigured: RouteHandler = async (_req, res) => {
  sendText(res, 404, 'WhatsApp is not configured on this server');
};
