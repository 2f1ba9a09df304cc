/**
 * Nothing personal in the logs, end to end: the built server at LOG_LEVEL=trace receives a signed
 * webhook from a person whose number the Graph API then quotes in its error body ("Message
 * undeliverable to 573219876543"), and a failed-delivery status quoting it again. Every line the
 * process printed is searched for the number, the person's name and what they wrote.
 */
import { signPayload } from '../../bot/channels/whatsapp/signature';
import { BotProcess, startBotProcess } from '../support/botProcess';
import { FakeGraphApi, metaError } from '../support/fakeGraphApi';
import { startTestStore, TestStore } from '../support/store';

const SECRET = 'log-privacy-secret';
const PHONE_NUMBER_ID = '106540352242922';
const PERSON = '573219876543';
const NAME = 'Yuleisy Carrasquel';
const WORDS = 'vivo en la calle 7 con mis hijos';

let store: TestStore;
let graph: FakeGraphApi;
let bot: BotProcess;

beforeAll(async () => {
  store = await startTestStore();
  graph = await FakeGraphApi.start({ phoneNumberId: PHONE_NUMBER_ID });
  bot = await startBotProcess(
    {
      DATA_DIR: store.dataDir,
      LOG_LEVEL: 'trace',
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

function webhook(value: Record<string, unknown>): Promise<Response> {
  const raw = JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [{ id: 'WABA', changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: { display_phone_number: '573001112233', phone_number_id: PHONE_NUMBER_ID }, ...value } }] }],
  });
  return fetch(`${bot.baseUrl}/api/whatsapp`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': signPayload(raw, SECRET) }, body: raw });
}

it('a Graph API error quoting the person\'s number reaches no log line, nor their name or words', async () => {
  const undeliverable = `Message undeliverable to ${PERSON}`;
  graph.answerNextSends(...Array.from({ length: 6 }, () => metaError(131026, 400, undeliverable)));
  const message = { from: PERSON, id: `wamid.LOG${Date.now()}`, timestamp: String(Math.floor(Date.now() / 1000)), type: 'text', text: { body: `hola, me llamo ${NAME}, ${WORDS}` } };
  expect((await webhook({ contacts: [{ profile: { name: NAME }, wa_id: PERSON }], messages: [message] })).status).toBe(200);
  const status = { id: 'wamid.OUT1', status: 'failed', timestamp: message.timestamp, recipient_id: PERSON, errors: [{ code: 131026, title: undeliverable, message: undeliverable, error_data: { details: `${undeliverable} (+57 321 987 6543)` } }] };
  expect((await webhook({ statuses: [status] })).status).toBe(200);

  // Everything the bot logs about the message comes before its "handled" line; the status is logged as it arrives.
  await bot.untilLogged('"msg":"WhatsApp message handled"');
  await bot.untilLogged('"msg":"WhatsApp message delivery failed"');

  expect(graph.sends().length).toBeGreaterThanOrEqual(1);
  // The error was logged, with Meta's code kept so an operator can act on it.
  expect(bot.logs.filter((line) => line.includes('131026')).length).toBeGreaterThanOrEqual(2);
  const leaks = bot.logs.filter((line) => /5732198|3219876543|321 987 6543/.test(line) || line.includes('Yuleisy') || line.includes('Carrasquel') || line.includes('calle 7'));
  expect(leaks).toEqual([]);
  expect(bot.logs.every((line) => line.length < 4000)).toBe(true);
});
