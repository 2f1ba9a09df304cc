/**
 * A hung store (it accepts connections and never answers) must not hold a person: on both channels
 * the emergency lines go out at once, and every message, also one sent right after another, gets
 * the apology with the free national PRO line within 5 s. /healthz says 503 within 3 s.
 * The built bot runs as a child process on a shared embedded store, which is then swapped for a
 * TCP server on the same port that accepts and stays silent.
 */
import net from 'node:net';
import type { Activity } from 'botbuilder';
import { signPayload } from '../../bot/channels/whatsapp/signature';
import { BotProcess, startBotProcess } from '../support/botProcess';
import { ConnectorStub, startConnectorStub } from '../support/connectorStub';
import { FakeGraphApi } from '../support/fakeGraphApi';
import { startTestStore, TestStore } from '../support/store';

const SECRET = 'hung-app-secret';
const PHONE_NUMBER_ID = '106540352242922';
const WA_USER = '573100009999';
const NATIONAL_LINE = '01 8000 180588';
let sequence = 0;

function whatsAppText(body: string): string {
  const message = { from: WA_USER, id: `wamid.HUNG${Date.now().toString(36)}${++sequence}`, timestamp: String(Math.floor(Date.now() / 1000)), type: 'text', text: { body } };
  return JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [{ id: 'WABA', changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: { display_phone_number: '573001112233', phone_number_id: PHONE_NUMBER_ID }, contacts: [{ profile: { name: 'Ana' }, wa_id: WA_USER }], messages: [message] } }] }],
  });
}

/** Resolves with the milliseconds until `found()` holds, or rejects after `maxMs`. */
async function timeUntil(found: () => boolean, since: number, maxMs = 15000): Promise<number> {
  while (!found()) {
    if (Date.now() - since > maxMs) throw new Error(`not within ${maxMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
  return Date.now() - since;
}

describe('a hung store', () => {
  let store: TestStore;
  let stub: ConnectorStub;
  let graph: FakeGraphApi;
  let bot: BotProcess;
  let hung: net.Server | undefined;
  const held: net.Socket[] = [];
  let emulatorSeq = 0;

  const emulator = (text: string): Promise<Response> => {
    const activity: Partial<Activity> = {
      type: 'message', text, channelId: 'emulator', serviceUrl: stub.url, id: `h${++emulatorSeq}`,
      conversation: { id: 'hung-conv' } as Activity['conversation'], from: { id: 'hung-user', name: 'Tester' }, recipient: { id: 'bot', name: 'PRO Bot' },
    };
    return fetch(`${bot.baseUrl}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
  };
  const whatsapp = async (text: string): Promise<void> => {
    const raw = whatsAppText(text);
    const res = await fetch(`${bot.baseUrl}/api/whatsapp`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': signPayload(raw, SECRET) }, body: raw });
    expect(res.status).toBe(200);
  };
  const whatsappTexts = (from: number): string[] =>
    graph.sends().slice(from).map((r) => {
      const body = r.body as { text?: { body: string }; interactive?: { body: { text: string } } };
      return body.text?.body ?? body.interactive?.body.text ?? '';
    });
  const emulatorTexts = (from: number): string[] => stub.replies.slice(from).map((r) => r.text ?? '');

  beforeAll(async () => {
    store = await startTestStore();
    stub = await startConnectorStub();
    graph = await FakeGraphApi.start({ phoneNumberId: PHONE_NUMBER_ID });
    bot = await startBotProcess(
      { DATA_DIR: store.dataDir, LOG_LEVEL: 'debug', WHATSAPP_ACCESS_TOKEN: 'test-token', WHATSAPP_PHONE_NUMBER_ID: PHONE_NUMBER_ID, WHATSAPP_APP_SECRET: SECRET, WHATSAPP_VERIFY_TOKEN: 'v', WHATSAPP_GRAPH_API_URL: graph.graphApiUrl, ALLOW_EMULATOR: 'true' },
      { embeddedPort: Number(new URL(store.endpoint).port) },
    );
    // Both people are in a steady conversation before the store hangs.
    for (const [i, text] of ['hola', 'consent_yes'].entries()) {
      await emulator(text); // answered once its turn is done
      await whatsapp(text);
      // Its turn done (state saved, every reply out) before the next message, and before the store goes.
      await bot.untilLogged('"msg":"WhatsApp message handled"', i + 1);
    }
    const port = Number(new URL(store.endpoint).port);
    await store.destroy();
    hung = net.createServer((socket) => held.push(socket));
    await new Promise<void>((resolve) => hung!.listen(port, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    for (const socket of held) socket.destroy();
    hung?.close();
    await bot?.stop();
    await stub?.close();
    await graph?.close();
  });

  /** /healthz says 503 within 3 s. */
  const health = async (): Promise<void> => {
    const started = Date.now();
    const res = await fetch(`${bot.baseUrl}/healthz`);
    expect(res.status).toBe(503);
    expect(Date.now() - started).toBeLessThan(3500);
  };

  /** Emulator: the apology with the national line within 5 s; emergency lines at once. */
  const emulatorPerson = async (): Promise<void> => {
    let from = stub.replies.length;
    let started = Date.now();
    void emulator('necesito ayuda con el ppt');
    expect(await timeUntil(() => emulatorTexts(from).some((t) => t.includes(NATIONAL_LINE)), started)).toBeLessThan(5000);
    expect(emulatorTexts(from).join('\n')).toContain('algo falló');

    from = stub.replies.length;
    started = Date.now();
    void emulator('me tienen encerrada y no me dejan salir');
    expect(await timeUntil(() => emulatorTexts(from).some((t) => t.includes('123')), started)).toBeLessThan(1000);
    expect(await timeUntil(() => emulatorTexts(from).some((t) => t.includes('algo falló')), started)).toBeLessThan(5000);
  };

  /** WhatsApp: a message right after another gets the apology within 5 s; emergency lines at once. */
  const whatsappPerson = async (): Promise<void> => {
    const from = graph.sends().length;
    const started = Date.now();
    await whatsapp('quiero saber del ppt');
    const secondAt = Date.now();
    await whatsapp('hola?');
    await timeUntil(() => whatsappTexts(from).filter((t) => t.includes(NATIONAL_LINE)).length >= 2, started);
    // Each message's apology: the second one waited behind the first, and still within 5 s of being sent.
    expect(Date.now() - secondAt).toBeLessThan(5000);
    expect(whatsappTexts(from).filter((t) => t.includes('algo falló'))).toHaveLength(2);

    const fromDanger = graph.sends().length;
    const dangerAt = Date.now();
    await whatsapp('me tienen encerrada');
    expect(await timeUntil(() => whatsappTexts(fromDanger).some((t) => t.includes('123')), dangerAt)).toBeLessThan(1000);
    expect(await timeUntil(() => whatsappTexts(fromDanger).some((t) => t.includes('algo falló')), dangerAt)).toBeLessThan(5000);
    expect(whatsappTexts(fromDanger)[0]).toContain('123'); // the lines first, then the apology
  };

  // The three wait on the store's deadlines for different callers, so they run side by side (started
  // once the store hangs); each test reports its own.
  let running: { health: Promise<void>; emulator: Promise<void>; whatsapp: Promise<void> };
  beforeAll(() => {
    running = { health: health(), emulator: emulatorPerson(), whatsapp: whatsappPerson() };
    for (const run of Object.values(running)) run.catch(() => undefined); // reported by its test
  });

  it('/healthz says 503 within 3 s', () => running.health);
  it('Emulator: the apology with the national line within 5 s; emergency lines at once', () => running.emulator);
  it('WhatsApp: a message right after another gets the apology within 5 s; emergency lines at once', () => running.whatsapp);
});
