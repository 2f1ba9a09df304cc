/**
 * Start-up as an operator meets it: a wrong variable stops the process with one line naming it,
 * and with a MicrosoftAppId set the Bot Framework endpoint refuses requests without a JWT. Without a
 * connection string the bot loads no OpenTelemetry module at all.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig } from '../../bot/config';
import { startBotProcess } from '../support/botProcess';

const ROOT = path.resolve(__dirname, '../..');
const PROBE = path.join(ROOT, 'test/deploy/fixtures/loadedModules.js');

function runBot(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'dist/bot/index.js')], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env } });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('exit', (code) => resolve({ code, stderr }));
  });
}

/** The ConfigError loadConfig throws for `env`, the one the process prints. */
function errorOf(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error(`${JSON.stringify(env)} is a valid configuration`);
}

/** stderr without Node's own deprecation warnings (restify 11 triggers DEP0111). */
const ownLines = (stderr: string): string[] => stderr.split('\n').filter((l) => l.trim() && !/DeprecationWarning|trace-deprecation/.test(l));

describe('start-up', () => {
  it('a wrong variable stops the process (exit 1) with one line naming it', async () => {
    const { code, stderr } = await runBot({ PORT: 'abc' });
    expect(code).toBe(1);
    const lines = ownLines(stderr);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toBe(`Configuration error: ${errorOf({ PORT: 'abc' }).message}`);
  });

  // Every ConfigError takes that same exit path (bot/index.ts main); which variable it names is config's, checked without a process.
  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ COSMOS_ENDPOINT: 'not-a-url' }, 'COSMOS_ENDPOINT'],
    [{ STATE_TTL_DAYS: '-3' }, 'STATE_TTL_DAYS'],
  ])('%j is a configuration error naming %s', (env, variable) => {
    expect(errorOf(env).message).toContain(`${variable}:`);
  });

  it('requires a Bot Framework JWT once MicrosoftAppId is set (401 without one), and loads no OpenTelemetry module without a connection string', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'probot-auth-'));
    // The same start shows that without a connection string no OpenTelemetry module is loaded (the probe writes at exit).
    const loaded = path.join(dataDir, 'loaded.json');
    const bot = await startBotProcess({ DATA_DIR: path.join(dataDir, 'data'), MicrosoftAppId: '00000000-0000-0000-0000-000000000001', MicrosoftAppPassword: 'not-used', NODE_OPTIONS: `--require ${PROBE}`, LOADED_MODULES_FILE: loaded });
    try {
      const res = await fetch(`${bot.baseUrl}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'message', text: 'hola', channelId: 'emulator', serviceUrl: 'http://127.0.0.1:9', conversation: { id: 'c' }, from: { id: 'u' }, recipient: { id: 'b' } }),
      });
      expect(res.status).toBe(401);
      // WhatsApp is not configured here: its routes do not exist.
      expect((await fetch(`${bot.baseUrl}/api/whatsapp?hub.mode=subscribe`)).status).toBe(404);
      expect(await bot.stop()).toBe(0);
      expect(JSON.parse(readFileSync(loaded, 'utf8'))).toEqual({ telemetryModules: 0 });
    } finally {
      await bot.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
  it('with WhatsApp configured and no MicrosoftAppId, /api/messages is closed (401) unless ALLOW_EMULATOR=true, which is warned', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'probot-door-'));
    const whatsapp = { DATA_DIR: dataDir, WHATSAPP_ACCESS_TOKEN: 't', WHATSAPP_PHONE_NUMBER_ID: '106540352242922', WHATSAPP_APP_SECRET: 's', WHATSAPP_VERIFY_TOKEN: 'v', WHATSAPP_GRAPH_API_URL: 'http://127.0.0.1:9/v23.0' };
    // A typing activity: valid, and acknowledged without a turn, so nothing is posted to its serviceUrl.
    const typing = JSON.stringify({ type: 'typing', channelId: 'emulator', serviceUrl: 'http://127.0.0.1:9', conversation: { id: 'c' }, from: { id: 'u' } });
    const post = (baseUrl: string) => fetch(`${baseUrl}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: typing });
    const closed = await startBotProcess(whatsapp);
    try {
      expect((await post(closed.baseUrl)).status).toBe(401);
      expect(closed.logs.some((line) => line.includes('"level":40') && line.includes('ALLOW_EMULATOR'))).toBe(false);
    } finally {
      await closed.stop();
    }
    const open = await startBotProcess({ ...whatsapp, ALLOW_EMULATOR: 'true' });
    try {
      expect((await post(open.baseUrl)).status).toBe(200);
      expect(open.logs.some((line) => line.includes('"level":40') && line.includes('ALLOW_EMULATOR=true'))).toBe(true);
    } finally {
      await open.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
