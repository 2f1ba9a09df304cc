/**
 * WhatsApp end to end: the built server (as `npm start` runs it) with WhatsApp configured, signed
 * webhooks over real HTTP, replies checked at a fake Graph API that fails on any message breaking
 * WhatsApp's limits. Every word the channel adds is in the person's language and *bold* stays bold.
 * Then two server instances sharing one store receive interleaved messages of the same people: no
 * state update may be lost. Each exchange waits for the bot's own "WhatsApp message handled" line
 * (logged once the message's replies are out), never for a quiet moment. The adapter's details
 * (signature and body checks, retries, long lists) are in test/whatsapp/adapter.test.ts.
 */
import { signPayload } from '../../bot/channels/whatsapp/signature';
import { BotProcess, startBotProcess } from '../support/botProcess';
import { FakeGraphApi, RecordedRequest } from '../support/fakeGraphApi';
import { startTestStore, TestStore } from '../support/store';

const SECRET = 'e2e-app-secret';
const VERIFY = 'e2e-verify-token';
const PHONE_NUMBER_ID = '106540352242922';
const HANDLED = '"msg":"WhatsApp message handled"';

type Json = Record<string, unknown>;
let sequence = 0;

function inbound(from: string, content: Json): Json {
  const message = { from, id: `wamid.E2E${Date.now().toString(36)}${++sequence}`, timestamp: String(Math.floor(Date.now() / 1000)), ...content };
  return {
    object: 'whatsapp_business_account',
    entry: [{ id: 'WABA', changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: { display_phone_number: '573001112233', phone_number_id: PHONE_NUMBER_ID }, contacts: [{ profile: { name: 'Ana' }, wa_id: from }], messages: [message] } }] }],
  };
}
const text = (from: string, body: string): Json => inbound(from, { type: 'text', text: { body } });
const button = (from: string, id: string): Json => inbound(from, { type: 'interactive', interactive: { type: 'button_reply', button_reply: { id, title: id } } });
const listRow = (from: string, id: string): Json => inbound(from, { type: 'interactive', interactive: { type: 'list_reply', list_reply: { id, title: id } } });
const image = (from: string): Json => inbound(from, { type: 'image', image: { id: 'media-1', mime_type: 'image/jpeg' } });

interface ListAction {
  button?: string;
  sections?: { title?: string; rows: { id: string; title: string }[] }[];
}

/** The text of each message sent: a text body or an interactive body. */
const bodies = (sent: RecordedRequest[]): string[] =>
  sent.flatMap(({ body }) => {
    const message = body as { type?: string; text?: { body: string }; interactive?: { body: { text: string } } };
    if (message.type === 'text' && message.text) return [message.text.body];
    return message.interactive ? [message.interactive.body.text] : [];
  });

/** What a person sees: text bodies, interactive bodies, and the ids they can tap. */
function seen(requests: RecordedRequest[]): { text: string; ids: string[] } {
  let ids: string[] = [];
  for (const { body } of requests) {
    const action = ((body as Json).interactive as Json | undefined)?.action as { buttons?: { reply: { id: string } }[]; sections?: { rows: { id: string }[] }[] } | undefined;
    if (action) ids = action.buttons ? action.buttons.map((b) => b.reply.id) : (action.sections ?? []).flatMap((s) => s.rows.map((r) => r.id));
  }
  return { text: bodies(requests).join('\n'), ids };
}

/** The list message among a turn's sends (WhatsApp's menu of more than three choices). */
const listOf = (sent: RecordedRequest[]): ListAction | undefined => {
  const interactive = sent.map(({ body }) => (body as Json).interactive as Json | undefined).find((i) => i?.type === 'list');
  return interactive?.action as ListAction | undefined;
};

describe('WhatsApp end to end (built server)', () => {
  let store: TestStore;
  let graph: FakeGraphApi;
  const bots: BotProcess[] = [];
  /** Messages posted to each bot so far: each one ends with one "handled" line. */
  const posted = new Map<BotProcess, number>();
  let embeddedPort: number;

  const startBot = async (): Promise<BotProcess> => {
    const bot = await startBotProcess(
      {
        DATA_DIR: store.dataDir,
        LOG_LEVEL: 'debug',
        WHATSAPP_ACCESS_TOKEN: 'test-token',
        WHATSAPP_PHONE_NUMBER_ID: PHONE_NUMBER_ID,
        WHATSAPP_APP_SECRET: SECRET,
        WHATSAPP_VERIFY_TOKEN: VERIFY,
        WHATSAPP_GRAPH_API_URL: graph.graphApiUrl,
      },
      { embeddedPort },
    );
    bots.push(bot);
    posted.set(bot, 0);
    return bot;
  };

  const post = (bot: BotProcess, payload: Json, signature?: string | null): Promise<Response> => {
    const raw = JSON.stringify(payload);
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (signature !== null) headers['x-hub-signature-256'] = signature ?? signPayload(raw, SECRET);
    return fetch(`${bot.baseUrl}/api/whatsapp`, { method: 'POST', headers, body: raw });
  };

  /** Posts signed messages to `bot` (all at once) and waits until it has handled every one; returns what was sent meanwhile. */
  const deliver = async (bot: BotProcess, payloads: Json[]): Promise<RecordedRequest[]> => {
    const since = graph.sends().length;
    posted.set(bot, (posted.get(bot) ?? 0) + payloads.length);
    for (const res of await Promise.all(payloads.map((p) => post(bot, p)))) expect(res.status).toBe(200);
    await bot.untilLogged(HANDLED, posted.get(bot));
    return graph.sends().slice(since);
  };
  const exchange = async (payload: Json, bot = bots[0]): Promise<RecordedRequest[]> => deliver(bot, [payload]);
  const to = (user: string, sent: RecordedRequest[]): RecordedRequest[] => sent.filter((r) => (r.body as Json).to === user);

  beforeAll(async () => {
    store = await startTestStore();
    embeddedPort = Number(new URL(store.endpoint).port);
    graph = await FakeGraphApi.start({ phoneNumberId: PHONE_NUMBER_ID });
    // The second instance is only used by the last test; starting both together saves a start-up.
    await Promise.all([startBot(), startBot()]);
  });
  afterAll(async () => {
    for (const bot of bots) await bot.stop();
    await graph?.close();
    await store?.destroy();
  });
  afterEach(() => {
    expect(graph.violations()).toEqual([]);
  });

  it('answers the verification handshake only with the right token', async () => {
    const url = (token: string) => `${bots[0].baseUrl}/api/whatsapp?hub.mode=subscribe&hub.verify_token=${token}&hub.challenge=1158201444`;
    const good = await fetch(url(VERIFY));
    expect(good.status).toBe(200);
    expect(await good.text()).toBe('1158201444');
    expect((await fetch(url('wrong'))).status).toBe(403);
  });

  it('rejects unsigned (401) and wrongly signed (403) webhooks without answering anyone', async () => {
    const before = graph.requests.length;
    expect((await post(bots[0], text('573100000001', 'hola'), null)).status).toBe(401);
    expect((await post(bots[0], text('573100000001', 'hola'), 'sha256=' + '0'.repeat(64))).status).toBe(403);
    // Refused before anything is queued: the bot says why, and handles no message.
    await bots[0].untilLogged('WhatsApp webhook without X-Hub-Signature-256 rejected');
    await bots[0].untilLogged('WhatsApp webhook signature rejected');
    expect(bots[0].logs.filter((line) => line.includes(HANDLED))).toHaveLength(posted.get(bots[0]) ?? 0);
    expect(graph.requests.length).toBe(before);
  });

  it('goes from "hola" to a theme answer with buttons and list replies, in Spanish with accents', async () => {
    const user = '573100000002';
    const first = await exchange(text(user, '¡Hola! ¿Cómo están? Necesito información'));
    const welcome = seen(first);
    expect(welcome.text).toContain('Privacidad');
    expect(welcome.ids).toEqual(['consent_yes', 'consent_no']);
    // Two WhatsApp messages, not three: the welcome and the privacy notice go as one text, then the question.
    expect(first.map((r) => (r.body as Json).type)).toEqual(['text', 'interactive']);
    expect(bodies(first)[0]).toMatch(/01 8000 180588[\s\S]*Privacidad/);

    const menu = seen(await exchange(button(user, 'consent_yes')));
    expect(menu.ids).toEqual(['regularization', 'rights', 'civil_registry', 'health', 'education', 'work', 'protection', 'services', 'pro_points', 'more']);

    const theme = seen(await exchange(listRow(user, 'pro_points')));
    expect(theme.text).toContain('¿Qué quieres saber');
    expect(theme.ids).toEqual(['what', 'contact', 'back_to_menu']);

    const answer = seen(await exchange(button(user, 'contact')));
    expect(answer.text).toContain('01 8000 180588');
    expect(answer.text).toContain('+57 305 7341182');

    const sent = to(user, graph.sends());
    expect(sent.every((r) => r.authorization === 'Bearer test-token')).toBe(true);
    // No read receipt is asserted: one goes out only for a message still unanswered after 1 s (test/whatsapp/webhookReceiver.test.ts).
  });

  it('finds services from a shared location pin, and answers media with a text-only note', async () => {
    const user = '573100000004';
    await exchange(text(user, 'hola'));
    await exchange(button(user, 'consent_yes'));
    expect(seen(await exchange(listRow(user, 'services'))).ids).toContain('legal');
    expect(seen(await exchange(listRow(user, 'legal'))).text).toContain('ubicación');
    const found = seen(await exchange(inbound(user, { type: 'location', location: { latitude: 7.8939, longitude: -72.5078, name: 'Parque' } })));
    expect(found.text).toContain('tu ubicación');
    expect(found.text).toContain('01 8000 180588');
    const voice = seen(await exchange(inbound(user, { type: 'audio', audio: { id: 'media-1', mime_type: 'audio/ogg', voice: true } })));
    expect(voice.text).toMatch(/texto/);
  });

  it('an English speaker gets the list button and section title in English, and the media reply in English', async () => {
    const person = '573100000201';
    await exchange(text(person, 'hello'));
    await exchange(text(person, 'english'));
    const list = listOf(await exchange(button(person, 'consent_yes')));
    expect(list?.button).toBe('See options');
    expect(list?.sections?.[0].title).toBe('Options');
    expect(list?.sections?.[0].rows.map((r) => r.id)).toContain('regularization');
    expect(bodies(await exchange(image(person)))).toEqual(['For now I can only read text messages. Type your question or *menu* to see the options.']);
  });

  it('a Spanish speaker gets them in Spanish, and *bold* stays bold (never _italic_)', async () => {
    const person = '573100000202';
    const welcome = bodies(await exchange(text(person, 'hola'))).join('\n');
    expect(welcome).toContain('*01 8000 180588*');
    expect(welcome).not.toContain('_01 8000 180588_');
    const menu = await exchange(button(person, 'consent_yes'));
    expect(listOf(menu)?.button).toBe('Ver opciones');
    expect(listOf(menu)?.sections?.[0].title).toBe('Opciones');
    expect(bodies(await exchange(image(person)))).toEqual(['Por ahora solo puedo leer mensajes de texto. Escribe tu pregunta o *menú* para ver las opciones.']);
  });

  it('answers a message delivered twice only once', async () => {
    const user = '573100000003';
    const payload = text(user, 'hola');
    const sent = [...(await deliver(bots[0], [payload, payload])), ...(await deliver(bots[0], [payload]))];
    expect(sent.filter((r) => seen([r]).text.includes('Privacidad'))).toHaveLength(1);
  });

  it('two instances on one store receiving interleaved messages of one person lose no update', async () => {
    const [a, b] = bots;
    const people = Array.from({ length: 8 }, (_, i) => `57310100${String(i).padStart(4, '0')}`);
    await deliver(a, people.map((user) => text(user, 'hola')));
    await deliver(b, people.map((user) => button(user, 'consent_yes')));
    // The same moment: "english" to one instance, "pro_points" to the other, for every person.
    await Promise.all([deliver(a, people.map((user) => text(user, 'english'))), deliver(b, people.map((user) => listRow(user, 'pro_points')))]);
    // Both changes must have survived: the language (user state) and the open theme (conversation state).
    const answers = await deliver(a, people.map((user) => button(user, 'contact')));
    for (const user of people) {
      expect({ user, text: seen(to(user, answers)).text }).toEqual({ user, text: expect.stringContaining('PRO national line') });
    }
  });
});
