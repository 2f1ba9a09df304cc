/**
 * The deploy package as App Service gets it: `npm run package`'s files (from the build `npm test`
 * just made) in an empty folder outside the project, started with exactly the startup command
 * main.bicep sets and no build step, against the embedded store: /healthz answers 200.
 * The package holds the production dependencies and nothing of the development ones.
 * The 29,000 files are copied or hard-linked into that folder from the list app.zip is made from
 * (support/stagedPackage.ts) instead of zipped and unpacked (about 18 s here); that app.zip holds
 * exactly that list, names, bytes and modes, is checked by zipping and unpacking a small project.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import yauzl from 'yauzl';
import { makePackage } from '../../scripts/package';
import { packageFiles } from '../../scripts/packageFiles';
import { freePort } from '../support/ports';
import { modulesAbove, stagePackage, stagingFor } from './support/stagedPackage';
import { unzip } from './support/unzip';

jest.setTimeout(120000);

const ROOT = path.resolve(__dirname, '../..');
const template = readFileSync(path.join(ROOT, 'deploymentTemplates/main.bicep'), 'utf8');
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string>; scripts: Record<string, string> };

/** Polls `url` until it answers 200 (or the process exits, or `timeoutMs` passes). */
async function untilHealthy(url: string, child: ChildProcess, output: () => string, timeoutMs = 60000): Promise<Response> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the app exited with ${child.exitCode}: ${output()}`);
    const res = await fetch(url).catch(() => undefined);
    if (res?.status === 200) return res;
    if (Date.now() > deadline) throw new Error(`no 200 from ${url} within ${timeoutMs} ms: ${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Resolves once no process of the process group `pid` leads is left. */
async function groupGone(pid: number, timeoutMs = 30000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      process.kill(-pid, 0);
    } catch {
      return;
    }
    if (Date.now() > deadline) throw new Error(`process group ${pid} still running after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('deploy package (npm run package)', () => {
  const { folder: work, place } = stagingFor(ROOT, 'probot-package-');
  const site = path.join(work, 'wwwroot');
  let entries: string[];

  beforeAll(() => {
    entries = packageFiles(ROOT);
    stagePackage(ROOT, entries, site, place);
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('is prebuilt, so the template turns the build on deploy off', () => {
    expect(template).toMatch(/\{ name: 'SCM_DO_BUILD_DURING_DEPLOYMENT', value: 'false' \}/);
    expect(entries).toEqual(expect.arrayContaining(['dist/bot/index.js', 'bin/run.js', 'package.json', 'package-lock.json']));
    for (const dependency of Object.keys(pkg.dependencies)) expect(entries).toContain(`node_modules/${dependency}/package.json`);
    for (const dependency of ['typescript', 'jest', '@swc/jest', '@swc/core', 'yazl']) expect(entries).not.toContain(`node_modules/${dependency}/package.json`);
    expect(entries.filter((e) => e.startsWith('dist/scripts/') || /^(bot|dialogs|cli|test)\//.test(e))).toEqual([]);
  });

  it('starts with the template\'s startup command in an empty folder and answers /healthz', async () => {
    const command = /appCommandLine: '([^']+)'/.exec(template)?.[1];
    expect(command).toBe('node --max-semi-space-size=128 dist/bot/index.js');
    // Run as npm start runs it locally: one command, one memory setting.
    expect(command).toBe(pkg.scripts.start);
    // Outside the project: nothing the package lacks can load from a node_modules higher up.
    expect(modulesAbove(site)).toEqual([]);
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
      if (child.pid) await groupGone(child.pid); // the app's own children finish writing DATA_DIR
    }
  });
});

describe('app.zip (makePackage)', () => {
  const work = mkdtempSync(path.join(os.tmpdir(), 'probot-zip-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  /** A project with the package's parts: a build, bin/, manifests and one production and one development dependency. */
  function smallProject(root: string): void {
    const files: Record<string, string> = {
      'dist/bot/index.js': 'require("greeting");\n',
      'dist/scripts/bench.js': 'left out\n',
      'bin/run.js': '#!/usr/bin/env node\n',
      'package.json': JSON.stringify({ name: 'small', dependencies: { greeting: '1.0.0' }, devDependencies: { tool: '2.0.0' } }),
      'package-lock.json': JSON.stringify({
        lockfileVersion: 3,
        packages: { '': {}, 'node_modules/greeting': { version: '1.0.0' }, 'node_modules/tool': { version: '2.0.0', dev: true } },
      }),
      'node_modules/greeting/package.json': JSON.stringify({ name: 'greeting', version: '1.0.0' }),
      'node_modules/greeting/index.js': `module.exports = ${JSON.stringify('¡hola! '.repeat(500))};\n`,
      'node_modules/greeting/index.d.ts': 'export = string;\n',
      'node_modules/tool/package.json': JSON.stringify({ name: 'tool', version: '2.0.0' }),
    };
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      writeFileSync(path.join(root, file), text);
    }
    chmodSync(path.join(root, 'bin/run.js'), 0o755);
  }

  function modesOf(zipFile: string): Promise<Map<string, number>> {
    return new Promise((resolve, reject) =>
      yauzl.open(zipFile, { lazyEntries: true }, (error, zip) => {
        if (error || !zip) return reject(error);
        const modes = new Map<string, number>();
        zip.on('error', reject);
        zip.on('entry', (entry: yauzl.Entry) => {
          modes.set(entry.fileName, (entry.externalFileAttributes >>> 16) & 0o777);
          zip.readEntry();
        });
        zip.on('end', () => resolve(modes));
        zip.readEntry();
      }),
    );
  }

  it.each([
    ['compressed, as deployed', false],
    ['--store, uncompressed', true],
  ])('holds each listed file under its name, with its bytes and mode (%s)', async (_, store) => {
    const root = path.join(work, store ? 'store' : 'deflate');
    smallProject(root);
    const listed = packageFiles(root);
    expect([...listed].sort()).toEqual(['bin/run.js', 'dist/bot/index.js', 'node_modules/greeting/index.js', 'node_modules/greeting/package.json', 'package-lock.json', 'package.json']);
    const zipFile = path.join(work, `${store ? 'store' : 'deflate'}.zip`);
    const result = await makePackage(zipFile, root, { store });
    expect(result.files).toBe(listed.length);
    const unpacked = path.join(work, `${store ? 'store' : 'deflate'}-unpacked`);
    expect(await unzip(zipFile, unpacked)).toEqual(listed);
    for (const file of listed) expect(readFileSync(path.join(unpacked, file))).toEqual(readFileSync(path.join(root, file)));
    const modes = await modesOf(zipFile);
    for (const file of listed) expect([file, modes.get(file)]).toEqual([file, statSync(path.join(root, file)).mode & 0o777]);
    const size = statSync(zipFile).size;
    const bytes = listed.reduce((sum, file) => sum + statSync(path.join(root, file)).size, 0);
    if (store) expect(size).toBeGreaterThan(bytes);
    else expect(size).toBeLessThan(bytes);
  });
});
