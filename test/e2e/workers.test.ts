/**
 * One bot per core: the built server started with WEB_CONCURRENCY=2 runs two workers behind one
 * port, the primary serving the embedded store for both. The same people's messages, sent at the
 * same moment over separate connections (so the cluster spreads them over the workers), lose no
 * update: every state write carries its ETag and a turn that lost the race runs again.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { signPayload } from '../../bot/channels/whatsapp/signature';
import { BotProcess, startBotProcess } from '../support/botProcess';
import { FakeGraphApi, RecordedRequest } from '../support/fakeGraphApi';

const SECRET = 'workers-app-secret';
const PHONE_NUMBER_ID = '106540352242923';
const HANDLED = '"msg":"WhatsApp message handled"';
type Json = Record<string, unknown>;
let sequence = 0;

function inbound(from: string, content: Json): Json {
  const message = { from, id: `wamid.WRK${Date.now().toString(36)}${++sequence}`, timestamp: String(Math.floor(Date.now() / 1000)), ...content };
  return {
    object: 'whatsapp_business_account',
    entry: [{ id: 'WABA', changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: { display_phone_number: '573001112233', phone_number_id: PHONE_NUMBER_ID }, contacts: [{ profile: { name: 'Ana' }, wa_id: from }], messages: [message] } }] }],
  };
}
const interactive = (from: string, kind: 'button_reply' | 'list_reply', id: string): Json => inbound(from, { type: 'interactive', interactive: { type: kind, [kind]: { id, title: id } } });

/** Every text a person was sent (text bodies and interactive bodies). */
const textsTo = (user: string, sent: RecordedRequest[]): string =>
  sent
    .filter((r) => (r.body as Json).to === user)
    .map(({ body }) => {
      const m = body as { text?: { body: string }; interactive?: { body: { text: string } } };
      return m.text?.body ?? m.interactive?.body.text ?? '';
    })
    .join('\n');

describe('two workers (WEB_CONCURRENCY=2) on one store', () => {
  let graph: FakeGraphApi;
  let bot: BotProcess;
  let dataDir: string;
  let posted = 0;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'probot-workers-'));
    graph = await FakeGraphApi.start({ phoneNumberId: PHONE_NUMBER_ID });
    bot = await startBotProcess({
      WEB_CONCURRENCY: '2',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'debug',
      WHATSAPP_ACCESS_TOKEN: 'test-token',
      WHATSAPP_PHONE_NUMBER_ID: PHONE_NUMBER_ID,
      WHATSAPP_APP_SECRET: SECRET,
      WHATSAPP_VERIFY_TOKEN: 'verify',
      WHATSAPP_GRAPH_API_URL: graph.graphApiUrl,
    });
    await bot.untilLogged('"msg":"PRO Bot listening"', 2);
  });
  afterAll(async () => {
    await bot?.stop();
    await graph?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Posts every payload at once, each on its own connection, and waits until all are handled. */
  const deliver = async (payloads: Json[]): Promise<RecordedRequest[]> => {
    const since = graph.sends().length;
    posted += payloads.length;
    const answers = await Promise.all(
      payloads.map((p) => {
        const raw = JSON.stringify(p);
        return fetch(`${bot.baseUrl}/api/whatsapp`, { method: 'POST', headers: { 'content-type': 'application/json', connection: 'close', 'x-hub-signature-256': signPayload(raw, SECRET) }, body: raw });
      }),
    );
    expect(answers.map((a) => a.status)).toEqual(payloads.map(() => 200));
    await bot.untilLogged(HANDLED, posted);
    return graph.sends().slice(since);
  };

  it('the primary owns the embedded store and both workers use it', () => {
    expect(bot.logs.filter((l) => l.includes('PRO Bot primary started its workers'))).toHaveLength(1);
    expect(bot.logs.filter((l) => l.includes('using the embedded store of the running bot'))).toHaveLength(2);
  });

  it('interleaved messages of the same people, spread over both workers, lose no update', async () => {
    const people = Array.from({ length: 8 }, (_, i) => `57310200${String(i).padStart(4, '0')}`);
    await deliver(people.map((user) => inbound(user, { type: 'text', text: { body: 'hola' } })));
    await deliver(people.map((user) => interactive(user, 'button_reply', 'consent_yes')));
    // The same moment, for every person: "english" (their profile) and the PRO points theme (their conversation).
    await deliver(people.flatMap((user) => [inbound(user, { type: 'text', text: { body: 'english' } }), interactive(user, 'list_reply', 'pro_points')]));
    const answers = await deliver(people.map((user) => interactive(user, 'button_reply', 'contact')));
    for (const user of people) expect({ user, text: textsTo(user, answers) }).toEqual({ user, text: expect.stringContaining('PRO national line') });
    expect(graph.violations()).toEqual([]);
  });
});
