/** Shared builders for the WhatsApp tests: webhook payloads shaped like Meta's, and a logger that keeps its lines. */
import { createLogger, type Logger } from '../../bot/logger';

export const PHONE_NUMBER_ID = '106540352242922';
export const WA_ID = '573105556677';
export const BSUID = 'CO.1502576394655843';

export interface MemoryLogger {
  logger: Logger;
  lines: Record<string, unknown>[];
  /** All lines as one string, to search for leaked personal data. */
  text(): string;
}

/** The bot's logger (bot/logger.ts, with its redaction) writing into memory. */
export function memoryLogger(): MemoryLogger {
  const lines: Record<string, unknown>[] = [];
  const raw: string[] = [];
  const logger = createLogger('debug', {
    write(line: string) {
      raw.push(line);
      lines.push(JSON.parse(line) as Record<string, unknown>);
    },
  });
  return { logger, lines, text: () => raw.join('') };
}

let sequence = 0;
/** A fresh wamid-like id (base64-ish, may contain "/" and "=" like real ones). */
export function wamid(): string {
  sequence += 1;
  return `wamid.HBgMNTczMTA1NTU2Njc3FQIAEhgg/${Date.now().toString(36)}${sequence}+Q=`;
}

type Json = Record<string, unknown>;

/** One inbound message object (the `messages[]` item) of type `type`. */
export function message(type: string, content: Json, options: { from?: string | null; id?: string; fromUserId?: string } = {}): Json {
  const m: Json = { id: options.id ?? wamid(), timestamp: '1749416383', type, ...content };
  if (options.from !== null) m.from = options.from ?? WA_ID;
  if (options.fromUserId) m.from_user_id = options.fromUserId;
  return m;
}

export const textMessage = (body: string, options?: Parameters<typeof message>[2]): Json => message('text', { text: { body } }, options);

/** A full webhook notification holding `messages` (and optionally statuses) in one change. */
export function notification(messages: Json[], options: { statuses?: Json[]; contacts?: Json[] } = {}): Json {
  const value: Json = {
    messaging_product: 'whatsapp',
    metadata: { display_phone_number: '573001112233', phone_number_id: PHONE_NUMBER_ID },
  };
  if (messages.length) {
    value.contacts = options.contacts ?? [{ profile: { name: 'María Pérez' }, wa_id: WA_ID, user_id: BSUID }];
    value.messages = messages;
  }
  if (options.statuses) value.statuses = options.statuses;
  return { object: 'whatsapp_business_account', entry: [{ id: '102290129340398', changes: [{ field: 'messages', value }] }] };
}

export function failedStatus(code: number): Json {
  return {
    id: 'wamid.OUTBOUND',
    status: 'failed',
    timestamp: '1749416600',
    recipient_id: WA_ID,
    errors: [{ code, title: 'Re-engagement message', message: 'Re-engagement message' }],
  };
}
