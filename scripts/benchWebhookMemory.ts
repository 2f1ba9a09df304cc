/**
 * Benchmark: does the bot's memory settle after webhook load? Starts the built bot with WhatsApp
 * configured (throwaway store, a Graph API stand-in), sends PEOPLE × MESSAGES signed webhooks (each
 * person a new number, each message a new id), waits IDLE seconds, and prints the process's RSS
 * (from /proc, Linux) before, right after and after the idle time.
 *
 *   npm run build && node dist/scripts/benchWebhookMemory.js [people=1000] [messages=10] [idleSeconds=30]
 *   (BENCH_NODE_OPTIONS=--heapsnapshot-signal=SIGUSR2 BENCH_HEAP_SIGNAL=SIGUSR2: a heap snapshot after the idle time)
 */
import { spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const PEOPLE = Number(process.argv[2] ?? 1000);
const MESSAGES = Number(process.argv[3] ?? 10);
const IDLE_S = Number(process.argv[4] ?? 30);
const CONCURRENCY = 50;
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

function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:')) ?? '';
  return Math.round(Number(line.replace(/\D+/g, '')) / 1024);
}

async function main(): Promise<void> {
  let replies = 0;
  const graph = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      replies += 1;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ messaging_product: 'whatsapp', messages: [{ id: `wamid.${replies}` }] }));
    });
  });
  await new Promise<void>((r) => graph.listen(0, '127.0.0.1', () => r()));
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'probot-bench-mem-'));
  const port = await freePort();
  const child = spawn(process.execPath, [path.resolve(__dirname, '../bot/index.js')], {
    env: {
      PATH: process.env.PATH ?? '',
      // e.g. BENCH_NODE_OPTIONS=--heapsnapshot-signal=SIGUSR2 to look inside the bot after the load.
      NODE_OPTIONS: process.env.BENCH_NODE_OPTIONS ?? '',
      // glibc keeps freed memory per arena; fewer arenas show whether RSS is fragmentation or live data.
      ...(process.env.MALLOC_ARENA_MAX ? { MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX } : {}),
      PORT: String(port),
      COSMOS_EMBEDDED_PORT: String(await freePort()),
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      WHATSAPP_ACCESS_TOKEN: 'bench',
      WHATSAPP_PHONE_NUMBER_ID: PHONE_NUMBER_ID,
      WHATSAPP_APP_SECRET: SECRET,
      WHATSAPP_VERIFY_TOKEN: 'bench',
      WHATSAPP_GRAPH_API_URL: `http://127.0.0.1:${(graph.address() as net.AddressInfo).port}/v23.0`,
    },
    // BENCH_CHILD_LOG=file keeps the bot's standard output (logs, --trace-gc lines).
    stdio: ['ignore', process.env.BENCH_CHILD_LOG ? openSync(process.env.BENCH_CHILD_LOG, 'w') : 'ignore', 'inherit'],
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
  const pid = child.pid as number;
  const atStart = rssMb(pid);
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
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
  const texts = ['hola', 'consent_yes', 'pro_points', 'contact', 'what', 'menu', 'salud', 'contact', 'back_to_menu', 'ayuda'];
  let next = 0;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      // Each worker takes whole people, so one person's messages stay in order.
      for (let person = next++; person < PEOPLE; person = next++) {
        const from = `57300${String(person).padStart(7, '0')}`;
        for (let m = 0; m < MESSAGES; m++) {
          const payload = {
            object: 'whatsapp_business_account',
            entry: [{ id: 'W', changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: { display_phone_number: '1', phone_number_id: PHONE_NUMBER_ID }, contacts: [{ wa_id: from, profile: { name: 'B' } }], messages: [{ from, id: `wamid.mem.${person}.${m}`, timestamp: '1', type: 'text', text: { body: texts[m % texts.length] } }] } }] }],
          };
          await post(JSON.stringify(payload));
        }
      }
    }),
  );
  let last = -1;
  while (replies !== last) {
    last = replies;
    await new Promise((r) => setTimeout(r, 1500));
  }
  const afterLoad = rssMb(pid);
  await new Promise((r) => setTimeout(r, IDLE_S * 1000));
  const afterIdle = rssMb(pid);
  if (process.env.BENCH_HEAP_SIGNAL) {
    process.kill(pid, process.env.BENCH_HEAP_SIGNAL as NodeJS.Signals);
    await new Promise((r) => setTimeout(r, 20000));
  }
  process.stdout.write(`${JSON.stringify({ webhooks: PEOPLE * MESSAGES, people: PEOPLE, seconds: (Date.now() - started) / 1000, replies, rssMb: { atStart, afterLoad, afterIdle } })}\n`);
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  graph.close();
  rmSync(dataDir, { recursive: true, force: true });
}

void main();
