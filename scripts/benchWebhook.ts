/**
 * Benchmark: how fast the WhatsApp webhook answers Meta (time to HTTP 200) under local load.
 * Starts the built bot (`node dist/bot/index.js`) with WhatsApp configured and a throwaway store,
 * a minimal Graph API stand-in on loopback, then USERS concurrent people each send MESSAGES
 * signed messages one after another. Prints median / p90 / p99 time to 200, throughput, and checks
 * that every person got exactly one welcome (no duplicate replies under load).
 *
 *   npm run build && node dist/scripts/benchWebhook.js [users=50] [messages=10]
 */
import { spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const USERS = Number(process.argv[2] ?? 50);
const MESSAGES = Number(process.argv[3] ?? 10);
const SECRET = 'bench-secret';
const PHONE_NUMBER_ID = '100000000000001';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function main(): Promise<void> {
  const sent: Record<string, unknown>[] = [];
  const graph = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const parsed = JSON.parse(body) as Record<string, unknown>;
      if (parsed.status !== 'read') sent.push(parsed);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ messaging_product: 'whatsapp', messages: [{ id: `wamid.${sent.length}` }] }));
    });
  });
  await new Promise<void>((r) => graph.listen(0, '127.0.0.1', () => r()));
  const graphUrl = `http://127.0.0.1:${(graph.address() as net.AddressInfo).port}/v23.0`;

  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'probot-bench-'));
  const port = await freePort();
  const child = spawn(process.execPath, [path.resolve(__dirname, '../bot/index.js')], {
    env: {
      PATH: process.env.PATH ?? '',
      PORT: String(port),
      COSMOS_EMBEDDED_PORT: String(await freePort()),
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      WHATSAPP_ACCESS_TOKEN: 'bench',
      WHATSAPP_PHONE_NUMBER_ID: PHONE_NUMBER_ID,
      WHATSAPP_APP_SECRET: SECRET,
      WHATSAPP_VERIFY_TOKEN: 'bench',
      WHATSAPP_GRAPH_API_URL: graphUrl,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) break;
    } catch {
      if (i > 100) throw new Error('bot did not start');
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  const agent = new http.Agent({ keepAlive: true, maxSockets: USERS });
  const post = (raw: string): Promise<number> =>
    new Promise((resolve, reject) => {
      const req = http.request(
        `${base}/api/whatsapp`,
        { method: 'POST', agent, headers: { 'content-type': 'application/json', 'x-hub-signature-256': `sha256=${createHmac('sha256', SECRET).update(raw).digest('hex')}` } },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        },
      );
      req.on('error', reject);
      req.end(raw);
    });

  const texts = ['hola', 'consent_yes', 'pro_points', 'contact', 'what', 'menu', '9', 'contact', 'back_to_menu', 'salud'];
  const durations: number[] = [];
  let non200 = 0;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: USERS }, async (_, u) => {
      const from = `5730000${String(u).padStart(5, '0')}`;
      for (let m = 0; m < MESSAGES; m++) {
        const payload = {
          object: 'whatsapp_business_account',
          entry: [{ id: 'W', changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: { display_phone_number: '1', phone_number_id: PHONE_NUMBER_ID }, contacts: [{ wa_id: from, profile: { name: 'B' } }], messages: [{ from, id: `wamid.bench.${u}.${m}`, timestamp: '1', type: 'text', text: { body: texts[m % texts.length] } }] } }] }],
        };
        const t0 = process.hrtime.bigint();
        const status = await post(JSON.stringify(payload));
        durations.push(Number(process.hrtime.bigint() - t0) / 1e6);
        if (status !== 200) non200++;
      }
    }),
  );
  const elapsed = (Date.now() - started) / 1000;
  // Let the accepted turns finish before counting replies.
  let last = -1;
  while (sent.length !== last) {
    last = sent.length;
    await new Promise((r) => setTimeout(r, 1500));
  }
  const welcomes = new Map<string, number>();
  for (const m of sent) {
    const body = JSON.stringify(m);
    if (body.includes('Privacidad')) welcomes.set(String(m.to), (welcomes.get(String(m.to)) ?? 0) + 1);
  }
  const sorted = durations.slice().sort((a, b) => a - b);
  const result = {
    users: USERS,
    messagesPerUser: MESSAGES,
    requests: durations.length,
    non200,
    medianMs: +percentile(sorted, 50).toFixed(1),
    p90Ms: +percentile(sorted, 90).toFixed(1),
    p99Ms: +percentile(sorted, 99).toFixed(1),
    maxMs: +sorted[sorted.length - 1].toFixed(1),
    requestsPerSecond: +(durations.length / elapsed).toFixed(0),
    repliesSent: sent.length,
    peopleWithExactlyOneWelcome: [...welcomes.values()].filter((n) => n === 1).length,
  };
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  agent.destroy();
  graph.close();
  rmSync(dataDir, { recursive: true, force: true });
  if (non200 > 0 || result.peopleWithExactlyOneWelcome !== USERS) process.exitCode = 1;
}

void main();
