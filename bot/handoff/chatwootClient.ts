/**
 * The few Chatwoot Application API calls the hand-off needs, as Chatwoot's OpenAPI file
 * (swagger/swagger.json, chatwoot/chatwoot) describes them; every call sends `api_access_token`.
 *
 *   GET    /api/v1/accounts/{a}/contacts/search?q=…          contacts_list_response { payload: [contact] }
 *   POST   /api/v1/accounts/{a}/contacts                     contact_create_payload (inbox_id required)
 *                                                            → { payload: { contact, contact_inbox: { source_id } } }
 *   POST   /api/v1/accounts/{a}/contacts/{id}/contact_inboxes  { inbox_id } → contact_inboxes { source_id }
 *   DELETE /api/v1/accounts/{a}/contacts/{id}
 *   POST   /api/v1/accounts/{a}/conversations                conversation_create_payload (source_id required) → { id }
 *   POST   /api/v1/accounts/{a}/conversations/{id}/messages  conversation_message_create_payload → message
 *   GET    /api/v1/accounts/{a}/conversations/{id}/messages  { payload: [message] } (message_type 0 in, 1 out)
 *   POST   /api/v1/accounts/{a}/conversations/{id}/toggle_status  { status } → { payload: { current_status } }
 *
 * Node's http/https with a keep-alive agent and a hard timeout per call: a person's turn never
 * waits on a hung Chatwoot for longer than `timeoutMs`. Nothing personal is logged or sent: the
 * contact is known by the person's pseudonym only.
 */
import http from 'node:http';
import https from 'node:https';

export interface ChatwootClientOptions {
  baseUrl: string;
  apiToken: string;
  accountId: number;
  inboxId: number;
  /** Timeout of one HTTP call, connection included. Default 4 s. */
  timeoutMs?: number;
}

/** A Chatwoot call failed: no answer in time, a network error, or a non-2xx status. */
export class ChatwootError extends Error {
  constructor(
    message: string,
    readonly operation: string,
    readonly status?: number,
    readonly timedOut = false,
  ) {
    super(message);
    this.name = 'ChatwootError';
  }
}

/** The Chatwoot contact of one person and the source id that ties it to our inbox. */
export interface ChatwootContact {
  contactId: number;
  sourceId: string;
}

/** A message of a conversation as the bot needs it (its text stays in Chatwoot). */
export interface ChatwootMessage {
  id: number;
  content: string;
  /** Written by an advisor (or the API) to the person, and not a private note. */
  toPerson: boolean;
}

/** Conversation custom attributes (theme, department…); values Chatwoot can show. */
export type CustomAttributes = Record<string, string | number | boolean>;

interface ContactInboxJson {
  source_id?: unknown;
  inbox?: { id?: unknown };
}

interface ContactJson {
  id?: unknown;
  identifier?: unknown;
  contact_inboxes?: ContactInboxJson[];
}

function asId(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0 ? value : undefined;
}

/**
 * @example
 * const chatwoot = new ChatwootClient({ baseUrl, apiToken, accountId: 1, inboxId: 3 });
 * const contact = await chatwoot.findOrCreateContact(pseudonymOfPerson);
 * const conversationId = await chatwoot.createConversation(contact, { theme: 'protection' });
 * await chatwoot.postPrivateNote(conversationId, 'Context: …');
 */
export class ChatwootClient {
  private readonly base: URL;
  private readonly agent: http.Agent;
  private readonly transport: typeof http | typeof https;
  private readonly timeoutMs: number;

  constructor(private readonly options: ChatwootClientOptions) {
    this.base = new URL(options.baseUrl.replace(/\/+$/, '') + '/');
    this.transport = this.base.protocol === 'https:' ? https : http;
    this.agent = new this.transport.Agent({ keepAlive: true, maxSockets: 16 });
    this.timeoutMs = options.timeoutMs ?? 4000;
  }

  private get account(): string {
    return `api/v1/accounts/${this.options.accountId}`;
  }

  /**
   * The person's contact (identifier = pseudonym), created when there is none; also makes sure the
   * contact belongs to our inbox, whose `source_id` a conversation needs.
   */
  async findOrCreateContact(identifier: string): Promise<ChatwootContact> {
    const existing = await this.findContact(identifier);
    if (existing) return this.withSourceId(existing);
    try {
      const created = (await this.call('create contact', 'POST', `${this.account}/contacts`, {
        inbox_id: this.options.inboxId,
        identifier,
        // A name advisors can tell apart, never the person's own: the first characters of the pseudonym.
        name: `PRO ${identifier.slice(0, 8)}`,
      })) as { payload?: { contact?: ContactJson; contact_inbox?: ContactInboxJson } } | undefined;
      const contactId = asId(created?.payload?.contact?.id);
      const sourceId = created?.payload?.contact_inbox?.source_id;
      if (contactId === undefined) throw new ChatwootError('Chatwoot created a contact without an id', 'create contact');
      if (typeof sourceId === 'string' && sourceId) return { contactId, sourceId };
      return this.withSourceId({ id: contactId });
    } catch (err) {
      // Another instance created it a moment ago (identifier is unique per account): use that one.
      if (err instanceof ChatwootError && err.status === 422) {
        const raced = await this.findContact(identifier);
        if (raced) return this.withSourceId(raced);
      }
      throw err;
    }
  }

  /** The contact whose identifier is exactly `identifier` (search matches parts of names too). */
  async findContact(identifier: string): Promise<ContactJson | undefined> {
    const found = (await this.call('search contacts', 'GET', `${this.account}/contacts/search?q=${encodeURIComponent(identifier)}`)) as { payload?: ContactJson[] } | undefined;
    return (found?.payload ?? []).find((c) => c.identifier === identifier && asId(c.id) !== undefined);
  }

  /** Opens a conversation for the contact in our inbox; resolves with its id (the one in Chatwoot's URLs). */
  async createConversation(contact: ChatwootContact, customAttributes: CustomAttributes): Promise<number> {
    const created = (await this.call('create conversation', 'POST', `${this.account}/conversations`, {
      source_id: contact.sourceId,
      inbox_id: this.options.inboxId,
      contact_id: contact.contactId,
      status: 'open',
      custom_attributes: customAttributes,
    })) as { id?: unknown } | undefined;
    const id = asId(created?.id);
    if (id === undefined) throw new ChatwootError('Chatwoot created a conversation without an id', 'create conversation');
    return id;
  }

  /** A note only advisors see. Resolves with the message id. */
  postPrivateNote(conversationId: number, content: string): Promise<number> {
    return this.postMessage(conversationId, { content, message_type: 'outgoing', private: true }, 'post private note');
  }

  /** A message from the person, as advisors see it. Resolves with the message id. */
  postIncoming(conversationId: number, content: string): Promise<number> {
    return this.postMessage(conversationId, { content, message_type: 'incoming', private: false }, 'post incoming message');
  }

  /**
   * The conversation's latest messages, oldest first (Chatwoot answers the last 20): what an advisor
   * wrote is read from here when it is delivered, so the bot never keeps it.
   */
  async listMessages(conversationId: number): Promise<ChatwootMessage[]> {
    const found = (await this.call('list messages', 'GET', `${this.account}/conversations/${conversationId}/messages`)) as { payload?: unknown[] } | undefined;
    const messages: ChatwootMessage[] = [];
    for (const item of found?.payload ?? []) {
      const m = item as { id?: unknown; content?: unknown; message_type?: unknown; private?: unknown };
      const id = asId(m.id);
      if (id === undefined) continue;
      const outgoing = m.message_type === 1 || m.message_type === 'outgoing';
      messages.push({ id, content: typeof m.content === 'string' ? m.content : '', toPerson: outgoing && m.private === false });
    }
    return messages.sort((a, b) => a.id - b.id);
  }

  /** Marks the conversation resolved (the person left the hand-off). */
  async resolveConversation(conversationId: number): Promise<void> {
    await this.call('resolve conversation', 'POST', `${this.account}/conversations/${conversationId}/toggle_status`, { status: 'resolved' });
  }

  /** Deletes the contact and, in Chatwoot, its conversations. "Already gone" (404) is not an error. */
  async deleteContact(contactId: number): Promise<void> {
    try {
      await this.call('delete contact', 'DELETE', `${this.account}/contacts/${contactId}`);
    } catch (err) {
      if (err instanceof ChatwootError && err.status === 404) return;
      throw err;
    }
  }

  /** Closes idle keep-alive sockets (at shutdown, and in tests). */
  close(): void {
    this.agent.destroy();
  }

  private async withSourceId(contact: ContactJson): Promise<ChatwootContact> {
    const contactId = asId(contact.id) as number;
    const ours = contact.contact_inboxes?.find((ci) => ci.inbox?.id === this.options.inboxId && typeof ci.source_id === 'string' && ci.source_id);
    if (ours) return { contactId, sourceId: ours.source_id as string };
    const created = (await this.call('create contact inbox', 'POST', `${this.account}/contacts/${contactId}/contact_inboxes`, { inbox_id: this.options.inboxId })) as ContactInboxJson | undefined;
    if (typeof created?.source_id !== 'string' || !created.source_id) throw new ChatwootError('Chatwoot gave no source_id for our inbox', 'create contact inbox');
    return { contactId, sourceId: created.source_id };
  }

  private async postMessage(conversationId: number, body: Record<string, unknown>, operation: string): Promise<number> {
    const created = (await this.call(operation, 'POST', `${this.account}/conversations/${conversationId}/messages`, { ...body, content_type: 'text' })) as { id?: unknown } | undefined;
    const id = asId(created?.id);
    if (id === undefined) throw new ChatwootError('Chatwoot stored a message without an id', operation);
    return id;
  }

  /** One JSON call with the token header and a hard timeout; resolves with the parsed answer. */
  private call(operation: string, method: string, path: string, body?: unknown): Promise<unknown> {
    const url = new URL(path, this.base);
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body), 'utf8');
    return new Promise((resolve, reject) => {
      const req = this.transport.request(
        url,
        {
          method,
          agent: this.agent,
          headers: {
            api_access_token: this.options.apiToken,
            accept: 'application/json',
            ...(payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {}),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            clearTimeout(timer);
            const status = res.statusCode ?? 0;
            const text = Buffer.concat(chunks).toString('utf8');
            if (status < 200 || status >= 300) {
              // The body is not quoted: Chatwoot's errors may echo what was sent.
              reject(new ChatwootError(`Chatwoot ${operation} answered ${status}`, operation, status));
              return;
            }
            try {
              resolve(text ? JSON.parse(text) : undefined);
            } catch {
              reject(new ChatwootError(`Chatwoot ${operation} answered ${status} with a body that is not JSON`, operation, status));
            }
          });
          res.on('error', (err) => {
            clearTimeout(timer);
            reject(new ChatwootError(`Chatwoot ${operation}: ${err.message}`, operation));
          });
        },
      );
      const timer = setTimeout(() => {
        req.destroy(new ChatwootError(`Chatwoot ${operation}: no answer within ${this.timeoutMs} ms`, operation, undefined, true));
      }, this.timeoutMs);
      req.on('error', (err) => {
        clearTimeout(timer);
        reject(err instanceof ChatwootError ? err : new ChatwootError(`Chatwoot ${operation}: ${err.message}`, operation));
      });
      if (payload) req.write(payload);
      req.end();
    });
  }
}
