/**
 * The `pro` entry as admins run it: `node bin/run.js` as a child process (the command tests run the
 * same commands in process). What only a real process shows: the exit code the shell sees (oclif's
 * own errors leave through process.exit, ours through process.exitCode, with --json on standard
 * output), output on a pipe that is complete when the process ends, and a process that ends when
 * the store cannot be opened.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { runCommand } from '../support/inProcessCli';
import { startTestStore, TestStore } from '../support/store';
import { CliEnv, cliEnv, runCli, runCliJson, unwrapped } from './runCli';

let store: TestStore;
let env: CliEnv;
let dir: string;

beforeAll(async () => {
  store = await startTestStore({ database: 'cli_bin' });
  env = cliEnv(store, 'cli_bin');
  dir = mkdtempSync(path.join(os.tmpdir(), 'probot-cli-bin-'));
});
afterAll(async () => {
  await store.destroy();
  rmSync(dir, { recursive: true, force: true });
});

describe('pro, run as bin/run.js', () => {
  it('exits 0 with the whole output on a pipe, and nothing on stderr', async () => {
    expect((await runCommand(['db', 'init', '--seed'], env)).code).toBe(0);
    const file = path.join(dir, 'lines.csv');
    expect((await runCommand(['referrals', 'export', '--output', file], env)).code).toBe(0);
    const piped = await runCli(['referrals', 'export'], env);
    expect(piped).toMatchObject({ code: 0, stderr: '' });
    expect(piped.stdout).toBe(readFileSync(file, 'utf8'));
    expect(piped.stdout.trim().split('\n')).toHaveLength(7); // the header and the 6 national lines
  });

  it('exits 2 on an unknown flag or a missing argument, with a short JSON error under --json', async () => {
    const [unknownFlag, missingArg] = await Promise.all([runCli(['referrals', 'list', '--bogus'], env), runCliJson<{ error: Record<string, unknown> }>(['referrals', 'show'], env)]);
    expect(unknownFlag.code).toBe(2);
    expect(unknownFlag.stderr).toContain('Nonexistent flag: --bogus');
    expect(missingArg.code).toBe(2);
    expect(missingArg.json).toEqual({ error: { name: 'Error', message: expect.stringContaining('Missing 1 required arg'), exitCode: 2 } });
  });

  it('reads .env in the folder it runs in, as npm start does, and the shell\'s variables win over it', async () => {
    const folder = path.join(dir, 'bot-folder');
    mkdirSync(folder);
    const dotenvEnv = { ...env, COSMOS_DATABASE: 'cli_dotenv' };
    expect((await runCommand(['db', 'init', '--seed'], dotenvEnv)).code).toBe(0);
    writeFileSync(path.join(folder, '.env'), Object.entries(dotenvEnv).map(([k, v]) => `${k}=${v}`).join('\n') + '\n');
    // Nothing about the store in the environment: only the file says where it is.
    const shell = { LOG_LEVEL: 'error' };
    const listed = await runCliJson<{ referrals: { id: string }[] }>(['referrals', 'list'], shell, folder);
    expect(listed.code).toBe(0);
    expect(listed.json.referrals.map((r) => r.id)).toContain('national-pro-line');
    // A variable set in the shell wins: another database on the same server has no lines.
    const overridden = await runCliJson<{ count: number }>(['referrals', 'list'], { ...shell, COSMOS_DATABASE: 'cli_dotenv_other' }, folder);
    expect(overridden.json.count).toBe(0);
  });

  it('exits 1 when the store cannot be opened (the port is taken by something that is not a store)', async () => {
    const blocker = net.createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    try {
      const port = String((blocker.address() as net.AddressInfo).port);
      const run = await runCli(['referrals', 'list'], { ...env, COSMOS_EMBEDDED_PORT: port, DATA_DIR: path.join(dir, 'blocked') });
      expect(run.code).toBe(1);
      expect(unwrapped(run.stderr)).toContain(`port ${port} is already in use`);
    } finally {
      blocker.close();
    }
  });
});
