/**
 * Runs the built `pro` CLI (node bin/run.js, from dist/) as a child process, the way admins run it,
 * against a test store started in this process: the CLI finds the server on COSMOS_EMBEDDED_PORT and
 * reuses it, as it would reuse a running bot's. Asynchronous on purpose: the store answers from this
 * process's event loop, which a synchronous spawn would block. For the `bin` entry, real exit codes
 * and end-to-end tests; command tests run the same commands in process (test/support/inProcessCli.ts).
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { TestStore } from '../support/store';

const ROOT = path.resolve(__dirname, '..', '..');
const BIN = path.join(ROOT, 'bin', 'run.js');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export type CliEnv = Record<string, string>;

/** Environment pointing the CLI at the test store's server, in its own database. */
export function cliEnv(store: TestStore, database: string): CliEnv {
  const port = new URL(store.endpoint).port;
  return { COSMOS_EMBEDDED_PORT: port, COSMOS_DATABASE: database, DATA_DIR: store.dataDir, LOG_LEVEL: 'error' };
}

/** `cwd`: the folder the admin runs it in (the project's by default). */
export function runCli(args: string[], env: CliEnv, cwd = ROOT): Promise<CliRun> {
  if (!existsSync(path.join(ROOT, 'dist', 'cli', 'commands'))) {
    throw new Error('The CLI is not built: run "npx tsc -p tsconfig.json" (npm test does it in pretest)');
  }
  // Never inherit a real Cosmos account from the developer's shell; tests may still set these on purpose.
  const inherited: NodeJS.ProcessEnv = { ...process.env };
  delete inherited.COSMOS_ENDPOINT;
  delete inherited.COSMOS_KEY;
  const childEnv = { ...inherited, ...env };
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd, env: childEnv, maxBuffer: 32 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** oclif wraps error messages to the terminal width behind " ›   "; this joins them back into one line. */
export function unwrapped(stderr: string): string {
  return stderr.replace(/\n ›\s+/g, ' ').replace(/ {2,}/g, ' ');
}

/** A --json run's standard output, parsed; a failure shows what the command printed instead. */
export function parseJsonRun<T>(args: string[], run: CliRun): CliRun & { json: T } {
  let json: T;
  try {
    json = JSON.parse(run.stdout) as T;
  } catch {
    throw new Error(`pro ${args.join(' ')} --json did not print JSON (exit ${run.code}):\n${run.stdout}\n${run.stderr}`);
  }
  return { ...run, json };
}

/** Runs with --json and parses standard output. */
export async function runCliJson<T>(args: string[], env: CliEnv, cwd?: string): Promise<CliRun & { json: T }> {
  return parseJsonRun<T>(args, await runCli([...args, '--json'], env, cwd));
}
