/**
 * One bot per core: the built server started with WEB_CONCURRENCY=2. The primary runs only the
 * front door (it answers Meta's webhook and hands each person to one worker), the embedded store
 * runs in a process of its own, and two workers answer. Checked with real processes and real HTTP:
 * people's updates are not lost, one person's messages are answered in order, the 200 does not wait
 * for busy workers, a worker killed mid-work loses nothing, /healthz speaks for both workers, and
 * every other route (Emulator, Meta's handshake) reaches a worker through the front door.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { signPayload } from '../../bot/channels/whatsapp/signature';
import { personSlot } from '../../bot/cluster/personSlot';
import { BotProcess, startBotProcess } from '../support/botProcess';
import { FakeGraphApi, RecordedRequest } from '../support/fakeGraphApi';
import { until } from '../support/until';

const SECRET = 'workers-app-secret';
const PHONE_NUMBER_ID = '106540352242923';
const HANDLED = '"msg":"WhatsApp message handled"';
const PROBE = path.join(__dirname, 'fixtures/primaryModules.js');
type Json = Record<string, unknown>;
let sequence = 0;

function inbound(from: string, content: Json): Json {
  const message = { from, id: `wamid.WRK${Date.now().toString(36)}${++sequence}`, timestamp: String(Math.floor(Date.now() / 1000)), ...content };
  return {
    object: 'whatsapp_business_account',
    entry: [{ id: 'WABA', changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: { display_phone_number: '573001112233', phone_number_id: PHONE_NUMBER_ID }, contacts: [{ profile: { name: 'Ana' }, wa_id: from }], messages: [message] } }] }],
  };
}
const text = (from: string, body: string): Json => inbound(from, { type: 'text', text: { body } });
const interactive = (from: string, kind: 'button_reply' | 'list_reply', id: string): Json => inbound(from, { type: 'interactive', interactive: { type: kind, [kind]: { id, title: id } } });

/** Every text a person was sent (text bodies and interactive bodies), in order. */
const textsTo = (user: string, sent: RecordedRequest[]): string[] =>
  sent
    .filter((r) => (r.body as Json).to === user)
    .map(({ body }) => {
      const m = body as { text?: { body: string }; interactive?: { body: { text: string } } };
      return m.text?.body ?? m.interactive?.body.text ?? '';
    });

describe('two workers (WEB_CONCURRENCY=2) behind the front door', () => {
  let graph: FakeGraphApi;
  let bot: BotProcess;
  let dir: string;
  let posted = 0;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'probot-workers-'));
    graph = await FakeGraphApi.start({ phoneNumberId: PHONE_NUMBER_ID });
    bot = await startBotProcess({
      WEB_CONCURRENCY: '2',
      DATA_DIR: path.join(dir, 'data'),
      LOG_LEVEL: 'debug',
      ALLOW_EMULATOR: 'true',
      // The store process is paused for a moment below: turns wait for it instead of giving up.
      STORE_READ_TIMEOUT_MS: '20000',
      STORE_WRITE_TIMEOUT_MS: '20000',
      WHATSAPP_ACCESS_TOKEN: 'test-token',
      WHATSAPP_PHONE_NUMBER_ID: PHONE_NUMBER_ID,
      WHATSAPP_APP_SECRET: SECRET,
      WHATSAPP_VERIFY_TOKEN: 'verify',
      WHATSAPP_GRAPH_API_URL: graph.graphApiUrl,
      NODE_OPTIONS: `--require ${PROBE}`,
      PRIMARY_MODULES_FILE: path.join(dir, 'primary-modules.json'),
    });
  });
  afterAll(async () => {
    await bot?.stop();
    await graph?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const post = (payload: Json, close = false): Promise<Response> => {
    const raw = JSON.stringify(payload);
    posted += 1;
    return fetch(`${bot.baseUrl}/api/whatsapp`, { method: 'POST', headers: { 'content-type': 'application/json', ...(close ? { connection: 'close' } : {}), 'x-hub-signature-256': signPayload(raw, SECRET) }, body: raw });
  };
  /** Posts every payload at once, each on its own connection, and waits until all are handled. */
  const deliver = async (payloads: Json[]): Promise<RecordedRequest[]> => {
    const since = graph.sends().length;
    const answers = await Promise.all(payloads.map((p) => post(p, true)));
    expect(answers.map((a) => a.status)).toEqual(payloads.map(() => 200));
    await bot.untilLogged(HANDLED, posted);
    return graph.sends().slice(since);
  };
  /** The pid of the process the primary logged last with `msg` (and `slot`, for a worker). */
  const pidOf = (msg: string, slot?: number): number => {
    const line = bot.logs
      .map((l) => JSON.parse(l) as { msg?: string; slot?: number; pid?: number })
      .filter((l) => l.msg === msg && (slot === undefined || l.slot === slot))
      .pop();
    if (!line?.pid) throw new Error(`no "${msg}" line with a pid`);
    return line.pid;
  };
  const health = async (): Promise<{ status: number; body: Json }> => {
    const res = await fetch(`${bot.baseUrl}/healthz`);
    return { status: res.status, body: (await res.json()) as Json };
  };

  it('says "PRO Bot listening" once, when both workers are up; the store has its own process, which both workers use', () => {
    expect(bot.logs.filter((l) => l.includes('"msg":"PRO Bot listening"'))).toHaveLength(1);
    expect(bot.logs.filter((l) => l.includes('PRO Bot primary started its workers'))).toHaveLength(1);
    expect(bot.logs.filter((l) => l.includes('"msg":"bot worker up"'))).toHaveLength(2);
    expect(bot.logs.filter((l) => l.includes('using the embedded store of the running bot'))).toHaveLength(2);
    expect(pidOf('store process serving the embedded store')).not.toBe(pidOf('bot worker up', 0));
  });

  it('interleaved messages of the same people, sent on separate connections, lose no update', async () => {
    const people = Array.from({ length: 8 }, (_, i) => `57310200${String(i).padStart(4, '0')}`);
    await deliver(people.map((user) => text(user, 'hola')));
    await deliver(people.map((user) => interactive(user, 'button_reply', 'consent_yes')));
    // The same moment, for every person: "english" (their profile) and the PRO points theme (their conversation).
    await deliver(people.flatMap((user) => [text(user, 'english'), interactive(user, 'list_reply', 'pro_points')]));
    const answers = await deliver(people.map((user) => interactive(user, 'button_reply', 'contact')));
    for (const user of people) expect({ user, text: textsTo(user, answers).join('\n') }).toEqual({ user, text: expect.stringContaining('PRO national line') });
    expect(graph.violations()).toEqual([]);
  });

  it("one person's 10 messages, sent one after another without waiting for replies, are answered in order", async () => {
    // Each answer depends on the one before (the menu, then a row number of it), so any reordering shows.
    const script = ['menu', '1', 'menu', '4', 'menu', '5', 'atrás', 'menu', '7', 'menu'];
    const [eager, patient] = ['573102100001', '573102100002'];
    await deliver([text(eager, 'hola'), text(patient, 'hola')]);
    await deliver([interactive(eager, 'button_reply', 'consent_yes'), interactive(patient, 'button_reply', 'consent_yes')]);
    const since = graph.sends().length;
    // The patient person waits for every answer: the order as one worker at a time gives it.
    for (const body of script) await deliver([text(patient, body)]);
    for (const body of script) expect((await post(text(eager, body))).status).toBe(200);
    await bot.untilLogged(HANDLED, posted);
    const sent = graph.sends().slice(since);
    expect(textsTo(patient, sent).length).toBeGreaterThanOrEqual(script.length);
    expect(textsTo(eager, sent)).toEqual(textsTo(patient, sent));
  });

  it('answers 200 at once while both workers are busy (paused); their messages are answered once they go on', async () => {
    const workers = [pidOf('bot worker up', 0), pidOf('bot worker up', 1)];
    const people = Array.from({ length: 12 }, (_, i) => `57310300${String(i).padStart(4, '0')}`);
    const since = graph.sends().length;
    workers.forEach((pid) => process.kill(pid, 'SIGSTOP'));
    try {
      const started = Date.now();
      const answers = await Promise.all(people.map((user) => post(text(user, 'hola'))));
      expect(answers.map((a) => a.status)).toEqual(people.map(() => 200));
      // Every 200 came while no worker could run at all.
      expect(Date.now() - started).toBeLessThan(5000);
      expect(graph.sends().length).toBe(since);
    } finally {
      workers.forEach((pid) => process.kill(pid, 'SIGCONT'));
    }
    await bot.untilLogged(HANDLED, posted);
    const sent = graph.sends().slice(since);
    for (const user of people) expect({ user, answered: textsTo(user, sent).length > 0 }).toEqual({ user, answered: true });
  });

  it("a worker killed (SIGKILL) in the middle of a person's turns: the replacement answers every message it had accepted", async () => {
    const person = '573102200001';
    const witness = '573102200002'; // the same messages, one at a time, on a cluster left alone
    const script = [text(person, 'hola'), interactive(person, 'button_reply', 'consent_yes'), text(person, 'menu')];
    const since = graph.sends().length;
    for (const payload of [text(witness, 'hola'), interactive(witness, 'button_reply', 'consent_yes'), text(witness, 'menu')]) await deliver([payload]);
    const slot = personSlot(person, 2);
    const victim = pidOf('bot worker up', slot);
    // A worker that dies within 5 s of starting is not restarted (a crash loop): let it have lived longer.
    const upAt = Date.parse((JSON.parse(bot.logs.filter((l) => l.includes('"msg":"bot worker up"') && l.includes(`"pid":${victim}`))[0]) as { time: string }).time);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, upAt + 5500 - Date.now())));
    const ups = bot.logs.filter((l) => l.includes('"msg":"bot worker up"')).length;
    const store = pidOf('store process serving the embedded store');
    const turnsBefore = bot.logs.filter((l) => l.includes('"msg":"WhatsApp turn"')).length;
    const handledBefore = bot.logs.filter((l) => l.includes(HANDLED)).length;
    // The store paused, so the worker holds the person's turn mid-way when it is killed.
    process.kill(store, 'SIGSTOP');
    try {
      for (const payload of script) expect((await post(payload)).status).toBe(200);
      await bot.untilLogged('"msg":"WhatsApp turn"', turnsBefore + 1);
      process.kill(victim, 'SIGKILL');
      await until(() => bot.logs.some((l) => l.includes('"msg":"bot worker stopped unexpectedly"')), { what: 'the primary seeing the worker end' });
    } finally {
      process.kill(store, 'SIGCONT');
    }
    await bot.untilLogged('"msg":"bot worker up"', ups + 1);
    expect(pidOf('bot worker up', slot)).not.toBe(victim);
    await bot.untilLogged(HANDLED, handledBefore + script.length, 30000);
    const sent = graph.sends().slice(since);
    expect(textsTo(person, sent)).toEqual(textsTo(witness, sent));
    const { body } = await health();
    expect(body.frontDoor).toEqual(expect.objectContaining({ unfinished: 0, handedOverUnkept: 0 }));
    expect((body.frontDoor as { redelivered: number }).redelivered).toBeGreaterThanOrEqual(1);
  }, 60000);

  it('/healthz answers for both workers: ok, the store, the version, and their WhatsApp lines added up', async () => {
    const { status, body } = await health();
    expect(status).toBe(200);
    expect(body).toEqual(expect.objectContaining({ status: 'ok', storage: 'embedded', version: expect.any(String) }));
    const workers = body.workers as { status: string; whatsappLine: Record<string, number> }[];
    expect(workers.map((w) => w.status)).toEqual(['ok', 'ok']);
    const line = body.whatsappLine as Record<string, number>;
    for (const count of ['waiting', 'running', 'readReceiptsSent', 'readReceiptsShed', 'busyNoticesSent']) {
      expect({ count, value: line[count] }).toEqual({ count, value: workers[0].whatsappLine[count] + workers[1].whatsappLine[count] });
    }
    expect(line.longestWaitLastMinuteMs).toBe(Math.max(workers[0].whatsappLine.longestWaitLastMinuteMs, workers[1].whatsappLine.longestWaitLastMinuteMs));
    expect(JSON.stringify(body)).not.toMatch(/5731\d{8}/);
  });

  it("the front door's refusals are a single bot's: 401 without a signature, 403 with a wrong one", async () => {
    const raw = JSON.stringify(text('573102300001', 'hola'));
    expect((await fetch(`${bot.baseUrl}/api/whatsapp`, { method: 'POST', body: raw })).status).toBe(401);
    expect((await fetch(`${bot.baseUrl}/api/whatsapp`, { method: 'POST', headers: { 'x-hub-signature-256': signPayload(raw, 'not-the-secret') }, body: raw })).status).toBe(403);
  });

  it("every other route reaches a worker: the Emulator's expectReplies and Meta's verification handshake", async () => {
    const res = await fetch(`${bot.baseUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', text: 'hola', deliveryMode: 'expectReplies', channelId: 'emulator', serviceUrl: 'http://127.0.0.1:9/unused', conversation: { id: 'conversation-workers' }, from: { id: 'emulator-workers', name: 'Tester' }, recipient: { id: 'pro-bot', name: 'PRO Bot' }, id: 'activity-1', timestamp: new Date().toISOString(), locale: 'es-CO' }),
    });
    expect(res.status).toBe(200);
    const replies = ((await res.json()) as { activities: { suggestedActions?: { actions: { value: unknown }[] } }[] }).activities;
    expect(replies.flatMap((a) => a.suggestedActions?.actions.map((x) => x.value) ?? [])).toContain('consent_yes');
    const handshake = await fetch(`${bot.baseUrl}/api/whatsapp?hub.mode=subscribe&hub.verify_token=verify&hub.challenge=1158201444`);
    expect({ status: handshake.status, body: await handshake.text() }).toEqual({ status: 200, body: '1158201444' });
    expect((await fetch(`${bot.baseUrl}/api/whatsapp?hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=1`)).status).toBe(403);
  });

  it('stops cleanly on SIGTERM, and the primary never loaded restify, botbuilder or the Cosmos client', async () => {
    expect(await bot.stop()).toBe(0);
    expect(JSON.parse(readFileSync(path.join(dir, 'primary-modules.json'), 'utf8'))).toEqual({ heavyModules: 0 });
  });
});
