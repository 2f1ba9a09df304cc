/**
 * The deploy package as App Service gets it: `npm run package`'s app.zip (made once, from the build
 * `npm test` just made), unpacked in an empty folder outside the project, started with exactly the
 * startup command main.bicep sets and no build step, against the embedded store: /healthz answers 200.
 * The package holds the production dependencies and nothing of the development ones.
 * It is made with --store (no compression): the same file list, reading and zip layout as app.zip,
 * only zlib's level differs, and that cuts making and unpacking 29,000 files from about 30 s
 * to 18 s here; what is checked, the files and that they start, does not depend on the level.
 */
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../support/ports';
import { unzip } from './support/unzip';

jest.setTimeout(300000);

const ROOT = path.resolve(__dirname, '../..');
const template = readFileSync(path.join(ROOT, 'deploymentTemplates/main.bicep'), 'utf8');
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };

/** Polls `url` until it answers 200 (or the process exits, or `timeoutMs` passes). */
async function untilHealthy(url: string, child: ChildProcess, output: () => string, timeoutMs = 60000): Promise<Response> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the app exited with ${child.exitCode}: ${output()}`);
    const res = await fetch(url).catch(() => undefined);
    if (res?.status === 200) return res;
    if (Date.now() > deadline) throw new Error(`no 200 from ${url} within ${timeoutMs} ms: ${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('deploy package (npm run package)', () => {
  const work = mkdtempSync(path.join(os.tmpdir(), 'probot-package-'));
  const site = path.join(work, 'wwwroot');
  let entries: string[];

  beforeAll(async () => {
    execFileSync(process.execPath, [path.join(ROOT, 'dist/scripts/package.js'), '--output', path.join(work, 'app.zip'), '--store'], { stdio: 'pipe' });
    entries = await unzip(path.join(work, 'app.zip'), site);
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('is prebuilt, so the template turns the build on deploy off', () => {
    expect(template).toMatch(/\{ name: 'SCM_DO_BUILD_DURING_DEPLOYMENT', value: 'false' \}/);
    expect(entries).toEqual(expect.arrayContaining(['dist/bot/index.js', 'bin/run.js', 'package.json', 'package-lock.json']));
    for (const dependency of Object.keys(pkg.dependencies)) expect(entries).toContain(`node_modules/${dependency}/package.json`);
    for (const dependency of ['typescript', 'jest', 'ts-jest', 'yazl']) expect(entries).not.toContain(`node_modules/${dependency}/package.json`);
    expect(entries.filter((e) => e.startsWith('dist/scripts/') || /^(bot|dialogs|cli|test)\//.test(e))).toEqual([]);
  });

  it('starts with the template\'s startup command in an empty folder and answers /healthz', async () => {
    const command = /appCommandLine: '([^']+)'/.exec(template)?.[1];
    expect(command).toBe('node dist/bot/index.js');
    const port = await freePort();
    // As App Service runs it: the startup command through a shell, in the unpacked folder, PORT given.
    const child = spawn(command as string, {
      shell: true,
      detached: true,
      cwd: site,
      env: { PATH: process.env.PATH ?? '', PORT: String(port), COSMOS_EMBEDDED_PORT: String(await freePort()), DATA_DIR: path.join(work, 'data'), LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    try {
      const res = await untilHealthy(`http://127.0.0.1:${port}/healthz`, child, () => output);
      expect(await res.json()).toMatchObject({ status: 'ok', storage: 'embedded' });
    } finally {
      if (child.exitCode === null && child.pid) process.kill(-child.pid, 'SIGTERM'); // the shell and the app
      await exited;
    }
  });
});
