/**
 * The embedded store's owner is the bot: a bot started while a `pro` command holds DATA_DIR waits
 * for it (and then owns the store), or, past its wait, says which command holds it. Real processes.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeReferralFile } from '../../bot/referrals';
import { OWNER_FILE } from '../../bot/storage/storeOwnership';
import { benchReferrals } from '../../scripts/benchImport';
import { BotProcess, startBotProcess } from '../support/botProcess';
import { runCommandJson } from '../support/inProcessCli';
import { freePort } from '../support/ports';
import { until } from '../support/until';

const ROOT = path.resolve(__dirname, '..', '..');

describe('who owns the embedded store', () => {
  let dir: string;
  let dataDir: string;
  let embeddedPort: number;
  let cli: { pid: number; done: Promise<number | null> };
  /** Two bots started together while the import holds DATA_DIR: one may not wait, the other may. */
  let impatient: Promise<BotProcess | Error>;
  let patient: Promise<BotProcess>;
  const started: BotProcess[] = [];
  const keep = (bot: BotProcess): BotProcess => {
    started.push(bot);
    return bot;
  };

  /** Starts a long import that opens DATA_DIR itself; resolves once it holds the store. */
  const startImport = async (): Promise<{ pid: number; done: Promise<number | null> }> => {
    const file = path.join(dir, 'big.csv');
    writeFileSync(file, writeReferralFile(benchReferrals(8000), 'csv'));
    const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'run.js'), 'referrals', 'import', file, '--actor', 'owner-test'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', DATA_DIR: dataDir, COSMOS_EMBEDDED_PORT: String(embeddedPort), LOG_LEVEL: 'error' },
      stdio: 'ignore',
    });
    const done = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    await until(() => existsSync(path.join(dataDir, OWNER_FILE)), { timeoutMs: 20000, what: 'the import holding DATA_DIR' });
    return { pid: child.pid as number, done };
  };

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'probot-owner-'));
    dataDir = path.join(dir, 'data');
    embeddedPort = await freePort();
    cli = await startImport();
    impatient = startBotProcess({ DATA_DIR: dataDir, EMBEDDED_OWNER_WAIT_SECONDS: '0' }, { embeddedPort }).then(keep, (err: Error) => err);
    patient = startBotProcess({ DATA_DIR: dataDir }, { embeddedPort }).then(keep);
    patient.catch(() => undefined); // reported by the test that awaits it
  });
  afterAll(async () => {
    await Promise.allSettled([impatient, patient, cli.done]);
    for (const bot of started) await bot.crash();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a bot that cannot wait names the command holding DATA_DIR, not a busy port', async () => {
    const outcome = await impatient;
    expect(outcome).toBeInstanceOf(Error);
    expect((outcome as Error).message).toContain(`is held by \`pro referrals import\` (pid ${cli.pid}); wait for it to finish or stop it`);
  });

  it('a bot started during an import waits for it, then owns the store with every row', async () => {
    await patient;
    expect(await cli.done).toBe(0);
    const env = { DATA_DIR: dataDir, COSMOS_EMBEDDED_PORT: String(embeddedPort), LOG_LEVEL: 'error' };
    const stats = await runCommandJson<{ referrals: unknown[] }>(['referrals', 'list', '--search', 'Servicio de prueba 7999'], env);
    expect(stats.json.referrals).toHaveLength(1);
    // The CLI used the bot's server: the bot is still the owner.
    expect(JSON.parse(readFileSync(path.join(dataDir, OWNER_FILE), 'utf8'))).toMatchObject({ role: 'bot', port: embeddedPort });
  });
});
