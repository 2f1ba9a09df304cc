/**
 * Benchmark: store requests per WhatsApp turn, by kind, and how fast turns go. A bulk request
 * shared by several people's turns (group commit) counts once, spread over them; `operations` is
 * what the turns asked for, however it travelled.
 * The real bot (composeBot + WhatsAppAdapter, wired as bot/index.ts wires them) runs in-process on
 * the embedded store, through a CosmosClient whose request plugin counts every call that reaches
 * the store by operation (read, create, replace, upsert, patch, query, delete…). PEOPLE people
 * follow one scripted WhatsApp conversation in lock-step, so each phase's calls belong to one turn
 * per person. Prints calls per turn for the new-person turns, the steady turns (consented, in a
 * conversation) and redeliveries, plus turns per second and p50/p99 time-to-reply.
 *
 *   npm run build && node dist/scripts/benchTurn.js [people=20] [rounds=3]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { CosmosClient, type CosmosClientOptions, type PluginConfig } from '@azure/cosmos';
import { loadConfig } from '../bot/config';
import { createLogger } from '../bot/logger';
import { composeBot } from '../bot/composeBot';
import { CosmosChoicePageStore, ProcessedMessages, signPayload, WhatsAppAdapter } from '../bot/channels/whatsapp';
import { EMBEDDED_KEY } from '../bot/storage/cosmosClient';
import { ensureContainers } from '../bot/storage/containers';
import { openStore, type Store } from '../bot/storage/openStore';
import { setPseudonymSecret } from '../bot/pseudonym';

const PEOPLE = Number(process.argv[2] ?? 20);
const ROUNDS = Number(process.argv[3] ?? 3);
const SECRET = 'bench-secret';
const PHONE_NUMBER_ID = '100000000000001';
// Request kinds; 'bulk': one request carrying the operations of several people's turns (storage/groupCommit.ts).
const KINDS = ['read', 'create', 'replace', 'upsert', 'patch', 'query', 'delete', 'bulk', 'other'] as const;
// Counted besides the requests: 'operations', what was asked for (one per single call, one per operation of a bulk request).
const COUNTED = [...KINDS, 'operations'] as const;
type Kind = (typeof COUNTED)[number];

/** Store calls seen since the last `take()`, by kind (only item and query traffic: the turn's own calls). */
class CallCounter {
  private counts = new Map<Kind, number>();
  readonly plugin: PluginConfig = {
    on: 'request',
    plugin: async (context, _node, next) => {
      const op = String(context.operationType);
      const kind: Kind = op === 'batch' ? 'bulk' : (KINDS as readonly string[]).includes(op) ? (op as Kind) : 'other';
      this.counts.set(kind, (this.counts.get(kind) ?? 0) + 1);
      const body: unknown = op === 'batch' && typeof context.body === 'string' ? JSON.parse(context.body) : context.body;
      const operations = op === 'batch' && Array.isArray(body) ? body.length : 1;
      this.counts.set('operations', (this.counts.get('operations') ?? 0) + operations);
      return next(context);
    },
  };

  take(): Record<Kind, number> {
    const out = Object.fromEntries(COUNTED.map((k) => [k, this.counts.get(k) ?? 0])) as Record<Kind, number>;
    this.counts.clear();
    return out;
  }
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

function perTurn(total: Record<Kind, number>, turns: number): Record<string, number> {
  const out: Record<string, number> = {};
  let sum = 0;
  for (const k of KINDS) {
    if (total[k] > 0) out[k] = +(total[k] / turns).toFixed(2);
    sum += total[k];
  }
  if (total.operations > 0) out.operations = +(total.operations / turns).toFixed(2);
  out.requests = +(sum / turns).toFixed(2);
  return out;
}

function add(into: Record<Kind, number>, more: Record<Kind, number>): void {
  for (const k of COUNTED) into[k] += more[k];
}

const zero = (): Record<Kind, number> => Object.fromEntries(COUNTED.map((k) => [k, 0])) as Record<Kind, number>;

async function main(): Promise<void> {
  let sends = 0;
  const graph = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      sends++;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ messaging_product: 'whatsapp', messages: [{ id: `wamid.out.${sends}` }], success: true }));
    });
  });
  await new Promise<void>((r) => graph.listen(0, '127.0.0.1', () => r()));
  const graphApiUrl = `http://127.0.0.1:${(graph.address() as AddressInfo).port}/v23.0`;

  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'probot-benchturn-'));
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    DATA_DIR: dataDir,
    WHATSAPP_ACCESS_TOKEN: 'bench',
    WHATSAPP_PHONE_NUMBER_ID: PHONE_NUMBER_ID,
    WHATSAPP_APP_SECRET: SECRET,
    WHATSAPP_VERIFY_TOKEN: 'bench',
    WHATSAPP_GRAPH_API_URL: graphApiUrl,
  });
  setPseudonymSecret(config.hashSecret);
  const logger = createLogger('silent');
  const opened = await openStore({ ...config.cosmos, embeddedPort: 0 }, { stateTtlDays: config.stateTtlDays });
  // A second client on the same server, identical to the bot's but with the counting plugin.
  const counter = new CallCounter();
  // `plugins` is a supported but hidden option of @azure/cosmos 4 (absent from its typings).
  const options: CosmosClientOptions & { plugins: PluginConfig[] } = {
    endpoint: opened.endpoint,
    key: EMBEDDED_KEY,
    agent: new https.Agent({ rejectUnauthorized: false, keepAlive: true }),
    connectionPolicy: { enableEndpointDiscovery: false },
    plugins: [counter.plugin],
  };
  const client = new CosmosClient(options);
  const database = client.database(config.cosmos.database);
  const store: Store = { ...opened, client, database, containers: await ensureContainers(database, config.stateTtlDays) };

  const choicePages = new CosmosChoicePageStore(store.containers.pendingLists);
  const { bot, onTurnError } = composeBot(store, config, logger, {
    forgetPerson: async (context) => {
      if (context.activity.conversation?.id) await choicePages.forget(context.activity.conversation.id);
    },
  });
  const adapter = new WhatsAppAdapter({
    config: config.whatsapp!,
    logger,
    processedMessages: new ProcessedMessages(store.containers.processedMessages),
    redeliveryCheck: 'turn',
    choicePages,
  });
  adapter.onTurnError = onTurnError;
  const logic = (context: Parameters<typeof bot.run>[0]): Promise<void> => bot.run(context);

  const payload = (from: string, id: string, content: Record<string, unknown>): Buffer =>
    Buffer.from(
      JSON.stringify({
        object: 'whatsapp_business_account',
        entry: [{ id: 'W', changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: { display_phone_number: '1', phone_number_id: PHONE_NUMBER_ID }, contacts: [{ wa_id: from, profile: { name: 'B' } }], messages: [{ from, id, timestamp: String(Math.floor(Date.now() / 1000)), ...content }] } }] }],
      }),
    );
  const text = (body: string) => ({ type: 'text', text: { body } });
  const row = (id: string) => ({ type: 'interactive', interactive: { type: 'list_reply', list_reply: { id, title: id } } });
  const button = (id: string) => ({ type: 'interactive', interactive: { type: 'button_reply', button_reply: { id, title: id } } });

  const people = Array.from({ length: PEOPLE }, (_, i) => `5731${String(i).padStart(8, '0')}`);
  let seq = 0;
  const last = new Map<string, Buffer>();
  const durations: number[] = [];
  /** One message from every person at once; resolves with the calls the phase made. */
  const phase = async (content: Record<string, unknown>, options: { redeliver?: boolean; timed?: boolean } = {}): Promise<Record<Kind, number>> => {
    counter.take();
    await Promise.all(
      people.map(async (from) => {
        const raw = options.redeliver ? (last.get(from) as Buffer) : payload(from, `wamid.bench.${from}.${++seq}`, content);
        last.set(from, raw);
        const t0 = process.hrtime.bigint();
        const receipt = adapter.receiver.handleWebhook(raw, signPayload(raw, SECRET), logic);
        if (receipt.status !== 200) throw new Error(`webhook answered ${receipt.status}`);
        await receipt.processed;
        if (options.timed) durations.push(Number(process.hrtime.bigint() - t0) / 1e6);
      }),
    );
    await adapter.idle();
    return counter.take();
  };

  const newcomer = zero();
  add(newcomer, await phase(text('hola')));
  const consent = await phase(button('consent_yes'));
  // Steady turns: a consented person moving through a theme and the menu.
  const steadyScript = [row('pro_points'), button('contact'), text('menu'), row('health'), text('atrás'), text('menú')];
  const steady = zero();
  let steadyTurns = 0;
  const started = process.hrtime.bigint();
  for (let r = 0; r < ROUNDS; r++) {
    for (const content of steadyScript) {
      const calls = await phase(content, { timed: true });
      if (process.env.BENCH_DEBUG) process.stderr.write(`${JSON.stringify(content)} ${JSON.stringify(calls)}\n`);
      add(steady, calls);
      steadyTurns += PEOPLE;
    }
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const redelivery = await phase({}, { redeliver: true });

  const sorted = durations.slice().sort((a, b) => a - b);
  const result = {
    people: PEOPLE,
    steadyTurns,
    storeCallsPerTurn: {
      newPersonFirstMessage: perTurn(newcomer, PEOPLE),
      consentTurn: perTurn(consent, PEOPLE),
      steady: perTurn(steady, steadyTurns),
      redelivered: perTurn(redelivery, PEOPLE),
    },
    steadyTurnsPerSecond: +(steadyTurns / seconds).toFixed(0),
    timeToReplyMs: { p50: +percentile(sorted, 50).toFixed(1), p99: +percentile(sorted, 99).toFixed(1) },
    repliesSent: sends,
  };
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  client.dispose();
  await opened.close();
  graph.close();
  rmSync(dataDir, { recursive: true, force: true });
}

main().catch((err: Error) => {
  process.stderr.write(`${err.stack ?? err.message}\n`);
  process.exit(1);
});
