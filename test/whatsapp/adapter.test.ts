/**
 * The WhatsApp channel over real HTTP: a restify server with the routes mounted (no body parser),
 * the embedded Cosmos-compatible store for redelivery, and the fake Graph API for replies.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import restify from 'restify';
import { ActivityTypes, CardAction, ConversationReference, TurnContext } from 'botbuilder';
import type { Activity } from 'botbuilder';
import {
  CosmosChoicePageStore,
  createWhatsAppRoutes,
  DEFAULT_UNREADABLE_REPLY,
  GraphApiError,
  ProcessedMessages,
  signPayload,
  WhatsAppAdapter,
} from '../../bot/channels/whatsapp';
import type { OutboundMessage } from '../../bot/channels/whatsapp';
import { FakeGraphApi, metaError, RecordedRequest } from '../support/fakeGraphApi';
import { startTestStore, TestStore } from '../support/store';
import { until } from '../support/until';
import { BSUID, failedStatus, memoryLogger, MemoryLogger, message, notification, PHONE_NUMBER_ID, textMessage, WA_ID } from './helpers';

const APP_SECRET = 'test-app-secret';
const VERIFY_TOKEN = 'verify-me-please';
const ACCESS_TOKEN = 'graph-token';
const OTHER_WA_ID = '573105550000';

function menuActions(n: number): CardAction[] {
  return Array.from({ length: n }, (_, i) => ({ type: 'imBack', title: `Tema ${i + 1}`, value: `topic_${i + 1}` }));
}

/** A tiny bot: echoes text, offers 4 or 14 choices on request, describes a location, and can be held. */
class TinyBot {
  readonly turns: Partial<Activity>[] = [];
  readonly responseIds: string[][] = [];
  readonly references: Partial<ConversationReference>[] = [];
  gate: Promise<void> | undefined;

  readonly logic = async (context: TurnContext): Promise<void> => {
    this.turns.push({ ...context.activity });
    this.references.push(TurnContext.getConversationReference(context.activity));
    if (this.gate) await this.gate;
    const text = context.activity.text ?? '';
    const location = (context.activity.value as { location?: { latitude: number; longitude: number } } | undefined)?.location;
    if (location) {
      await context.sendActivity(`Ubicación recibida: ${location.latitude}, ${location.longitude}`);
    } else if (text === 'menu') {
      await context.sendActivity({ type: ActivityTypes.Message, text: '**Menú**', suggestedActions: { to: [], actions: menuActions(4) } });
    } else if (text === 'largo') {
      await context.sendActivity({ type: ActivityTypes.Message, text: 'Elige tu departamento', suggestedActions: { to: [], actions: menuActions(14) } });
    } else if (text === 'varios') {
      const responses = await context.sendActivities([
        { type: ActivityTypes.Message, text: 'Uno' },
        { type: ActivityTypes.Message, text: 'Dos' },
        { type: ActivityTypes.Message, text: '¿Seguimos?', suggestedActions: { to: [], actions: menuActions(2) } },
        { type: ActivityTypes.Message, text: 'x'.repeat(3000) },
        { type: ActivityTypes.Message, text: 'y'.repeat(2000) },
      ]);
      this.responseIds.push(responses.map((r) => r.id));
    } else if (text === 'error') {
      throw new Error('dialog failure');
    } else {
      await context.sendActivities([{ type: ActivityTypes.Typing }, { type: ActivityTypes.Message, text: `Recibí: ${text}` }]);
    }
  };
}

function bodyOf(request: RecordedRequest): string {
  const body = request.body as unknown as OutboundMessage;
  if (body.type === 'text') return body.text.body;
  if (body.type === 'template') return `[template ${body.template.name}]`;
  return body.interactive.body.text;
}

describe('WhatsApp adapter over HTTP', () => {
  let store: TestStore;
  let fake: FakeGraphApi;
  let server: restify.Server;
  let url: string;
  let adapter: WhatsAppAdapter;
  let bot: TinyBot;
  let log: MemoryLogger;
  let turnErrors: Error[];

  beforeAll(async () => {
    store = await startTestStore();
    fake = await FakeGraphApi.start({ accessToken: ACCESS_TOKEN, phoneNumberId: PHONE_NUMBER_ID });
    server = restify.createServer({ handleUncaughtExceptions: false });
    // The routes delegate to whichever adapter and bot the current test made. restify >= 9 wants
    // handlers that are async functions (checked by constructor name) or take next.
    server.get('/api/whatsapp', async (req: restify.Request, res: restify.Response) => routes().verify(req, res));
    server.post('/api/whatsapp', async (req: restify.Request, res: restify.Response) => routes().receive(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/whatsapp`;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await fake.close();
    await store.destroy();
  });

  beforeEach(() => {
    fake.reset();
    log = memoryLogger();
    bot = new TinyBot();
    turnErrors = [];
    adapter = new WhatsAppAdapter({
      config: { accessToken: ACCESS_TOKEN, phoneNumberId: PHONE_NUMBER_ID, appSecret: APP_SECRET, verifyToken: VERIFY_TOKEN, graphApiUrl: fake.graphApiUrl },
      logger: log.logger,
      processedMessages: new ProcessedMessages(store.containers.processedMessages),
      choicePages: new CosmosChoicePageStore(store.containers.pendingLists),
      graph: { baseDelayMs: 5, pairRateDelayMs: 5, timeoutMs: 2000 },
      maxBodyBytes: 64 * 1024,
    });
    adapter.onTurnError = async (_context, error) => {
      turnErrors.push(error);
    };
  });

  afterEach(async () => {
    await adapter.idle();
    expect(fake.violations()).toEqual([]);
    // Personal data never reaches the logs.
    expect(log.text()).not.toContain(WA_ID);
    expect(log.text()).not.toContain(BSUID);
  });

  function routes(): ReturnType<typeof createWhatsAppRoutes> {
    return createWhatsAppRoutes({ adapter, logic: bot.logic });
  }

  async function post(payload: unknown, options: { signature?: string | null; raw?: Buffer } = {}): Promise<Response> {
    const raw = options.raw ?? Buffer.from(typeof payload === 'string' ? payload : JSON.stringify(payload));
    const headers: Record<string, string> = { 'Content-Type': 'application/json' };
    const signature = options.signature === undefined ? signPayload(raw, APP_SECRET) : options.signature;
    if (signature !== null) headers['X-Hub-Signature-256'] = signature;
    return fetch(url, { method: 'POST', headers, body: raw });
  }

  async function deliver(payload: unknown): Promise<void> {
    const res = await post(payload);
    expect(res.status).toBe(200);
    await adapter.idle();
  }

  describe('verification handshake', () => {
    it('echoes hub.challenge as plain text for the right token', async () => {
      const res = await fetch(`${url}?hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=1158201444`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
      expect(await res.text()).toBe('1158201444');
    });

    it.each([
      ['a wrong token', `hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=1`],
      ['another mode', `hub.mode=unsubscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=1`],
      ['no challenge', `hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}`],
      ['no parameters', ''],
    ])('answers 403 to %s', async (_name, query) => {
      const res = await fetch(`${url}?${query}`);
      expect(res.status).toBe(403);
    });
  });

  describe('signature and body checks', () => {
    it('answers 401 to an unsigned notification and runs nothing', async () => {
      const res = await post(notification([textMessage('hola')]), { signature: null });
      expect(res.status).toBe(401);
      await adapter.idle();
      expect(bot.turns).toHaveLength(0);
      expect(fake.requests).toHaveLength(0);
    });

    it('answers 403 to a wrongly signed notification and runs nothing', async () => {
      const payload = notification([textMessage('hola')]);
      const res = await post(payload, { signature: signPayload(JSON.stringify(payload), 'another-secret') });
      expect(res.status).toBe(403);
      await adapter.idle();
      expect(bot.turns).toHaveLength(0);
      expect(fake.requests).toHaveLength(0);
    });

    it('verifies the raw bytes of a body with accents and escaped unicode', async () => {
      const raw = Buffer.from(JSON.stringify(notification([textMessage('¿Dónde está la Registraduría? José, Bogotá')])).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
      const res = await post(undefined, { raw });
      expect(res.status).toBe(200);
      await adapter.idle();
      expect(bot.turns.map((t) => t.text)).toContain('¿Dónde está la Registraduría? José, Bogotá');
    });

    it.each([
      ['not JSON', '{"object": "whatsapp_business_account", '],
      ['another object', JSON.stringify({ object: 'instagram', entry: [] })],
    ])('answers 200 to a signed payload that is %s, logs it, and runs no turn', async (_name, body) => {
      const res = await post(body);
      expect(res.status).toBe(200);
      await adapter.idle();
      expect(bot.turns).toHaveLength(0);
      expect(log.lines).toContainEqual(expect.objectContaining({ msg: 'WhatsApp webhook payload ignored' }));
    });

    it('answers 413 to a body over the size limit', async () => {
      const big = notification([textMessage('x'.repeat(100 * 1024))]);
      const res = await post(big);
      expect(res.status).toBe(413);
      await adapter.idle();
      expect(bot.turns).toHaveLength(0);
    });

    it('answers 413 to a chunked body that grows past the limit (no Content-Length)', async () => {
      const raw = Buffer.from(JSON.stringify(notification([textMessage('x'.repeat(100 * 1024))])));
      const status = await new Promise<number>((resolve, reject) => {
        const req = http.request(url, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Hub-Signature-256': signPayload(raw, APP_SECRET) } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        for (let i = 0; i < raw.length; i += 16 * 1024) req.write(raw.subarray(i, i + 16 * 1024));
        req.end();
      });
      expect(status).toBe(413);
      expect(bot.turns).toHaveLength(0);
    });
  });

  describe('inbound messages', () => {
    it('runs a turn for a text, marks it read with typing, and sends the reply', async () => {
      const m = textMessage('Hola, necesito ayuda');
      await deliver(notification([m]));
      expect(bot.turns).toHaveLength(1);
      expect(bot.turns[0]).toMatchObject({ type: 'message', channelId: 'whatsapp', id: m.id, text: 'Hola, necesito ayuda', from: { id: WA_ID }, conversation: { id: WA_ID }, recipient: { id: PHONE_NUMBER_ID } });
      expect(fake.reads().map((r) => r.body)).toContainEqual({ messaging_product: 'whatsapp', status: 'read', message_id: m.id, typing_indicator: { type: 'text' } });
      expect(fake.sends().map(bodyOf)).toEqual(['Recibí: Hola, necesito ayuda']);
      expect(fake.sends()[0].body).toMatchObject({ to: WA_ID, type: 'text' });
      expect(log.text()).not.toContain('necesito ayuda');
    });

    it('answers before the turn has finished (Meta gets its 200 fast)', async () => {
      let release: () => void = () => undefined;
      bot.gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      const res = await post(notification([textMessage('lento')]));
      expect(res.status).toBe(200);
      expect(fake.sends()).toHaveLength(0);
      release();
      await adapter.idle();
      expect(fake.sends().map(bodyOf)).toEqual(['Recibí: lento']);
    });

    it('passes a list reply as its row id, and sends a 4-choice menu as a list', async () => {
      await deliver(notification([message('interactive', { interactive: { type: 'list_reply', list_reply: { id: 'menu', title: 'Menú' } } })]));
      expect(bot.turns[0]).toMatchObject({ text: 'menu', value: { id: 'menu', title: 'Menú' } });
      const [list] = fake.sends();
      expect(list.body).toMatchObject({ type: 'interactive', interactive: { type: 'list', body: { text: '*Menú*' } } });
    });

    it('passes a button reply as its id', async () => {
      await deliver(notification([message('interactive', { interactive: { type: 'button_reply', button_reply: { id: 'consent_yes', title: 'Sí, acepto' } } })]));
      expect(bot.turns[0]).toMatchObject({ text: 'consent_yes', value: { id: 'consent_yes', title: 'Sí, acepto' } });
    });

    it('passes a location in activity.value.location', async () => {
      await deliver(notification([message('location', { location: { latitude: 7.8939, longitude: '-72.5078', name: 'Terminal' } })]));
      expect(bot.turns[0].value).toEqual({ location: { latitude: 7.8939, longitude: -72.5078, name: 'Terminal' } });
      expect(fake.sends().map(bodyOf)).toEqual(['Ubicación recibida: 7.8939, -72.5078']);
    });

    it.each([
      ['audio', { audio: { id: 'm1', mime_type: 'audio/ogg', voice: true } }],
      ['image', { image: { id: 'm2', mime_type: 'image/jpeg', caption: 'foto' } }],
      ['video', { video: { id: 'm3', mime_type: 'video/mp4' } }],
      ['document', { document: { id: 'm4', mime_type: 'application/pdf', filename: 'a.pdf' } }],
      ['sticker', { sticker: { id: 'm5', mime_type: 'image/webp' } }],
      ['unsupported', { unsupported: { type: 'poll' } }],
    ])('answers %s with the "text only" reply and runs no turn', async (type, content) => {
      await deliver(notification([message(type, content)]));
      expect(bot.turns).toHaveLength(0);
      expect(fake.sends().map(bodyOf)).toEqual([DEFAULT_UNREADABLE_REPLY]);
      expect(fake.requests.some((r) => r.path.includes('/media'))).toBe(false);
    });

    it('runs no turn for statuses, and logs a failed one with its code only', async () => {
      await deliver(notification([], { statuses: [{ id: 'wamid.A', status: 'read', recipient_id: WA_ID }, failedStatus(131047)] }));
      expect(bot.turns).toHaveLength(0);
      expect(fake.requests).toHaveLength(0);
      expect(log.lines).toContainEqual(expect.objectContaining({ msg: 'WhatsApp message delivery failed', codes: [131047] }));
    });

    it('handles both messages of a batch, in order', async () => {
      await deliver(notification([textMessage('primero'), textMessage('segundo')]));
      expect(bot.turns.map((t) => t.text)).toEqual(['primero', 'segundo']);
      expect(fake.sends().map(bodyOf)).toEqual(['Recibí: primero', 'Recibí: segundo']);
    });

    it('handles one user’s messages one at a time, in arrival order', async () => {
      let release: () => void = () => undefined;
      bot.gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      await post(notification([textMessage('uno')]));
      await post(notification([textMessage('dos')]));
      // Another person's message, sent after "dos", is not held up: once its turn has started, "dos" would have too.
      await post(notification([textMessage('otra persona', { from: OTHER_WA_ID })], { contacts: [{ wa_id: OTHER_WA_ID }] }));
      await until(() => bot.turns.some((t) => t.text === 'otra persona'), { what: "the other person's turn" });
      expect(bot.turns.map((t) => t.text)).toEqual(['uno', 'otra persona']); // "dos" waits for "uno"
      release();
      await adapter.idle();
      expect(fake.sends().filter((r) => r.body?.to === WA_ID).map(bodyOf)).toEqual(['Recibí: uno', 'Recibí: dos']);
    });

    it('keys a user without wa_id by the business-scoped user id and replies with `recipient`', async () => {
      await deliver(notification([textMessage('hola', { from: null, fromUserId: BSUID })], { contacts: [{ user_id: BSUID }] }));
      expect(bot.turns[0]).toMatchObject({ from: { id: BSUID }, conversation: { id: BSUID } });
      expect(fake.sends()[0].body).toMatchObject({ recipient: BSUID });
      expect(fake.sends()[0].body).not.toHaveProperty('to');
    });
  });

  describe('redelivery', () => {
    it('answers a message delivered twice only once', async () => {
      const payload = notification([textMessage('repetido')]);
      await deliver(payload);
      await deliver(payload);
      expect(bot.turns).toHaveLength(1);
      expect(fake.sends()).toHaveLength(1);
    });

    it('answers only once when both deliveries arrive together', async () => {
      const payload = notification([textMessage('a la vez')]);
      const [a, b] = await Promise.all([post(payload), post(payload)]);
      expect([a.status, b.status]).toEqual([200, 200]);
      await adapter.idle();
      expect(bot.turns).toHaveLength(1);
      expect(fake.sends()).toHaveLength(1);
    });

    it('does not repeat the "text only" reply for a redelivered image', async () => {
      const payload = notification([message('image', { image: { id: 'm', mime_type: 'image/jpeg' } })]);
      await deliver(payload);
      await deliver(payload);
      expect(fake.sends()).toHaveLength(1);
    });
  });

  describe('Graph API failures', () => {
    it('retries a 429 and then delivers the reply', async () => {
      fake.answerNextSends({ status: 429, body: { error: { code: 130429, message: 'Rate limit hit' } } });
      await deliver(notification([textMessage('hola')]));
      expect(fake.sends()).toHaveLength(2);
      expect(turnErrors).toEqual([]);
    });

    it('does not retry 131047, logs the code, and reports it to onTurnError', async () => {
      fake.answerNextSends(metaError(131047));
      await deliver(notification([textMessage('hola')]));
      expect(fake.sends()).toHaveLength(1);
      expect(log.lines).toContainEqual(expect.objectContaining({ code: 131047, msg: 'WhatsApp message not delivered' }));
      expect(turnErrors).toHaveLength(1);
      expect(turnErrors[0]).toBeInstanceOf(GraphApiError);
    });

    it('does not hold the reply when the read receipt fails', async () => {
      fake.answerNextReads({ status: 500, body: { error: { code: 1 } } });
      await deliver(notification([textMessage('hola')]));
      expect(fake.sends().map(bodyOf)).toEqual(['Recibí: hola']);
    });
  });

  describe('long lists', () => {
    it('joins one turn\'s consecutive texts into one WhatsApp message while they fit 4,096 characters; buttons are never joined', async () => {
      expect((await post(notification([textMessage('varios')]))).status).toBe(200);
      await until(() => fake.sends().length >= 4);
      await adapter.idle();
      expect(fake.sends().map(bodyOf)).toEqual(['Uno\n\nDos', '¿Seguimos?', 'x'.repeat(3000), 'y'.repeat(2000)]);
      expect(fake.sends().map((r) => (r.body as unknown as OutboundMessage).type)).toEqual(['text', 'interactive', 'text', 'text']);
      // Each activity gets the wamid of the message that carried it.
      const [ids] = bot.responseIds;
      expect(ids).toHaveLength(5);
      expect(ids[0]).toBe(ids[1]);
      expect(new Set(ids.slice(1)).size).toBe(4);
      expect(ids.every((id) => id.startsWith('wamid.'))).toBe(true);
    });

    it('sends the next page itself when "more options" is picked, without a turn', async () => {
      await deliver(notification([textMessage('largo')]));
      const first = fake.sends()[0].body as unknown as OutboundMessage;
      if (first.type !== 'interactive' || first.interactive.type !== 'list') throw new Error('expected a list');
      const rows = first.interactive.action.sections[0].rows;
      expect(rows).toHaveLength(10);
      const more = rows[9];
      expect(more.id).toMatch(/^more_options:/);

      fake.reset();
      await deliver(notification([message('interactive', { interactive: { type: 'list_reply', list_reply: { id: more.id, title: more.title } } })]));
      expect(bot.turns.map((t) => t.text)).toEqual(['largo']); // no turn for the page request
      const second = fake.sends()[0].body as unknown as OutboundMessage;
      if (second.type !== 'interactive' || second.interactive.type !== 'list') throw new Error('expected a list');
      expect(second.interactive.action.sections[0].rows.map((r) => r.id)).toEqual(['topic_10', 'topic_11', 'topic_12', 'topic_13', 'topic_14']);
    });

    it('says the list expired when the page request names an unknown list', async () => {
      await deliver(notification([message('interactive', { interactive: { type: 'list_reply', list_reply: { id: 'more_options:abcdef:2', title: 'Más opciones' } } })]));
      expect(bot.turns).toHaveLength(0);
      expect(fake.sends().map(bodyOf)[0]).toMatch(/ya no está disponible/);
    });
  });

  describe('turn errors and proactive messages', () => {
    it('hands a failing turn to onTurnError', async () => {
      await deliver(notification([textMessage('error')]));
      expect(turnErrors.map((e) => e.message)).toEqual(['dialog failure']);
    });

    it('continues a conversation later from its saved reference', async () => {
      await deliver(notification([textMessage('hola')]));
      fake.reset();
      const reference = bot.references[0];
      await adapter.continueConversationAsync('', reference, async (context) => {
        expect(context.activity).toMatchObject({ type: 'event', name: 'ContinueConversation', conversation: { id: WA_ID } });
        await context.sendActivity('¿Pudiste ir al punto PRO?');
      });
      expect(fake.sends().map(bodyOf)).toEqual(['¿Pudiste ir al punto PRO?']);
      expect(fake.sends()[0].body).toMatchObject({ to: WA_ID });
    });

    it('refuses to edit or delete sent messages with a clear error', async () => {
      await expect(adapter.updateActivity()).rejects.toThrow(/cannot edit/);
      await expect(adapter.deleteActivity()).rejects.toThrow(/cannot delete/);
    });
  });
});
