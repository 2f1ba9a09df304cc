/**
 * Splits a verified WhatsApp notification into one part per person, without botbuilder (the
 * cluster's front door stays light): each part is itself a notification, with that person's
 * messages in their order and the change's metadata and contacts, so the worker parses it exactly
 * as it parses a notification straight from Meta (bot/channels/whatsapp/inbound.ts). Statuses,
 * errors and anything else the front door cannot place go together in one part without a person.
 */
type Json = Record<string, unknown>;

export interface NotificationPart {
  /** Whose messages these are (the key inbound.ts gives the person); undefined for the rest. */
  person?: string;
  /** A notification of the same shape as Meta's. */
  payload: unknown;
}

function record(value: unknown): Json | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
}

function str(value: unknown): string | undefined {
  if (typeof value === 'string' && value.trim()) return value.trim();
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/** The sender's key as inbound.ts derives it: the wa_id, else the business-scoped user id. */
function senderOf(message: Json, contacts: Json[]): string | undefined {
  const waId = str(message.from);
  if (waId) return waId;
  return str(message.from_user_id) ?? (contacts.length === 1 ? str(contacts[0].user_id) : undefined);
}

/**
 * The parts of `payload`, people in the order their first message appears. A notification that
 * is not a WhatsApp Business Account one stays whole (the worker logs why it is ignored).
 */
export function splitNotification(payload: unknown): NotificationPart[] {
  const root = record(payload);
  if (!root || root.object !== 'whatsapp_business_account' || !Array.isArray(root.entry)) return [{ payload }];
  const people = new Map<string, Json[]>();
  const rest: Json[] = [];
  const entryWith = (entry: Json, change: Json): Json => ({ ...entry, changes: [change] });
  for (const item of root.entry) {
    const entry = record(item);
    if (!entry) continue;
    for (const item of Array.isArray(entry.changes) ? entry.changes : []) {
      const change = record(item);
      const value = record(change?.value);
      if (!change || change.field !== 'messages' || !value || !Array.isArray(value.messages)) {
        rest.push(entryWith(entry, item as Json));
        continue;
      }
      const { messages, statuses, errors, ...common } = value;
      const contacts = (Array.isArray(value.contacts) ? value.contacts : []).map((c) => record(c) ?? {});
      const unplaced: unknown[] = [];
      for (const message of messages as unknown[]) {
        const m = record(message);
        const person = m && senderOf(m, contacts);
        if (!person) {
          unplaced.push(message);
          continue;
        }
        const part = people.get(person) ?? [];
        part.push(entryWith(entry, { ...change, value: { ...common, messages: [message] } }));
        people.set(person, part);
      }
      if (unplaced.length || statuses !== undefined || errors !== undefined) {
        rest.push(entryWith(entry, { ...change, value: { ...common, messages: unplaced, ...(statuses !== undefined ? { statuses } : {}), ...(errors !== undefined ? { errors } : {}) } }));
      }
    }
  }
  // The common case, one person and nothing else: the notification as it came.
  if (people.size === 1 && rest.length === 0) return [{ person: [...people.keys()][0], payload }];
  const notification = (entry: Json[]): Json => ({ ...root, entry });
  const parts: NotificationPart[] = [...people].map(([person, entries]) => ({ person, payload: notification(entries) }));
  if (rest.length) parts.push({ payload: notification(rest) });
  return parts;
}
