/**
 * The WhatsApp turn's store calls, counted at the Cosmos client (a request plugin) while the real
 * ProBot runs behind the WhatsApp adapter on the embedded store: a steady turn is one read and one
 * conditional write; a redelivered message is one read and no write, and gets no second answer,
 * also when two instances receive it at once or when it came before the person consented.
 */
import https from 'node:https';
import { CosmosClient, type CosmosClientOptions, type PluginConfig } from '@azure/cosmos';
import { loadConfig } from '../../bot/config';
import { composeBot } from '../../bot/index';
import { createLogger } from '../../bot/logger';
import { CosmosChoicePageStore, ProcessedMessages, signPayload, WhatsAppAdapter } from '../../bot/channels/whatsapp';
import { ensureContainers } from '../../bot/storage/containers';
import { documentIdFor } from '../../bot/storage/cosmosBotStorage';
import { EMBEDDED_KEY } from '../../bot/storage/cosmosClient';
import type { Store } from '../../bot/storage/openStore';
import { FakeGraphApi } from '../support/fakeGraphApi';
import { startTestStore, TestStore } from '../support/store';

const SECRET = 'two-call-secret';
const PHONE_NUMBER_ID = '106540352242922';

describe('a two-call WhatsApp turn', () => {
  let store: TestStore;
  let counted: Store;
  let client: CosmosClient;
  let graph: FakeGraphApi;
  const calls: string[] = [];
  let seq = 0;

  beforeAll(async () => {
    store = await startTestStore();
    graph = await FakeGraphApi.start({ phoneNumberId: PHONE_NUMBER_ID });
    const plugin: PluginConfig = {
      on: 'request',
      plugin: async (context, _node, next) => {
        calls.push(String(context.operationType));
        return next(context);
      },
    };
    const options: CosmosClientOptions & { plugins: PluginConfig[] } = {
      endpoint: store.endpoint, key: EMBEDDED_KEY, agent: new https.Agent({ rejectUnauthorized: false, keepAlive: true }), connectionPolicy: { enableEndpointDiscovery: false }, plugins: [plugin],
    };
    client = new CosmosClient(options);
    const database = client.database('probot');
    counted = { ...store, client, database, containers: await ensureContainers(database, 30) };
  });
  afterAll(async () => {
    client.dispose();
    await graph.close();
    await store.destroy();
  });

  /** One bot instance: ProBot behind a WhatsApp adapter that leaves redelivery to the turn, as bot/index.ts wires it. */
  function instance() {
    const config = loadConfig({ LOG_LEVEL: 'silent', WHATSAPP_ACCESS_TOKEN: 'test-token', WHATSAPP_PHONE_NUMBER_ID: PHONE_NUMBER_ID, WHATSAPP_APP_SECRET: SECRET, WHATSAPP_VERIFY_TOKEN: 'v', WHATSAPP_GRAPH_API_URL: graph.graphApiUrl });
    const choicePages = new CosmosChoicePageStore(counted.containers.pendingLists);
    const { bot, onTurnError } = composeBot(counted, config, createLogger('silent'), { forgetPerson: (context) => choicePages.forget(context.activity.conversation.id) });
    const adapter = new WhatsAppAdapter({ config: config.whatsapp!, logger: createLogger('silent'), processedMessages: new ProcessedMessages(counted.containers.processedMessages), redeliveryCheck: 'turn', choicePages });
    adapter.onTurnError = onTurnError;
    return { adapter, logic: (context: Parameters<typeof bot.run>[0]) => bot.run(context) };
  }

  const payload = (from: string, content: Record<string, unknown>, sentAt = Date.now()): Buffer =>
    Buffer.from(JSON.stringify({
      object: 'whatsapp_business_account',
      entry: [{ id: 'W', changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: { display_phone_number: '1', phone_number_id: PHONE_NUMBER_ID }, contacts: [{ wa_id: from, profile: { name: 'A' } }], messages: [{ from, id: `wamid.TWO${++seq}`, timestamp: String(Math.floor(sentAt / 1000)), ...content }] } }] }],
    }));
  const text = (body: string) => ({ type: 'text', text: { body } });
  const button = (id: string) => ({ type: 'interactive', interactive: { type: 'button_reply', button_reply: { id, title: id } } });

  /** Delivers `raw` to each instance at once; resolves with the store calls made, by kind. */
  async function deliver(raw: Buffer, ...instances: ReturnType<typeof instance>[]): Promise<Record<string, number>> {
    calls.length = 0;
    await Promise.all(instances.map(({ adapter, logic }) => adapter.receiver.handleWebhook(raw, signPayload(raw, SECRET), logic).processed));
    await Promise.all(instances.map(({ adapter }) => adapter.idle()));
    const byKind: Record<string, number> = {};
    for (const kind of calls) byKind[kind] = (byKind[kind] ?? 0) + 1;
    return byKind;
  }
  const sendsTo = (user: string): number => graph.sends().filter((r) => (r.body as { to?: string }).to === user).length;

  it('steady turn: one read and one replace; its redelivery: one read, no write, no second answer', async () => {
    const a = instance();
    const user = '573200000001';
    await deliver(payload(user, text('hola')), a);
    await deliver(payload(user, button('consent_yes')), a);
    const steady = payload(user, text('pro_points'));
    expect(await deliver(steady, a)).toEqual({ read: 1, replace: 1 });
    const answered = sendsTo(user);
    expect(answered).toBeGreaterThan(0);
    expect(await deliver(steady, a)).toEqual({ read: 1 });
    expect(sendsTo(user)).toBe(answered);
  });

  it('a new person: state and ledger read, one create of a document that holds only the notice, for an hour', async () => {
    const a = instance();
    const user = '573200000002';
    expect(await deliver(payload(user, text('hola')), a)).toEqual({ read: 2, create: 1 });
    const id = documentIdFor(`whatsapp/persons/${user}/`);
    const { resource } = await store.containers.state.item(id, id).read<{ ttl: number; document: Record<string, unknown> }>();
    expect(resource?.ttl).toBe(3600);
    // That the privacy notice was shown (so a later "sí" is consent) and which messages were answered.
    expect(Object.keys(resource?.document ?? {}).sort()).toEqual(['consentNotice', 'conversationKey', 'handledMessages', 'keepForSeconds', 'profile']);
    expect(resource?.document.profile).toEqual({});
  });

  it('two instances receiving the same message at once answer it once (before and after consent)', async () => {
    const [a, b] = [instance(), instance()];
    const user = '573200000003';
    const first = payload(user, text('hola'));
    await deliver(first, a, b);
    expect(sendsTo(user)).toBe(3); // welcome, privacy notice, consent question: once
    await deliver(payload(user, button('consent_yes')), a);
    await deliver(payload(user, text('pro_points')), a, b);
    const texts = graph.sends().filter((r) => (r.body as { to?: string }).to === user).map((r) => JSON.stringify(r.body));
    expect(texts.filter((t) => t.includes('¿Qué quieres saber')).length).toBe(1);
  });

  it('a message answered before consent and redelivered after it is not answered again', async () => {
    const a = instance();
    const user = '573200000004';
    const early = payload(user, text('hola'), Date.now() - 60_000);
    await deliver(early, a);
    await deliver(payload(user, button('consent_yes')), a);
    const since = sendsTo(user);
    const calls = await deliver(early, a);
    expect(sendsTo(user)).toBe(since);
    expect(calls).toEqual({ read: 1 }); // the state document remembers it: no write
  });

  it('"borrar mis datos" erases the document and is not answered again when redelivered', async () => {
    const a = instance();
    const user = '573200000005';
    await deliver(payload(user, text('hola')), a);
    await deliver(payload(user, button('consent_yes')), a);
    await deliver(payload(user, text('borrar mis datos')), a);
    const confirm = payload(user, button('delete_yes'));
    await deliver(confirm, a);
    const id = documentIdFor(`whatsapp/persons/${user}/`);
    expect((await store.containers.state.item(id, id).read()).resource).toBeUndefined();
    const since = sendsTo(user);
    await deliver(confirm, a);
    expect(sendsTo(user)).toBe(since);
  });
});
