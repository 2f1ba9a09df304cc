/**
 * WhatsApp turns through the real bot with every store call counted: ProBot behind the WhatsApp
 * adapter (wired as bot/index.ts wires them around bot/composeBot.ts, redelivery left to the turn), on a Cosmos client whose
 * request plugin records each call's operation, against a fake Graph API. `deliver()` hands a
 * signed webhook payload to one or more instances at once and resolves with the calls it cost.
 */
import https from 'node:https';
import { CosmosClient, type CosmosClientOptions, type PluginConfig } from '@azure/cosmos';
import { loadConfig } from '../../bot/config';
import { composeBot } from '../../bot/composeBot';
import { createLogger } from '../../bot/logger';
import { CosmosChoicePageStore, ProcessedMessages, signPayload, WhatsAppAdapter } from '../../bot/channels/whatsapp';
import { ensureContainers } from '../../bot/storage/containers';
import { EMBEDDED_KEY } from '../../bot/storage/cosmosClient';
import type { Store } from '../../bot/storage/openStore';
import { FakeGraphApi } from './fakeGraphApi';
import type { TestStore } from './store';

export interface WhatsAppInstance {
  adapter: WhatsAppAdapter;
  logic: Parameters<WhatsAppAdapter['receiver']['handleWebhook']>[2];
}

export interface CountedWhatsApp {
  graph: FakeGraphApi;
  /** The store as the bot sees it, through the counting client. */
  counted: Store;
  /** A new bot instance (its own ProBot and adapter) on the shared store; `env` adds settings (e.g. STATE_CACHE_SECONDS). */
  instance(env?: Record<string, string>): WhatsAppInstance;
  /** A webhook payload with one message from `from` (a new message id each time). */
  payload(from: string, content: Record<string, unknown>, sentAt?: number): Buffer;
  /** Delivers `raw` to each instance at once; resolves with the store calls made, by kind. */
  deliver(raw: Buffer, ...instances: WhatsAppInstance[]): Promise<Record<string, number>>;
  /** How many messages the bot sent to `user`. */
  sendsTo(user: string): number;
  close(): Promise<void>;
}

export const text = (body: string): Record<string, unknown> => ({ type: 'text', text: { body } });
export const button = (id: string): Record<string, unknown> => ({ type: 'interactive', interactive: { type: 'button_reply', button_reply: { id, title: id } } });

export async function startCountedWhatsApp(store: TestStore, options: { secret: string; phoneNumberId: string; idPrefix: string }): Promise<CountedWhatsApp> {
  const { secret, phoneNumberId, idPrefix } = options;
  const graph = await FakeGraphApi.start({ phoneNumberId });
  const calls: string[] = [];
  let seq = 0;
  const plugin: PluginConfig = {
    on: 'request',
    plugin: async (context, _node, next) => {
      calls.push(String(context.operationType));
      return next(context);
    },
  };
  const clientOptions: CosmosClientOptions & { plugins: PluginConfig[] } = {
    endpoint: store.endpoint, key: EMBEDDED_KEY, agent: new https.Agent({ rejectUnauthorized: false, keepAlive: true }), connectionPolicy: { enableEndpointDiscovery: false }, plugins: [plugin],
  };
  const client = new CosmosClient(clientOptions);
  const database = client.database(store.database.id);
  const counted: Store = { ...store, client, database, containers: await ensureContainers(database, 30) };
  return {
    graph,
    counted,
    instance(env = {}) {
      const config = loadConfig({ ...env, LOG_LEVEL: 'silent', WHATSAPP_ACCESS_TOKEN: 'test-token', WHATSAPP_PHONE_NUMBER_ID: phoneNumberId, WHATSAPP_APP_SECRET: secret, WHATSAPP_VERIFY_TOKEN: 'v', WHATSAPP_GRAPH_API_URL: graph.graphApiUrl });
      const choicePages = new CosmosChoicePageStore(counted.containers.pendingLists);
      const { bot, onTurnError } = composeBot(counted, config, createLogger('silent'), { forgetPerson: (context) => choicePages.forget(context.activity.conversation.id) });
      const adapter = new WhatsAppAdapter({ config: config.whatsapp!, logger: createLogger('silent'), processedMessages: new ProcessedMessages(counted.containers.processedMessages), redeliveryCheck: 'turn', choicePages });
      adapter.onTurnError = onTurnError;
      return { adapter, logic: (context) => bot.run(context) };
    },
    payload(from, content, sentAt = Date.now()) {
      return Buffer.from(JSON.stringify({
        object: 'whatsapp_business_account',
        entry: [{ id: 'W', changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: { display_phone_number: '1', phone_number_id: phoneNumberId }, contacts: [{ wa_id: from, profile: { name: 'A' } }], messages: [{ from, id: `wamid.${idPrefix}${++seq}`, timestamp: String(Math.floor(sentAt / 1000)), ...content }] } }] }],
      }));
    },
    async deliver(raw, ...instances) {
      calls.length = 0;
      await Promise.all(instances.map(({ adapter, logic }) => adapter.receiver.handleWebhook(raw, signPayload(raw, secret), logic).processed));
      await Promise.all(instances.map(({ adapter }) => adapter.idle()));
      const byKind: Record<string, number> = {};
      for (const kind of calls) byKind[kind] = (byKind[kind] ?? 0) + 1;
      return byKind;
    },
    sendsTo(user) {
      return graph.sends().filter((r) => (r.body as { to?: string }).to === user).length;
    },
    async close() {
      client.dispose();
      await graph.close();
    },
  };
}
