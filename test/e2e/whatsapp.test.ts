/**
 * WhatsApp end to end: the built server (as `npm start` runs it) with WhatsApp configured, signed
 * webhooks over real HTTP, replies checked at a fake Graph API that fails on any message breaking
 * WhatsApp's limits. Then two server instances sharing one store receive interleaved messages of
 * the same people: no state update may be lost.
 */
import { signPayload } from '../../bot/channels/whatsapp/signature';
import { BotProcess, startBotProcess } from '../support/botProcess';
import { FakeGraphApi, RecordedRequest } from '../support/fakeGraphApi';
import { startTestStore, TestStore } from '../support/store';

jest.setTimeout(90000);

const SECRET = 'e2e-app-secret';
const VERIFY = 'e2e-verify-token';
const PHONE_NUMBER_ID = '106540352242922';

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

/** What a person sees: text bodies, interactive bodies, and the ids they can tap. */
/** Who a webhook payload is from (the one message it carries). */
function recipientOf(payload: Json): string {
  const entry = (payload.entry as { changes: { value: { messages: { from: string }[] } }[] }[])[0];
  return entry.changes[0].value.messages[0].from;
}

function seen(requests: RecordedRequest[]): { text: string; ids: string[] } {
  const texts: string[] = [];
  let ids: string[] = [];
  for (const { body } of requests) {
    if (!body) continue;
    const interactive = body.interactive as Json | undefined;
    if (body.type === 'text') texts.push(String((body.text as Json).body));
    if (interactive) {
      texts.push(String((interactive.body as Json).text));
      const action = interactive.action as { buttons?: { reply: { id: string } }[]; sections?: { rows: { id: string }[] }[] };
      ids = action.buttons ? action.buttons.map((b) => b.reply.id) : (action.sections ?? []).flatMap((s) => s.rows.map((r) => r.id));
    }
  }
  return { text: texts.join('\n'), ids };
}

describe('WhatsApp webhook end to end', () => {
  let store: TestStore;
  let graph: FakeGraphApi;
  let bots: BotProcess[] = [];
  let embeddedPort: number;

  const env = (): Record<string, string> => ({
    DATA_DIR: store.dataDir,
    WHATSAPP_ACCESS_TOKEN: 'test-token',
    WHATSAPP_PHONE_NUMBER_ID: PHONE_NUMBER_ID,
    WHATSAPP_APP_SECRET: SECRET,
    WHATSAPP_VERIFY_TOKEN: VERIFY,
    WHATSAPP_GRAPH_API_URL: graph.graphApiUrl,
  });

  const post = (bot: BotProcess, payload: Json | string, signature?: string | null) => {
    const raw = typeof payload === 'string' ? payload : JSON.stringify(payload);
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (signature !== null) headers['x-hub-signature-256'] = signature ?? signPayload(raw, SECRET);
    return fetch(`${bot.baseUrl}/api/whatsapp`, { method: 'POST', headers, body: raw });
  };

  /** Sends one message and waits until the bot has answered it. */
  const exchange = async (bot: BotProcess, payload: Json): Promise<{ text: string; ids: string[] }> => {
    const to = recipientOf(payload);
    const before = graph.sends().length;
    const res = await post(bot, payload);
    expect(res.status).toBe(200);
    await settle([to], before);
    return seen(graph.sends().slice(before));
  };

  /**
   * Waits until each of `people` got at least one message since `since`, and then no request
   * reached the fake Graph API for a short while (a turn's replies come one after another).
   */
  const settle = async (people: string[] = [], since = graph.sends().length, quietMs = 400, maxMs = 20000): Promise<void> => {
    const start = Date.now();
    const answered = (): boolean => people.every((p) => graph.sends().slice(since).some((r) => (r.body as Json | undefined)?.to === p));
    let count = -1;
    while (Date.now() - start < maxMs) {
      if (answered() && graph.requests.length === count) return;
      count = graph.requests.length;
      await new Promise((r) => setTimeout(r, quietMs));
    }
  };

  beforeAll(async () => {
    store = await startTestStore();
    embeddedPort = Number(new URL(store.endpoint).port);
    graph = await FakeGraphApi.start({ phoneNumberId: PHONE_NUMBER_ID });
    bots.push(await startBotProcess(env(), { embeddedPort }));
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
    await settle([], graph.sends().length, 300);
    expect(graph.requests.length).toBe(before);
  });

  it('goes from "hola" to a theme answer with buttons and list replies, in Spanish with accents', async () => {
    const user = '573100000002';
    const welcome = await exchange(bots[0], text(user, '¡Hola! ¿Cómo están? Necesito información'));
    expect(welcome.text).toContain('Privacidad');
    expect(welcome.ids).toEqual(['consent_yes', 'consent_no']);

    const menu = await exchange(bots[0], button(user, 'consent_yes'));
    expect(menu.ids).toEqual(['regularization', 'rights', 'civil_registry', 'health', 'education', 'work', 'protection', 'services', 'pro_points', 'more']);

    const theme = await exchange(bots[0], listRow(user, 'pro_points'));
    expect(theme.text).toContain('¿Qué quieres saber');
    expect(theme.ids).toEqual(['what', 'contact', 'back_to_menu']);

    const answer = await exchange(bots[0], button(user, 'contact'));
    expect(answer.text).toContain('01 8000 180588');
    expect(answer.text).toContain('+57 305 7341182');

    const sent = graph.sends().filter((r) => (r.body as Json).to === user);
    expect(sent.every((r) => r.authorization === 'Bearer test-token')).toBe(true);
    expect(graph.reads().length).toBeGreaterThan(0);
  });

  it('finds services from a shared location pin, and answers media with a text-only note', async () => {
    const user = '573100000004';
    await exchange(bots[0], text(user, 'hola'));
    await exchange(bots[0], button(user, 'consent_yes'));
    expect((await exchange(bots[0], listRow(user, 'services'))).ids).toContain('legal');
    expect((await exchange(bots[0], listRow(user, 'legal'))).text).toContain('ubicación');
    const found = await exchange(bots[0], inbound(user, { type: 'location', location: { latitude: 7.8939, longitude: -72.5078, name: 'Parque' } }));
    expect(found.text).toContain('tu ubicación');
    expect(found.text).toContain('01 8000 180588');
    const voice = await exchange(bots[0], inbound(user, { type: 'audio', audio: { id: 'media-1', mime_type: 'audio/ogg', voice: true } }));
    expect(voice.text).toMatch(/texto/);
  });

  it('answers a message delivered twice only once', async () => {
    const user = '573100000003';
    const payload = text(user, 'hola');
    const before = graph.sends().length;
    await Promise.all([post(bots[0], payload), post(bots[0], payload)]);
    await post(bots[0], payload);
    await settle([user], before);
    const welcomes = graph.sends().slice(before).filter((r) => seen([r]).text.includes('Privacidad'));
    expect(welcomes).toHaveLength(1);
  });

  it('two instances on one store receiving interleaved messages of one person lose no update', async () => {
    bots.push(await startBotProcess(env(), { embeddedPort }));
    const [a, b] = bots;
    const people = Array.from({ length: 8 }, (_, i) => `57310100${String(i).padStart(4, '0')}`);
    const all = async (payloads: Json[], bot = a): Promise<void> => {
      const since = graph.sends().length;
      for (const res of await Promise.all(payloads.map((p) => post(bot, p)))) expect(res.status).toBe(200);
      await settle(payloads.map(recipientOf), since);
    };
    await all(people.map((user) => text(user, 'hola')));
    await all(people.map((user) => button(user, 'consent_yes')), b);
    // The same moment: "english" to one instance, "pro_points" to the other, for every person.
    const since = graph.sends().length;
    await Promise.all(people.flatMap((user) => [post(a, text(user, 'english')), post(b, listRow(user, 'pro_points'))]));
    await settle(people, since, 600);
    // Both changes must have survived: the language (user state) and the open theme (conversation state).
    const before = graph.sends().length;
    await all(people.map((user) => button(user, 'contact')));
    const answers = graph.sends().slice(before);
    for (const user of people) {
      const reply = seen(answers.filter((r) => (r.body as Json).to === user));
      expect({ user, text: reply.text }).toEqual({ user, text: expect.stringContaining('PRO national line') });
    }
  });
});

