/**
 * Runs a `pro` command in this process, the way @oclif/test's `runCommand` does: the built commands
 * (dist/cli/commands, loaded once per test file through oclif's `Config`), the same argv handling as
 * `bin/run.js`, and oclif's own error printing and exit code, with stdout and stderr captured.
 * Starting node once per call cost about a second each; this costs milliseconds.
 *
 * Nothing leaks between runs: each sees only the environment it is given (process.env is set for
 * the run and restored), stdin/stdout are not terminals (as under execFile), process.exitCode is
 * read and reset, and runs take turns, since environment, console and exit code are process-wide.
 * Set PRO_CLI_TESTS=process to run every call through `node bin/run.js` instead (same assertions).
 */
import { Console } from 'node:console';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { Config } from '@oclif/core';
import { CliEnv, CliRun, parseJsonRun, runCli } from '../cli/runCli';

const ROOT = path.resolve(__dirname, '..', '..');

// oclif wraps errors to the terminal width, fixed when @oclif/core loads: 80, as for a piped stderr.
process.env.OCLIF_COLUMNS ??= '80';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const oclif = require('@oclif/core') as typeof import('@oclif/core');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Exit, handle } = require('@oclif/core/handle') as typeof import('@oclif/core/handle');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { normalizeArgv } = require('@oclif/core/help') as typeof import('@oclif/core/help');

// The commands as built (dist/), like bin/run.js, never the TypeScript sources.
oclif.settings.enableAutoTranspile = false;
// oclif asks an ESM-only package whether this is WSL through import(), which jest's CommonJS runtime
// cannot do; the answer only names the platform in oclif's user agent. Its own seam for tests:
// eslint-disable-next-line @typescript-eslint/no-require-imports
const oclifOs = require(path.join(path.dirname(require.resolve('@oclif/core')), 'util', 'os.js')) as { getPlatform(): Promise<string> };
oclifOs.getPlatform = async () => os.platform();

let config: Promise<Config> | undefined;
let queue: Promise<unknown> = Promise.resolve();

function loadConfig(): Promise<Config> {
  if (!existsSync(path.join(ROOT, 'dist', 'cli', 'commands'))) {
    throw new Error('The CLI is not built: run "npx tsc -p tsconfig.json" (npm test does it in pretest)');
  }
  config ??= oclif.Config.load({ root: ROOT });
  return config;
}

/** A stream that keeps what is written to it. */
function sink(): { stream: Writable; text(): string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return { stream, text: () => chunks.join('') };
}

/** Replaces `obj[key]` until the returned function is called. */
function swap<T extends object, K extends keyof T>(obj: T, key: K, value: T[K]): () => void {
  const own = Object.getOwnPropertyDescriptor(obj, key);
  Object.defineProperty(obj, key, { value, configurable: true, writable: true });
  return () => {
    if (own) Object.defineProperty(obj, key, own);
    else delete obj[key];
  };
}

/** The environment a child process would get: ours without a real Cosmos account, plus `env`. */
function applyEnv(env: CliEnv): () => void {
  const saved = { ...process.env };
  delete process.env.COSMOS_ENDPOINT;
  delete process.env.COSMOS_KEY;
  Object.assign(process.env, env);
  return () => {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
  };
}

async function runOnce(args: string[], env: CliEnv): Promise<CliRun> {
  const loaded = await loadConfig();
  const out = sink();
  const err = sink();
  let exitCalled: number | undefined;
  const restores = [
    applyEnv(env),
    // oclif's error handler reads the command line from process.argv to show the command's help.
    swap(process, 'argv', [process.execPath, path.join(ROOT, 'bin', 'run.js'), ...args]),
    swap(globalThis, 'console', new Console({ stdout: out.stream, stderr: err.stream })),
    swap(process.stdout, 'write', out.stream.write.bind(out.stream) as typeof process.stdout.write),
    swap(process.stderr, 'write', err.stream.write.bind(err.stream) as typeof process.stderr.write),
    swap(process.stdout, 'isTTY', false),
    swap(process.stderr, 'isTTY', false),
    swap(process.stdin, 'isTTY', false),
    // Node would print a command's warnings on stderr after the run: keep them with this run's stderr.
    swap(process, 'emitWarning', ((warning: string | Error) => {
      err.stream.write(`Warning: ${warning instanceof Error ? warning.message : warning}\n`);
    }) as typeof process.emitWarning),
    // oclif's error handler ends with Exit.exit(code), its documented seam for tests.
    swap(Exit, 'exit', ((code?: number) => {
      exitCalled = code ?? 0;
    }) as typeof Exit.exit),
  ];
  const exitCodeBefore = process.exitCode;
  process.exitCode = undefined;
  try {
    const [id, ...argv] = normalizeArgv(loaded, args);
    await loaded.runCommand(id, argv);
  } catch (error) {
    await handle(error as Error);
  } finally {
    for (const restore of restores.reverse()) restore();
  }
  const code = exitCalled ?? Number(process.exitCode ?? 0);
  process.exitCode = exitCodeBefore;
  return { code, stdout: out.text(), stderr: err.text() };
}

/** Runs `pro <args>` in this process; calls take turns (see the header). */
export function runCommand(args: string[], env: CliEnv): Promise<CliRun> {
  if (process.env.PRO_CLI_TESTS === 'process') return runCli(args, env);
  const run = queue.then(() => runOnce(args, env));
  queue = run.catch(() => undefined);
  return run;
}

/** Runs with --json in this process and parses standard output. */
export async function runCommandJson<T>(args: string[], env: CliEnv): Promise<CliRun & { json: T }> {
  return parseJsonRun<T>(args, await runCommand([...args, '--json'], env));
}
