/**
 * Inbound mapping: a WhatsApp webhook notification → what the adapter does with each item in it.
 *
 * One notification may batch several entries, changes, messages and statuses: all are walked.
 * Text, reply buttons, list rows, template buttons and locations become message activities; media
 * and unsupported messages get a short "text only" reply (media is never downloaded); reactions,
 * contacts and system notices are ignored; statuses are reported for logging only.
 */
import { ActivityTypes } from 'botbuilder';
import type { Activity } from 'botbuilder';
import { isLatitude, isLongitude } from '../../geo/coordinates';
import { cutInboundText } from '../../text/inboundText';

/** The activities' channel id. */
export const WHATSAPP_CHANNEL_ID = 'whatsapp';
/** Stable service URL for WhatsApp conversation references (replies always go to the Graph API). */
export const WHATSAPP_SERVICE_URL = 'whatsapp:';

/** A signed notification whose shape the bot cannot use; answered 200 so Meta does not retry it. */
export class WebhookPayloadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebhookPayloadError';
  }
}

/** Who wrote: `key` is the wa_id when WhatsApp shares it, else the business-scoped user id. */
export interface WhatsAppUser {
  key: string;
  waId?: string;
  userId?: string;
}

export interface WhatsAppErrorInfo {
  code?: number;
  title?: string;
}

/** A message that starts a bot turn (text, button or list reply, template button, location). */
export interface TurnEvent {
  kind: 'turn';
  user: WhatsAppUser;
  messageId: string;
  phoneNumberId: string;
  activity: Partial<Activity>;
}

/** A message the bot cannot read (audio, image, video, document, sticker, unsupported): gets the "text only" reply. */
export interface UnreadableEvent {
  kind: 'unreadable';
  user: WhatsAppUser;
  messageId: string;
  phoneNumberId: string;
  messageType: string;
}

/** Something to skip: reactions, contacts, system notices, messages without sender or id, other fields. */
export interface IgnoredEvent {
  kind: 'ignored';
  messageType: string;
  reason: string;
}

/** Delivery status of a message the bot sent; `failed` carries Meta's error codes. */
export interface StatusEvent {
  kind: 'status';
  status: string;
  messageId?: string;
  recipient?: string;
  errors: WhatsAppErrorInfo[];
}

/** Errors Meta reports about the notification itself (`value.errors`). */
export interface ErrorsEvent {
  kind: 'errors';
  errors: WhatsAppErrorInfo[];
}

export type InboundEvent = TurnEvent | UnreadableEvent | IgnoredEvent | StatusEvent | ErrorsEvent;

const UNREADABLE_TYPES = new Set(['audio', 'voice', 'image', 'video', 'document', 'sticker', 'unsupported', 'order']);
const TURN_TYPES = new Set(['text', 'interactive', 'button', 'location']);
const IGNORED_TYPES = new Set(['reaction', 'contacts', 'system', 'request_welcome', 'ephemeral', 'revoke']);

type Json = Record<string, unknown>;

function record(value: unknown): Json | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function str(value: unknown): string | undefined {
  if (typeof value === 'string' && value.trim()) return value.trim();
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/** Numbers may arrive as numbers or strings; anything else is not a coordinate. */
function coordinate(value: unknown, onTheGlobe: (n: number) => boolean): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() ? Number(value) : NaN;
  return onTheGlobe(n) ? n : undefined;
}

function errorsOf(value: unknown): WhatsAppErrorInfo[] {
  return list(value).map((e) => {
    const err = record(e) ?? {};
    return { code: typeof err.code === 'number' ? err.code : Number(err.code) || undefined, title: str(err.title) };
  });
}

function userOf(message: Json, contacts: Json[]): WhatsAppUser | undefined {
  const waId = str(message.from);
  let userId = str(message.from_user_id);
  if (!userId) {
    // With several contacts, only the one matching `from` is this sender; with one, it is.
    const contact = waId ? contacts.find((c) => str(c.wa_id) === waId) : contacts.length === 1 ? contacts[0] : undefined;
    userId = str(contact?.user_id);
  }
  const key = waId ?? userId;
  return key ? { key, waId, userId } : undefined;
}

function timestampOf(value: unknown): Date {
  const seconds = Number(value);
  return Number.isFinite(seconds) && seconds > 0 ? new Date(seconds * 1000) : new Date();
}

interface ReplyContent {
  text: string;
  value?: Json;
  channelData?: Json;
}

/** The text and value of a message that starts a turn; undefined when it cannot start one. */
function replyContent(message: Json, type: string): ReplyContent | 'unreadable' | undefined {
  switch (type) {
    case 'text': {
      const body = typeof record(message.text)?.body === 'string' ? (record(message.text)?.body as string) : undefined;
      return body && body.trim() ? { text: body } : undefined;
    }
    case 'interactive': {
      const interactive = record(message.interactive) ?? {};
      const reply = record(interactive.button_reply) ?? record(interactive.list_reply);
      const id = str(reply?.id);
      if (!reply || !id) return 'unreadable'; // e.g. a Flows reply (nfm_reply): not used by this bot
      const value: Json = { id, title: str(reply.title) ?? id };
      const description = str(reply.description);
      if (description) value.description = description;
      // The id is the text: it selects the same option a typed answer would.
      return { text: id, value, channelData: { interactiveType: str(interactive.type) } };
    }
    case 'button': {
      const button = record(message.button) ?? {};
      const id = str(button.payload) ?? str(button.text);
      return id ? { text: id, value: { id, title: str(button.text) ?? id } } : undefined;
    }
    case 'location': {
      const location = record(message.location) ?? {};
      const latitude = coordinate(location.latitude, isLatitude);
      const longitude = coordinate(location.longitude, isLongitude);
      if (latitude === undefined || longitude === undefined) return 'unreadable';
      const place: Json = { latitude, longitude };
      const name = str(location.name);
      const address = str(location.address);
      if (name) place.name = name;
      if (address) place.address = address;
      return { text: '', value: { location: place }, channelData: { location: place } };
    }
    default:
      return undefined;
  }
}

function messageEvent(message: Json, contacts: Json[], phoneNumberId: string): InboundEvent {
  const type = str(message.type) ?? 'unknown';
  const messageId = str(message.id);
  const user = userOf(message, contacts);
  if (!messageId || !user) return { kind: 'ignored', messageType: type, reason: messageId ? 'no sender id' : 'no message id' };
  if (IGNORED_TYPES.has(type)) return { kind: 'ignored', messageType: type, reason: 'not a question for the bot' };
  const content = UNREADABLE_TYPES.has(type) ? 'unreadable' : replyContent(message, type);
  if (content === undefined && TURN_TYPES.has(type)) return { kind: 'ignored', messageType: type, reason: 'empty message' };
  // Anything else the bot cannot read (including types Meta adds later) gets the "text only" reply.
  if (content === undefined || content === 'unreadable') return { kind: 'unreadable', user, messageId, phoneNumberId, messageType: type };

  const contextId = str(record(message.context)?.id);
  const activity: Partial<Activity> = {
    type: ActivityTypes.Message,
    id: messageId,
    timestamp: timestampOf(message.timestamp),
    channelId: WHATSAPP_CHANNEL_ID,
    serviceUrl: WHATSAPP_SERVICE_URL,
    conversation: { id: user.key, isGroup: false, conversationType: 'personal', name: '' },
    from: { id: user.key, name: '' },
    recipient: { id: phoneNumberId, name: '' },
    // Cut before anything matches on it: the bot never reads past WhatsApp's own maximum.
    text: cutInboundText(content.text),
    textFormat: 'plain',
    // Keys follow Meta's names (wa_id, user_id) so the logger's redaction list also covers them.
    channelData: {
      messageType: type,
      phone_number_id: phoneNumberId,
      ...(user.waId ? { wa_id: user.waId } : {}),
      ...(user.userId ? { user_id: user.userId } : {}),
      ...(contextId ? { contextMessageId: contextId } : {}),
      ...content.channelData,
    },
  };
  if (content.value) activity.value = content.value;
  return { kind: 'turn', user, messageId, phoneNumberId, activity };
}

function statusEvent(status: Json): StatusEvent {
  return {
    kind: 'status',
    status: str(status.status) ?? 'unknown',
    messageId: str(status.id),
    recipient: str(status.recipient_id) ?? str(status.recipient_user_id),
    errors: errorsOf(status.errors),
  };
}

/** Why a change addressed to another business number is skipped (logged; nobody is answered). */
export const FOREIGN_NUMBER_REASON = 'addressed to another business phone number id';

/**
 * Walks every entry, change, message and status of a webhook notification, in order.
 * With `ownPhoneNumberId`, a change whose `metadata.phone_number_id` is not it becomes one ignored
 * event: an app subscribed for several numbers must not answer for the others.
 * Throws WebhookPayloadError when the payload is not a WhatsApp Business Account notification.
 */
export function parseWebhook(payload: unknown, ownPhoneNumberId?: string): InboundEvent[] {
  const root = record(payload);
  if (!root) throw new WebhookPayloadError('the notification is not a JSON object');
  if (root.object !== 'whatsapp_business_account') {
    throw new WebhookPayloadError(`the notification is for object "${String(root.object)}", not "whatsapp_business_account"`);
  }
  if (!Array.isArray(root.entry)) throw new WebhookPayloadError('the notification has no entry array');

  const events: InboundEvent[] = [];
  for (const entry of root.entry) {
    for (const change of list(record(entry)?.changes)) {
      const c = record(change);
      const field = str(c?.field) ?? 'unknown';
      const value = record(c?.value);
      if (field !== 'messages' || !value) {
        events.push({ kind: 'ignored', messageType: `field:${field}`, reason: 'not a messages notification' });
        continue;
      }
      const phoneNumberId = str(record(value.metadata)?.phone_number_id) ?? '';
      if (ownPhoneNumberId !== undefined && phoneNumberId !== ownPhoneNumberId) {
        events.push({ kind: 'ignored', messageType: 'foreign', reason: FOREIGN_NUMBER_REASON });
        continue;
      }
      const contacts = list(value.contacts).map((x) => record(x) ?? {});
      for (const message of list(value.messages)) {
        const m = record(message);
        events.push(m ? messageEvent(m, contacts, phoneNumberId) : { kind: 'ignored', messageType: 'unknown', reason: 'message is not an object' });
      }
      for (const status of list(value.statuses)) {
        const s = record(status);
        if (s) events.push(statusEvent(s));
      }
      const errors = errorsOf(value.errors);
      if (errors.length) events.push({ kind: 'errors', errors });
    }
  }
  return events;
}
