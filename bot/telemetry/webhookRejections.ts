/**
 * Counts the WhatsApp webhook calls refused for their signature, from the status the receiver
 * answered (401 missing, 403 wrong: DESIGN.md), so the receiver itself needs no telemetry.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { WhatsAppRoutes } from '../channels/whatsapp/routes';
import type { Telemetry } from './telemetry';

export function countSignatureRejections<T extends WhatsAppRoutes>(routes: T, telemetry: () => Telemetry): T {
  return {
    ...routes,
    async receive(req: IncomingMessage, res: ServerResponse): Promise<void> {
      await routes.receive(req, res);
      if (res.statusCode === 401) telemetry().signatureRejected('missing');
      else if (res.statusCode === 403) telemetry().signatureRejected('wrong');
    },
  };
}
