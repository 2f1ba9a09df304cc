/**
 * WhatsApp wording end to end (issue 9, item 7): the built server with WhatsApp configured, signed
 * webhooks over real HTTP, replies read at the fake Graph API. Every word the channel adds (list
 * button, section title, the media reply) is in the person's language, and WhatsApp bold stays bold.
 */
import { signPayload } from '../../bot/channels/whatsapp/signature';
import { BotProcess, startBotProcess } from '../support/botProcess';
import { FakeGraphApi, RecordedRequest } from '../support/fakeGraphApi';
import { startTestStore, TestStore } from '../support/store';

jest.setTimeout(90000);

const SECRET = 'wording-app-secret';
const PHONE_NUMBER_ID = '106540352242922';
type Json = Record<string, unknown>;
let sequence = 0;

function inbound(from: string, content: Json): Json {
  const message = { from, id: `wamid.WORDING${Date.now().toString(36)}${++sequence}`, timestamp: String(Math.floor(Date.now() / 1000)), ...content };
  return {
    object: 'whatsapp_business_account',
    entry: [{ id: 'WABA', changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: { display_phone_number: '573001112233', phone_number_id: PHONE_NUMBER_ID }, contacts: [{ profile: { name: 'Ana' }, wa_id: from }], messages: [message] } }] }],
  };
}
const text = (from: string, body: string): Json => inbound(from, { type: 'text', text: { body } });
const button = (from: string, id: string): Json => inbound(from, { type: 'interactive', interactive: { type: 'button_reply', button_reply: { id, title: id } } });
const image = (from: string): Json => inbound(from, { type: 'image', image: { id: 'media-1', mime_type: 'image/jpeg' } });

interface ListAction {
  button?: string;
  sections?: { title?: string; rows: { id: string; title: string }[] }[];
}

describe('WhatsApp wording in the person\'s language (built server)', () => {
  let store: TestStore;
  let graph: FakeGraphApi;
  let bot: BotProcess;

  beforeAll(async () => {
    store = await startTestStore();
    graph = await FakeGraphApi.start({ phoneNumberId: PHONE_NUMBER_ID });
    bot = await startBotProcess(
      {
        DATA_DIR: store.dataDir,
        WHATSAPP_ACCESS_TOKEN: 'test-token',
        WHATSAPP_PHONE_NUMBER_ID: PHONE_NUMBER_ID,
        WHATSAPP_APP_SECRET: SECRET,
        WHATSAPP_VERIFY_TOKEN: 'verify',
        WHATSAPP_GRAPH_API_URL: graph.graphApiUrl,
      },
      { embeddedPort: Number(new URL(store.endpoint).port) },
    );
  });
  afterAll(async () => {
    await bot?.stop();
    await graph?.close();
    await store?.destroy();
  });
  afterEach(() => {
    expect(graph.violations()).toEqual([]);
  });

  /** Sends one signed message and returns the Graph API requests of the reply, once they stop coming. */
  async function exchange(payload: Json): Promise<RecordedRequest[]> {
    const raw = JSON.stringify(payload);
    const before = graph.sends().length;
    const res = await fetch(`${bot.baseUrl}/api/whatsapp`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': signPayload(raw, SECRET) }, body: raw });
    expect(res.status).toBe(200);
    let count = -1;
    for (const start = Date.now(); Date.now() - start < 20000; ) {
      if (graph.sends().length > before && graph.sends().length === count) break;
      count = graph.sends().length;
      await new Promise((r) => setTimeout(r, 400));
    }
    return graph.sends().slice(before);
  }
  const bodies = (sent: RecordedRequest[]): string[] =>
    sent.map(({ body }) => ((body as Json).type === 'text' ? String(((body as Json).text as Json).body) : String((((body as Json).interactive as Json).body as Json).text)));
  const listOf = (sent: RecordedRequest[]): ListAction | undefined => {
    const interactive = sent.map(({ body }) => (body as Json).interactive as Json | undefined).find((i) => i?.type === 'list');
    return interactive?.action as ListAction | undefined;
  };

  it('an English speaker gets the list button and section title in English, and the media reply in English', async () => {
    const person = '573100000201';
    await exchange(text(person, 'hello'));
    await exchange(text(person, 'english'));
    const menu = await exchange(button(person, 'consent_yes'));
    const list = listOf(menu);
    expect(list?.button).toBe('See options');
    expect(list?.sections?.[0].title).toBe('Options');
    expect(list?.sections?.[0].rows.map((r) => r.id)).toContain('regularization');

    const media = bodies(await exchange(image(person)));
    expect(media).toEqual(['For now I can only read text messages. Type your question or *menu* to see the options.']);
  });

  it('a Spanish speaker gets them in Spanish, and *bold* stays bold (never _italic_)', async () => {
    const person = '573100000202';
    const welcome = bodies(await exchange(text(person, 'hola')));
    expect(welcome.join('\n')).toContain('*01 8000 180588*');
    expect(welcome.join('\n')).not.toContain('_01 8000 180588_');
    const menu = await exchange(button(person, 'consent_yes'));
    expect(listOf(menu)?.button).toBe('Ver opciones');
    expect(listOf(menu)?.sections?.[0].title).toBe('Opciones');
    expect(bodies(await exchange(image(person)))).toEqual(['Por ahora solo puedo leer mensajes de texto. Escribe tu pregunta o *menú* para ver las opciones.']);
  });
});
