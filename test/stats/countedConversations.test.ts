/**
 * Statistics counted by real conversations (ProBot, dialogs, Cosmos state and the `stats` container
 * on the embedded server): an attention when a theme reaches its answer, once per theme and
 * conversation, the person reached once a month, "was this useful?", consents, declines and
 * deletions, emergencies by kind, services and national lines shown; a turn run again after an
 * ETag conflict and a redelivered WhatsApp message count once, and a turn that counts something
 * costs one store call more (the patch), a steady turn none.
 */
import https from 'node:https';
import type { Storage, StoreItems } from 'botbuilder';
import { CosmosClient, type CosmosClientOptions, type PluginConfig } from '@azure/cosmos';
import { loadConfig } from '../../bot/config';
import { composeBot } from '../../bot/index';
import { createLogger } from '../../bot/logger';
import { CosmosChoicePageStore, ProcessedMessages, signPayload, WhatsAppAdapter } from '../../bot/channels/whatsapp';
import { ReferralRepository } from '../../bot/referrals';
import { seedNationalLines } from '../../bot/referrals/seedNationalLines';
import { AttentionStats } from '../../bot/stats/attentionStats';
import { statsMonth } from '../../bot/stats/statsMonth';
import { ensureContainers } from '../../bot/storage/containers';
import { EMBEDDED_KEY } from '../../bot/storage/cosmosClient';
import type { Store } from '../../bot/storage/openStore';
import { allText, startConversation } from '../support/conversation';
import { FakeGraphApi } from '../support/fakeGraphApi';
import { startTestStore, TestStore } from '../support/store';

jest.setTimeout(60000);

const SECRET = 'stats-secret';
const PHONE_NUMBER_ID = '106540352242933';

/** Before the next write of a person's document, another "instance" rewrites it: a real ETag conflict. */
class ConflictOnce implements Storage {
  armed = false;
  conflicts = 0;
  constructor(private readonly inner: Storage) {}
  read(keys: string[]): Promise<StoreItems> {
    return this.inner.read(keys);
  }
  async write(changes: StoreItems): Promise<void> {
    for (const key of Object.keys(changes)) {
      if (!this.armed || !/\/persons\//.test(key)) continue;
      this.armed = false;
      this.conflicts++;
      const current = (await this.inner.read([key]))[key];
      await this.inner.write({ [key]: { ...current, otherInstance: true } });
    }
    return this.inner.write(changes);
  }
  delete(keys: string[]): Promise<void> {
    return this.inner.delete(keys);
  }
}

describe('statistics counted by conversations', () => {
  let store: TestStore;
  let stats: AttentionStats;
  beforeAll(async () => {
    store = await startTestStore();
    stats = new AttentionStats(store.containers.stats);
  });
  afterAll(() => store.destroy());

  /** This month's counters of a channel. */
  async function counts(channel: string): Promise<Record<string, number>> {
    const month = statsMonth(new Date());
    return (await stats.read(month, month)).find((d) => d.channel === channel)?.counts ?? {};
  }

  /** What changed in a channel's counters while `run` ran. */
  async function counted(channel: string, run: () => Promise<unknown>): Promise<Record<string, number>> {
    const before = await counts(channel);
    await run();
    const after = await counts(channel);
    const delta: Record<string, number> = {};
    for (const [key, n] of Object.entries(after)) if (n !== (before[key] ?? 0)) delta[key] = n - (before[key] ?? 0);
    return delta;
  }

  it('counts a consent, then one attention per theme and conversation, the person once, and "was this useful?"', async () => {
    const c = startConversation(store);
    expect(await counted('emulator', () => c.say('hola'))).toEqual({});
    expect(await counted('emulator', () => c.say('consent_yes'))).toEqual({ 'consent.given': 1 });
    await c.say('rights');
    const answer = await counted('emulator', () => c.say('rights'));
    expect(answer).toEqual({ people: 1, 'attention.rights.unknown.unknown.es': 1 });
    expect(await counted('emulator', () => c.say('useful_yes'))).toEqual({ 'useful.rights.yes': 1 });
    // The same theme again in the same conversation is not a second attention; another theme is.
    await c.say('back_to_menu');
    await c.say('rights');
    expect(await counted('emulator', () => c.say('duties'))).toEqual({});
    await c.say('useful_no');
    await c.say('back_to_menu');
    await c.say('education');
    await c.say('adult');
    const education = await counted('emulator', () => c.say('validate'));
    expect(Object.keys(education)).toHaveLength(1);
    expect(Object.keys(education)[0]).toMatch(/^attention\.education\.unknown\.[a-z]+\.es$/);
  });

  it('keeps only vocabulary in the counters and in the person\'s marks: no ids, no words', async () => {
    const month = statsMonth(new Date());
    const [doc] = await stats.read(month, month);
    for (const key of Object.keys(doc.counts)) expect(key).toMatch(/^[a-z_]+(\.[a-z0-9_]+)*$/);
    const { resources } = await store.containers.state.items.query('SELECT * FROM c WHERE IS_DEFINED(c.document.profile.counted)').fetchAll();
    expect(resources.length).toBeGreaterThan(0);
    for (const r of resources) {
      const marks = (r as { document: { profile: { counted: Record<string, unknown> } } }).document.profile.counted;
      expect(Object.keys(marks).sort()).toEqual(['day', 'month', 'themes']);
    }
  });

  it('a turn run again after an ETag conflict counts once', async () => {
    let writer: ConflictOnce | undefined;
    const c = startConversation(store, { wrapStorage: (inner) => (writer = new ConflictOnce(inner)) });
    await c.say('hola');
    await c.say('consent_yes');
    await c.say('rights');
    writer!.armed = true;
    const delta = await counted('emulator', () => c.say('rights'));
    expect(writer!.conflicts).toBe(1);
    expect(delta).toEqual({ people: 1, 'attention.rights.unknown.unknown.es': 1 });
  });

  it('counts declines, "delete my data" requests and emergencies by kind', async () => {
    const c = startConversation(store);
    await c.say('hola');
    expect(await counted('emulator', () => c.say('consent_no'))).toEqual({ 'consent.declined': 1 });
    const emergency = await counted('emulator', async () => {
      const replies = await c.say('me quiero suicidar');
      expect(allText(replies)).toContain('106');
    });
    expect(emergency).toEqual({ 'emergency.suicide': 1 });
    await c.say('borrar mis datos');
    expect(await counted('emulator', () => c.say('delete_yes'))).toEqual({ deletion: 1 });
  });

  it('counts the national lines a services answer shows, by line', async () => {
    await seedNationalLines(new ReferralRepository(store.containers.referrals, store.containers.audit));
    const c = startConversation(store);
    await c.say('hola');
    await c.say('consent_yes');
    await c.say('services');
    await c.say('legal');
    const delta = await counted('emulator', () => c.say('cucuta'));
    // No legal service in the directory for Cúcuta: the free national lines, each counted once, by its id.
    const lines = Object.keys(delta).sort();
    expect(lines).toEqual(expect.arrayContaining(['line.national_pro_line', 'line.national_women_155', 'line.national_anti_trafficking']));
    for (const key of lines) expect({ key, n: delta[key] }).toEqual({ key: expect.stringMatching(/^line\.national_[a-z0-9_]+$/), n: 1 });
  });

  it('a statistics write that fails is dropped: the person still gets the answer and the turn its state', async () => {
    const c = startConversation(store);
    await c.say('hola');
    await c.say('consent_yes');
    await c.say('rights');
    // The counters' container is gone (a store fault): the patch and the create both fail.
    const stats = store.database.container(store.containers.stats.id);
    await stats.delete();
    try {
      const replies = await c.say('rights');
      expect(allText(replies)).toContain('¿Te sirvió esta información?');
      expect(allText(await c.say('useful_yes'))).toContain('¡Gracias por contarnos!');
    } finally {
      await store.database.containers.createIfNotExists({ id: store.containers.stats.id, partitionKey: { paths: ['/id'] } });
    }
  });

  describe('on WhatsApp', () => {
    let graph: FakeGraphApi;
    let client: CosmosClient;
    let countedStore: Store;
    const calls: string[] = [];
    let seq = 0;
    beforeAll(async () => {
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
      const database = client.database(store.database.id);
      countedStore = { ...store, client, database, containers: await ensureContainers(database, 30) };
    });
    afterAll(async () => {
      client.dispose();
      await graph.close();
    });

    function instance() {
      const config = loadConfig({ LOG_LEVEL: 'silent', WHATSAPP_ACCESS_TOKEN: 'test-token', WHATSAPP_PHONE_NUMBER_ID: PHONE_NUMBER_ID, WHATSAPP_APP_SECRET: SECRET, WHATSAPP_VERIFY_TOKEN: 'v', WHATSAPP_GRAPH_API_URL: graph.graphApiUrl });
      const choicePages = new CosmosChoicePageStore(countedStore.containers.pendingLists);
      const { bot, onTurnError } = composeBot(countedStore, config, createLogger('silent'), { forgetPerson: (context) => choicePages.forget(context.activity.conversation.id) });
      const adapter = new WhatsAppAdapter({ config: config.whatsapp!, logger: createLogger('silent'), processedMessages: new ProcessedMessages(countedStore.containers.processedMessages), redeliveryCheck: 'turn', choicePages });
      adapter.onTurnError = onTurnError;
      return { adapter, logic: (context: Parameters<typeof bot.run>[0]) => bot.run(context) };
    }
    const button = (id: string): Record<string, unknown> => ({ type: 'interactive', interactive: { type: 'button_reply', button_reply: { id, title: id } } });
    const payload = (from: string, body: string | Record<string, unknown>): Buffer =>
      Buffer.from(JSON.stringify({
        object: 'whatsapp_business_account',
        entry: [{ id: 'W', changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: { display_phone_number: '1', phone_number_id: PHONE_NUMBER_ID }, contacts: [{ wa_id: from, profile: { name: 'A' } }], messages: [{ from, id: `wamid.STATS${++seq}`, timestamp: String(Math.floor(Date.now() / 1000)), ...(typeof body === 'string' ? { type: 'text', text: { body } } : body) }] } }] }],
      }));
    async function deliver(raw: Buffer, ...instances: ReturnType<typeof instance>[]): Promise<Record<string, number>> {
      calls.length = 0;
      await Promise.all(instances.map(({ adapter, logic }) => adapter.receiver.handleWebhook(raw, signPayload(raw, SECRET), logic).processed));
      await Promise.all(instances.map(({ adapter }) => adapter.idle()));
      const byKind: Record<string, number> = {};
      for (const kind of calls) byKind[kind] = (byKind[kind] ?? 0) + 1;
      return byKind;
    }

    it('an answer turn costs one patch more, a steady turn nothing more, and a redelivered answer counts once', async () => {
      const a = instance();
      const user = '573200000101';
      await deliver(payload(user, 'hola'), a);
      await deliver(payload(user, button('consent_yes')), a);
      expect(await deliver(payload(user, 'pro_points'), a)).toEqual({ read: 1, replace: 1 });
      await deliver(payload(user, 'menu'), a);
      await deliver(payload(user, 'rights'), a);
      const answer = payload(user, 'rights');
      let cost: Record<string, number> = {};
      const delta = await counted('whatsapp', async () => {
        cost = await deliver(answer, a);
        // Meta delivers it again: no second answer, no second count.
        expect(await deliver(answer, a)).toEqual({ read: 1 });
      });
      expect(cost).toEqual({ read: 1, replace: 1, patch: 1 });
      expect(delta).toEqual({ people: 1, 'attention.rights.unknown.unknown.es': 1 });
    });

    it('an emergency is counted by kind after its lines went out', async () => {
      const a = instance();
      const user = '573200000102';
      const delta = await counted('whatsapp', () => deliver(payload(user, 'me quiero suicidar'), a));
      expect(delta).toEqual({ 'emergency.suicide': 1 });
    });
  });
});
