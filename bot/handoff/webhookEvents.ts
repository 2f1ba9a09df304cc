/**
 * What a Chatwoot webhook means for the bot. Shapes from Chatwoot's webhook docs
 * (chatwoot/docs docs/product/others/webhook-events.md) and its listener
 * (app/listeners/webhook_listener.rb): `message_created` carries the message at the top level
 * (`id`, `content`, `message_type` as a string, `private`, `conversation.id`); a
 * `conversation_status_changed` carries the conversation itself (`id`, `status`).
 * Chatwoot sends every incoming and outgoing message of the inbox, private notes included
 * (Message#webhook_sendable? ignores `private`), so the filter here is what keeps a note, or the
 * bot's own relayed message, from ever reaching the person.
 */

export type HandoffWebhookEvent =
  /** An advisor's public reply: deliver `content` to the person. */
  | { kind: 'advisorReply'; conversationId: number; messageId: number; content: string }
  /** The advisor resolved the conversation: the person is back with the bot. */
  | { kind: 'resolved'; conversationId: number }
  /** Anything else (notes, the bot's own messages, other events): answered 200 and dropped. */
  | { kind: 'ignored'; reason: string };

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function id(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : NaN;
  return Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

/** Reads one webhook body (already verified) into what the bot should do. */
export function readHandoffWebhook(body: unknown): HandoffWebhookEvent {
  if (!isRecord(body)) return { kind: 'ignored', reason: 'body is not a JSON object' };
  const event = body.event;
  if (event === 'message_created') {
    // Older Chatwoot versions send message_type as its integer (1 = outgoing) in some payloads.
    const outgoing = body.message_type === 'outgoing' || body.message_type === 1;
    if (!outgoing) return { kind: 'ignored', reason: 'not an outgoing message' };
    if (body.private !== false) return { kind: 'ignored', reason: 'a private note' };
    const conversationId = id(isRecord(body.conversation) ? body.conversation.id : undefined);
    const messageId = id(body.id);
    const content = typeof body.content === 'string' ? body.content.trim() : '';
    if (conversationId === undefined || messageId === undefined) return { kind: 'ignored', reason: 'no conversation or message id' };
    if (!content) return { kind: 'ignored', reason: 'no text (attachments are not relayed)' };
    return { kind: 'advisorReply', conversationId, messageId, content };
  }
  if (event === 'conversation_status_changed') {
    const conversationId = id(body.id);
    if (conversationId === undefined) return { kind: 'ignored', reason: 'no conversation id' };
    if (body.status !== 'resolved') return { kind: 'ignored', reason: `status ${String(body.status)}` };
    return { kind: 'resolved', conversationId };
  }
  return { kind: 'ignored', reason: `event ${String(event)}` };
}
