/**
 * Local runs: a `.env` in the working folder configures the built bot, real environment variables
 * win over it; `npm start`'s prestart (scripts/buildIfStale.js) builds a fresh clone, then skips the
 * build until a source changes.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { freePort } from '../support/ports';
import { useTempFolders } from './support/tempFolders';

jest.setTimeout(90000);

const ROOT = path.resolve(__dirname, '../..');

/** Runs the built bot in `cwd` until it logs that it listens; resolves with the port it logged. */
async function listeningPort(cwd: string, env: Record<string, string>): Promise<number> {
  const child = spawn(process.execPath, [path.join(ROOT, 'dist/bot/index.js')], { cwd, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    return await new Promise<number>((resolve, reject) => {
      let buffer = '';
      child.stdout.on('data', (chunk: Buffer) => {
        buffer += chunk.toString();
        const line = buffer.split('\n').find((l) => l.includes('"PRO Bot listening"'));
        if (line) resolve((JSON.parse(line) as { port: number }).port);
      });
      void exited.then(() => reject(new Error(`bot exited before listening: ${stderr}`)));
    });
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

describe('local runs', () => {
  const tempFolder = useTempFolders();

  it('reads .env from the working folder, and a variable set in the environment wins over it', async () => {
    const cwd = tempFolder('probot-envfile-');
    const [filePort, envPort, embeddedPort] = [await freePort(), await freePort(), await freePort()];
    // One start: the file's DATA_DIR is used (the file was read), the environment's PORT beats the file's.
    const dataDir = path.join(cwd, 'data-from-env-file');
    writeFileSync(path.join(cwd, '.env'), `# as copied from .env.example\nPORT=${filePort}\nCOSMOS_EMBEDDED_PORT=${embeddedPort}\nDATA_DIR=${dataDir}\nLOG_LEVEL=info\n`);
    expect(await listeningPort(cwd, { PORT: String(envPort) })).toBe(envPort);
    expect(existsSync(dataDir)).toBe(true);
  });

  it('builds a fresh clone, skips the build while dist/ is newer than the sources, rebuilds after a change', () => {
    const project = tempFolder('probot-prestart-');
    // A stand-in project: its "build" counts how often it ran.
    writeFileSync(path.join(project, 'tsconfig.json'), JSON.stringify({ include: ['src/**/*'] }));
    writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'stand-in', private: true, scripts: { build: 'node build.js' } }));
    writeFileSync(path.join(project, 'build.js'), "const fs = require('fs'); fs.mkdirSync('dist', { recursive: true }); fs.appendFileSync('dist/builds.txt', 'x');");
    mkdirSync(path.join(project, 'src'));
    writeFileSync(path.join(project, 'src/a.ts'), 'export const a = 1;\n');
    const prestart = (): string => execFileSync(process.execPath, [path.join(ROOT, 'scripts/buildIfStale.js')], { cwd: project, encoding: 'utf8' });
    const builds = (): number => readFileSync(path.join(project, 'dist/builds.txt'), 'utf8').length;

    prestart(); // no dist/ yet
    expect(builds()).toBe(1);
    expect(prestart()).toContain('up to date');
    expect(builds()).toBe(1);
    const now = new Date(); // after the last build started
    utimesSync(path.join(project, 'src/a.ts'), now, now);
    prestart();
    expect(builds()).toBe(2);
    expect(prestart()).toContain('up to date');
  });

  it('is what npm start runs before starting', () => {
    const scripts = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(scripts.prestart).toBe('node scripts/buildIfStale.js');
    expect(scripts.start).toBe('node --max-semi-space-size=128 dist/bot/index.js');
  });
});
