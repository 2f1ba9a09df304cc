/**
 * Telemetry as an operator gets it: the built bot with APPLICATIONINSIGHTS_CONNECTION_STRING set to
 * a local fake ingestion endpoint holds a WhatsApp conversation; what reaches "Application
 * Insights" has the requests, the store and Graph API calls, the turns by channel and theme and the
 * refused webhook calls, and nothing personal: no phone number, no name, no message text, no verify
 * token. (Without a connection string the bot loads no OpenTelemetry module: checked on a start-up
 * bot in test/e2e/startup.test.ts, so that check costs no bot start of its own.)
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { signPayload } from '../../bot/channels/whatsapp/signature';
import { BotProcess, startBotProcess } from '../support/botProcess';
import { FakeGraphApi } from '../support/fakeGraphApi';
import { FakeIngestion, INGESTION_CERT } from './support/fakeIngestion';
import { useTempFolders } from './support/tempFolders';

jest.setTimeout(120000);

const SECRET = 'telemetry-app-secret';
const VERIFY = 'telemetry-verify-token-6b1f';
const PHONE_NUMBER_ID = '106540352242922';
const PERSON = '573001234567';
const NAME = 'Anabella Quintero';
const WORDS = 'necesito ayuda con salud para mi hija';
const HANDLED = '"msg":"WhatsApp message handled"';
const PROBE = path.join(__dirname, 'fixtures/loadedModules.js');

let sequence = 0;
function inbound(content: Record<string, unknown>): string {
  const message = { from: PERSON, id: `wamid.TEL${Date.now().toString(36)}${++sequence}`, timestamp: String(Math.floor(Date.now() / 1000)), ...content };
  return JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [{ id: 'WABA', changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: { display_phone_number: '573001112233', phone_number_id: PHONE_NUMBER_ID }, contacts: [{ profile: { name: NAME }, wa_id: PERSON }], messages: [message] } }] }],
  });
}

describe('telemetry', () => {
  const tempFolder = useTempFolders();

  it('with a connection string, a WhatsApp conversation yields request, dependency and turn telemetry with no personal data', async () => {
    const ingestion = await FakeIngestion.start();
    const graph = await FakeGraphApi.start({ phoneNumberId: PHONE_NUMBER_ID });
    const work = tempFolder('probot-telemetry-');
    const messages = [
      inbound({ type: 'text', text: { body: WORDS } }),
      inbound({ type: 'interactive', interactive: { type: 'button_reply', button_reply: { id: 'consent_yes', title: 'Sí' } } }),
      inbound({ type: 'text', text: { body: 'salud' } }),
    ];
    let bot: BotProcess | undefined;
    try {
      bot = await startBotProcess({
        DATA_DIR: path.join(work, 'data'),
        LOG_LEVEL: 'debug', // "WhatsApp message handled" is a debug line
        APPLICATIONINSIGHTS_CONNECTION_STRING: ingestion.connectionString,
        APPLICATIONINSIGHTS_STATSBEAT_DISABLED: 'true', // the SDK's own usage reports would go to Microsoft
        NODE_EXTRA_CA_CERTS: INGESTION_CERT,
        NODE_OPTIONS: `--require ${PROBE}`,
        LOADED_MODULES_FILE: path.join(work, 'loaded.json'),
        WHATSAPP_ACCESS_TOKEN: 'test-token',
        WHATSAPP_PHONE_NUMBER_ID: PHONE_NUMBER_ID,
        WHATSAPP_APP_SECRET: SECRET,
        WHATSAPP_VERIFY_TOKEN: VERIFY,
        WHATSAPP_GRAPH_API_URL: graph.graphApiUrl,
      });
      const webhook = `${bot.baseUrl}/api/whatsapp`;
      const post = (raw: string, signature: string | null = signPayload(raw, SECRET)) =>
        fetch(webhook, { method: 'POST', headers: { 'content-type': 'application/json', ...(signature === null ? {} : { 'x-hub-signature-256': signature }) }, body: raw });

      expect((await fetch(`${webhook}?hub.mode=subscribe&hub.verify_token=${VERIFY}&hub.challenge=8841`)).status).toBe(200);
      expect((await post(inbound({ type: 'text', text: { body: WORDS } }), null)).status).toBe(401);
      expect((await post(inbound({ type: 'text', text: { body: WORDS } }), `sha256=${'0'.repeat(64)}`)).status).toBe(403);
      for (const [i, raw] of messages.entries()) {
        expect((await post(raw)).status).toBe(200);
        await bot.untilLogged(HANDLED, i + 1);
      }
      expect(graph.sends().length).toBeGreaterThan(0);
      expect(await bot.stop()).toBe(0); // SIGTERM: the bot flushes its telemetry before it exits
    } finally {
      await bot?.crash();
      await graph.close();
      await ingestion.close();
    }

    const requests = ingestion.ofType('RequestData');
    expect(requests.map((r) => r.name)).toEqual(expect.arrayContaining(['GET /api/whatsapp', 'POST /api/whatsapp']));
    for (const request of requests) expect(request.url).not.toContain('?');
    const dependencies = ingestion.ofType('RemoteDependencyData');
    expect(dependencies.some((d) => d.data?.includes('/dbs/probot/colls/'))).toBe(true); // the store
    expect(dependencies.some((d) => d.data?.includes('/messages'))).toBe(true); // Meta's Graph API
    const turnSpans = dependencies.filter((d) => d.name === 'turn');
    expect(turnSpans).toHaveLength(messages.length);
    for (const span of turnSpans) expect(span.properties?.['probot.channel']).toBe('whatsapp');

    const turns = ingestion.metric('probot.turns');
    expect(turns.reduce((sum, t) => sum + t.value, 0)).toBe(messages.length);
    expect(turns.every((t) => t.properties.channel === 'whatsapp' && t.properties.outcome === 'answered')).toBe(true);
    expect(turns.some((t) => t.properties.theme === 'health')).toBe(true);
    expect(ingestion.metric('probot.turn.duration').length).toBeGreaterThan(0);
    const rejections = ingestion.metric('probot.webhook.signature_rejections');
    expect(Object.fromEntries(rejections.map((r) => [r.properties.reason, r.value]))).toEqual({ missing: 1, wrong: 1 });

    const everything = ingestion.bodies.join('\n');
    for (const personal of [PERSON, PERSON.slice(2), NAME, WORDS, VERIFY, 'hub.verify_token']) expect(everything).not.toContain(personal);
    expect(JSON.parse(readFileSync(path.join(work, 'loaded.json'), 'utf8')).telemetryModules).toBeGreaterThan(0);
  });
});
