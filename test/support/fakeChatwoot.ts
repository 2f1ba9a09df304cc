/**
 * Test helper: a local fake of the Chatwoot Application API and of its webhooks, on 127.0.0.1.
 *
 * Built from Chatwoot's OpenAPI file (swagger/swagger.json in chatwoot/chatwoot; the schemas named
 * below) and its webhook docs: it checks the `api_access_token` header and each payload's required
 * fields, answers with the documented response shapes, records every request, and, like a real
 * API-channel inbox, posts a signed webhook to the bot for every message created in a conversation
 * (advisor replies, the bot's own relayed messages, private notes) and every status change.
 * Failures on demand: an error status or no answer at all (a hung Chatwoot).
 */
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { signChatwootPayload } from '../../bot/handoff/webhookSignature';

export interface ChatwootRequest {
  method: string;
  path: string;
  token: string | undefined;
  body: Record<string, unknown> | undefined;
  status: number;
}

export interface FakeMessage {
  id: number;
  content: string;
  /** As the API takes and webhooks send it: 'incoming' | 'outgoing'. */
  messageType: 'incoming' | 'outgoing';
  private: boolean;
  /** Who wrote it: the bot through the API, or an advisor in the dashboard. */
  by: 'api' | 'advisor';
}

export interface FakeConversation {
  id: number;
  contactId: number;
  inboxId: number;
  sourceId: string;
  status: 'open' | 'resolved' | 'pending';
  customAttributes: Record<string, unknown>;
  messages: FakeMessage[];
}

interface FakeContact {
  id: number;
  identifier: string;
  name: string;
  inboxes: { inboxId: number; sourceId: string }[];
}

export interface WebhookDelivery {
  event: string;
  deliveryId: string;
  body: string;
  status: number | 'failed';
}

type Scripted = { status: number } | { hang: true };

export interface FakeChatwootOptions {
  apiToken?: string;
  accountId?: number;
  inboxId?: number;
  webhookSecret?: string;
}

export class FakeChatwoot {
  readonly requests: ChatwootRequest[] = [];
  readonly conversations = new Map<number, FakeConversation>();
  readonly deliveries: WebhookDelivery[] = [];
  /** Where webhooks go (the bot's POST /api/chatwoot); unset: none are sent. */
  webhookUrl: string | undefined;
  private readonly contacts = new Map<number, FakeContact>();
  private readonly scripted: Scripted[] = [];
  private readonly hung = new Set<http.ServerResponse>();
  private readonly agent = new http.Agent({ keepAlive: true });
  private webhookChain: Promise<void> = Promise.resolve();
  private nextId = { contact: 100, conversation: 1, message: 1000 };

  private constructor(
    private readonly server: http.Server,
    readonly baseUrl: string,
    readonly options: Required<FakeChatwootOptions>,
  ) {}

  static async start(options: FakeChatwootOptions = {}): Promise<FakeChatwoot> {
    const resolved = { apiToken: 'chatwoot-test-token', accountId: 7, inboxId: 3, webhookSecret: 'chatwoot-webhook-secret', ...options };
    let fake: FakeChatwoot | undefined;
    const server = http.createServer((req, res) => fake?.handle(req, res));
    server.keepAliveTimeout = 5000;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    fake = new FakeChatwoot(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`, resolved);
    return fake;
  }

  /** The bot's CHATWOOT_* variables for this fake. */
  env(): Record<string, string> {
    return {
      CHATWOOT_BASE_URL: this.baseUrl,
      CHATWOOT_API_TOKEN: this.options.apiToken,
      CHATWOOT_ACCOUNT_ID: String(this.options.accountId),
      CHATWOOT_INBOX_ID: String(this.options.inboxId),
      CHATWOOT_WEBHOOK_SECRET: this.options.webhookSecret,
    };
  }

  /** The next API calls answer these instead (a status like 500, or `{ hang: true }`). */
  failNext(...answers: Scripted[]): void {
    this.scripted.push(...answers);
  }

  /** Conversations of the contact whose identifier is `identifier`. */
  conversationsOf(identifier: string): FakeConversation[] {
    const contact = [...this.contacts.values()].find((c) => c.identifier === identifier);
    return contact ? [...this.conversations.values()].filter((c) => c.contactId === contact.id) : [];
  }

  /** Identifiers of the contacts that exist. */
  contactIdentifiers(): string[] {
    return [...this.contacts.values()].map((c) => c.identifier);
  }

  /** The only conversation there is (fails when there are none or several). */
  onlyConversation(): FakeConversation {
    const all = [...this.conversations.values()];
    if (all.length !== 1) throw new Error(`expected one Chatwoot conversation, found ${all.length}`);
    return all[0];
  }

  /** An advisor answers in the dashboard: stored, then the signed `message_created` webhook is sent. */
  async advisorReplies(conversationId: number, content: string): Promise<WebhookDelivery> {
    const conversation = this.mustFind(conversationId);
    const message = this.addMessage(conversation, { content, messageType: 'outgoing', private: false, by: 'advisor' });
    return this.deliver(this.messageCreated(conversation, message));
  }

  /** An advisor writes a private note in the dashboard (Chatwoot sends it to the webhook too). */
  async advisorNotes(conversationId: number, content: string): Promise<WebhookDelivery> {
    const conversation = this.mustFind(conversationId);
    const message = this.addMessage(conversation, { content, messageType: 'outgoing', private: true, by: 'advisor' });
    return this.deliver(this.messageCreated(conversation, message));
  }

  /** An advisor resolves the conversation in the dashboard. */
  async advisorResolves(conversationId: number): Promise<WebhookDelivery> {
    const conversation = this.mustFind(conversationId);
    conversation.status = 'resolved';
    return this.deliver(this.statusChanged(conversation));
  }

  /** Sends a delivery again, as a Chatwoot retry does: same body and X-Chatwoot-Delivery, fresh timestamp. */
  redeliver(delivery: WebhookDelivery): Promise<WebhookDelivery> {
    return this.post(delivery.event, delivery.body, delivery.deliveryId, {});
  }

  /** Posts any body to the bot's webhook, signed unless told otherwise (forged and stale requests). */
  sendRaw(body: string, headers: { timestamp?: string; signature?: string | null; secret?: string } = {}): Promise<WebhookDelivery> {
    return this.post('raw', body, randomUUID(), headers);
  }

  /** Waits until every webhook sent so far has been answered. */
  webhooksSettled(): Promise<void> {
    return this.webhookChain;
  }

  /** Messages in a conversation, oldest first, optionally only of one kind. */
  messages(conversationId: number, filter: Partial<Pick<FakeMessage, 'messageType' | 'private' | 'by'>> = {}): FakeMessage[] {
    return this.mustFind(conversationId).messages.filter((m) =>
      Object.entries(filter).every(([k, v]) => m[k as keyof FakeMessage] === v),
    );
  }

  async close(): Promise<void> {
    await this.webhookChain;
    for (const res of this.hung) res.destroy();
    this.agent.destroy();
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private mustFind(conversationId: number): FakeConversation {
    const conversation = this.conversations.get(conversationId);
    if (!conversation) throw new Error(`no Chatwoot conversation ${conversationId}`);
    return conversation;
  }

  private addMessage(conversation: FakeConversation, message: Omit<FakeMessage, 'id'>): FakeMessage {
    const stored = { id: (this.nextId.message += 1), ...message };
    conversation.messages.push(stored);
    // Chatwoot reopens a resolved conversation when the contact writes (Message#reopen_conversation).
    if (message.messageType === 'incoming' && conversation.status === 'resolved') conversation.status = 'open';
    return stored;
  }

  /** conversation.webhook_data, as in Chatwoot's webhook docs (id is the display id). */
  private conversationData(conversation: FakeConversation): Record<string, unknown> {
    const contact = this.contacts.get(conversation.contactId);
    return {
      id: conversation.id,
      inbox_id: conversation.inboxId,
      status: conversation.status,
      channel: 'Channel::Api',
      can_reply: true,
      custom_attributes: conversation.customAttributes,
      contact_inbox: { contact_id: conversation.contactId, inbox_id: conversation.inboxId, source_id: conversation.sourceId },
      meta: { sender: { id: conversation.contactId, identifier: contact?.identifier ?? null, name: contact?.name, phone_number: null, type: 'contact' } },
      timestamp: Math.floor(Date.now() / 1000),
    };
  }

  private messageCreated(conversation: FakeConversation, message: FakeMessage): Record<string, unknown> {
    return {
      event: 'message_created',
      id: message.id,
      content: message.content,
      created_at: new Date().toISOString(),
      message_type: message.messageType,
      content_type: 'text',
      private: message.private,
      content_attributes: {},
      source_id: null,
      sender: message.by === 'advisor' ? { id: 1, name: 'Asesora PRO', email: 'asesora@example.org', type: 'user' } : { id: conversation.contactId, type: 'contact' },
      inbox: { id: conversation.inboxId, name: 'PRO Bot' },
      conversation: this.conversationData(conversation),
      account: { id: this.options.accountId, name: 'PRO' },
    };
  }

  private statusChanged(conversation: FakeConversation): Record<string, unknown> {
    return { ...this.conversationData(conversation), event: 'conversation_status_changed', changed_attributes: [{ status: { current_value: conversation.status } }] };
  }

  /** Queues one webhook (Chatwoot's jobs post them one by one) and resolves when it was answered. */
  private deliver(payload: Record<string, unknown>): Promise<WebhookDelivery> {
    return this.post(String(payload.event), JSON.stringify(payload), randomUUID(), {});
  }

  private post(event: string, body: string, deliveryId: string, headers: { timestamp?: string; signature?: string | null; secret?: string }): Promise<WebhookDelivery> {
    const run = async (): Promise<WebhookDelivery> => {
      const delivery: WebhookDelivery = { event, deliveryId, body, status: 'failed' };
      if (!this.webhookUrl) return delivery;
      const timestamp = headers.timestamp ?? String(Math.floor(Date.now() / 1000));
      const signature = headers.signature === undefined ? signChatwootPayload(headers.secret ?? this.options.webhookSecret, timestamp, body) : headers.signature;
      delivery.status = await new Promise<number | 'failed'>((resolve) => {
        const req = http.request(
          this.webhookUrl as string,
          {
            method: 'POST',
            agent: this.agent,
            headers: {
              'content-type': 'application/json',
              'x-chatwoot-timestamp': timestamp,
              'x-chatwoot-delivery': deliveryId,
              ...(signature === null ? {} : { 'x-chatwoot-signature': signature }),
            },
            timeout: 10_000,
          },
          (res) => {
            res.resume();
            res.on('end', () => resolve(res.statusCode ?? 0));
          },
        );
        req.on('timeout', () => req.destroy());
        req.on('error', () => resolve('failed'));
        req.end(body);
      });
      this.deliveries.push(delivery);
      return delivery;
    };
    const result = this.webhookChain.then(run);
    this.webhookChain = result.then(() => undefined);
    return result;
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      let body: Record<string, unknown> | undefined;
      try {
        body = raw ? (JSON.parse(raw) as Record<string, unknown>) : undefined;
      } catch {
        body = undefined;
      }
      const token = typeof req.headers.api_access_token === 'string' ? req.headers.api_access_token : undefined;
      const record: ChatwootRequest = { method: req.method ?? '', path: req.url ?? '', token, body, status: 0 };
      this.requests.push(record);
      const scripted = this.scripted.shift();
      if (scripted && 'hang' in scripted) {
        this.hung.add(res);
        res.on('close', () => this.hung.delete(res));
        return;
      }
      const answer = scripted
        ? { status: scripted.status, body: { description: 'scripted failure', errors: [] } }
        : token !== this.options.apiToken
          ? { status: 401, body: { errors: ['You need to sign in or sign up before continuing.'] } }
          : this.route(req.method ?? '', new URL(req.url ?? '/', this.baseUrl), body);
      record.status = answer.status;
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
      answer.after?.();
    });
  }

  private route(method: string, url: URL, body: Record<string, unknown> | undefined): { status: number; body?: unknown; after?: () => void } {
    const account = `/api/v1/accounts/${this.options.accountId}`;
    const path = url.pathname;
    const bad = (field: string) => ({ status: 422, body: { description: `${field} is required`, errors: [{ field, message: "can't be blank", code: 'blank' }] } });
    let m: RegExpExecArray | null;
    if (!path.startsWith(`${account}/`)) return { status: 404, body: { description: 'account not found' } };

    if (method === 'GET' && path === `${account}/contacts/search`) {
      // contacts_list_response; search matches parts of name, identifier, email and phone.
      const q = (url.searchParams.get('q') ?? '').toLowerCase();
      const found = [...this.contacts.values()].filter((c) => q && (c.identifier.toLowerCase().includes(q) || c.name.toLowerCase().includes(q)));
      return { status: 200, body: { meta: { count: found.length, current_page: 1 }, payload: found.map((c) => this.contactItem(c)) } };
    }
    if (method === 'POST' && path === `${account}/contacts`) {
      // contact_create_payload: inbox_id required; identifier unique per account.
      if (typeof body?.inbox_id !== 'number') return bad('inbox_id');
      if (body.inbox_id !== this.options.inboxId) return { status: 404, body: { description: 'inbox not found' } };
      const identifier = typeof body.identifier === 'string' ? body.identifier : '';
      if (identifier && [...this.contacts.values()].some((c) => c.identifier === identifier)) {
        return { status: 422, body: { message: 'Identifier has already been taken', attributes: ['identifier'] } };
      }
      if (typeof body.phone_number === 'string') return { status: 400, body: { description: 'this fake refuses phone numbers: the bot must never send one' } };
      const contact: FakeContact = { id: (this.nextId.contact += 1), identifier, name: String(body.name ?? ''), inboxes: [{ inboxId: this.options.inboxId, sourceId: randomUUID() }] };
      this.contacts.set(contact.id, contact);
      // contact_create_response
      return { status: 200, body: { payload: { contact: this.contactItem(contact), contact_inbox: this.contactInbox(contact.inboxes[0]) } } };
    }
    if ((m = new RegExp(`^${account}/contacts/(\\d+)/contact_inboxes$`).exec(path)) && method === 'POST') {
      const contact = this.contacts.get(Number(m[1]));
      if (!contact) return { status: 404, body: { description: 'contact not found' } };
      if (typeof body?.inbox_id !== 'number') return bad('inbox_id');
      const link = { inboxId: body.inbox_id, sourceId: randomUUID() };
      contact.inboxes.push(link);
      return { status: 200, body: this.contactInbox(link) };
    }
    if ((m = new RegExp(`^${account}/contacts/(\\d+)$`).exec(path)) && method === 'DELETE') {
      const id = Number(m[1]);
      if (!this.contacts.delete(id)) return { status: 404, body: { description: 'contact not found' } };
      for (const [cid, c] of this.conversations) if (c.contactId === id) this.conversations.delete(cid);
      return { status: 200 };
    }
    if (method === 'POST' && path === `${account}/conversations`) {
      // conversation_create_payload: source_id required.
      if (typeof body?.source_id !== 'string' || !body.source_id) return bad('source_id');
      const contact = [...this.contacts.values()].find((c) => c.inboxes.some((i) => i.sourceId === body.source_id));
      if (!contact) return { status: 404, body: { description: 'contact inbox not found for source_id' } };
      const conversation: FakeConversation = {
        id: (this.nextId.conversation += 1),
        contactId: contact.id,
        inboxId: this.options.inboxId,
        sourceId: body.source_id,
        status: body.status === 'pending' ? 'pending' : 'open',
        customAttributes: (body.custom_attributes as Record<string, unknown>) ?? {},
        messages: [],
      };
      this.conversations.set(conversation.id, conversation);
      return { status: 200, body: { id: conversation.id, account_id: this.options.accountId, inbox_id: conversation.inboxId } };
    }
    if ((m = new RegExp(`^${account}/conversations/(\\d+)/messages$`).exec(path)) && method === 'GET') {
      const conversation = this.conversations.get(Number(m[1]));
      if (!conversation) return { status: 404, body: { description: 'conversation not found' } };
      // The last 20, oldest first, message_type as its integer (the `message` schema).
      const payload = conversation.messages.slice(-20).map((msg) => ({ id: msg.id, content: msg.content, conversation_id: conversation.id, message_type: msg.messageType === 'incoming' ? 0 : 1, private: msg.private, status: 'sent', content_type: 'text' }));
      return { status: 200, body: { meta: { labels: [] }, payload } };
    }
    if ((m = new RegExp(`^${account}/conversations/(\\d+)/messages$`).exec(path)) && method === 'POST') {
      const conversation = this.conversations.get(Number(m[1]));
      if (!conversation) return { status: 404, body: { description: 'conversation not found' } };
      // conversation_message_create_payload: content required; message_type outgoing | incoming.
      if (typeof body?.content !== 'string' || !body.content) return bad('content');
      const messageType = body.message_type === 'incoming' ? 'incoming' : 'outgoing';
      const message = this.addMessage(conversation, { content: body.content, messageType, private: body.private === true, by: 'api' });
      return {
        status: 200,
        // generic_id + message (message_type as its integer, as the schema says)
        body: { id: message.id, content: message.content, account_id: this.options.accountId, inbox_id: conversation.inboxId, conversation_id: conversation.id, message_type: messageType === 'incoming' ? 0 : 1, private: message.private, status: 'sent', content_type: 'text', created_at: Math.floor(Date.now() / 1000) },
        after: () => void this.deliver(this.messageCreated(conversation, message)),
      };
    }
    if ((m = new RegExp(`^${account}/conversations/(\\d+)/toggle_status$`).exec(path)) && method === 'POST') {
      const conversation = this.conversations.get(Number(m[1]));
      if (!conversation) return { status: 404, body: { description: 'conversation not found' } };
      const status = body?.status;
      if (status !== 'open' && status !== 'resolved' && status !== 'pending') return bad('status');
      const changed = conversation.status !== status;
      conversation.status = status;
      return {
        status: 200,
        body: { meta: {}, payload: { success: true, current_status: status, conversation_id: conversation.id } },
        after: changed ? () => void this.deliver(this.statusChanged(conversation)) : undefined,
      };
    }
    return { status: 404, body: { description: `no route ${method} ${path}` } };
  }

  private contactInbox(link: { inboxId: number; sourceId: string }): Record<string, unknown> {
    return { source_id: link.sourceId, inbox: { id: link.inboxId, name: 'PRO Bot', channel_type: 'Channel::Api', provider: null } };
  }

  private contactItem(contact: FakeContact): Record<string, unknown> {
    return {
      id: contact.id,
      name: contact.name,
      identifier: contact.identifier,
      email: null,
      phone_number: null,
      blocked: false,
      custom_attributes: {},
      additional_attributes: {},
      availability_status: 'offline',
      created_at: Math.floor(Date.now() / 1000),
      contact_inboxes: contact.inboxes.map((i) => this.contactInbox(i)),
    };
  }
}
