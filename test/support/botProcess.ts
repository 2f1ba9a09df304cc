/**
 * Starts the built bot (`node dist/bot/index.js`, as `npm start` does but with V8's default young
 * generation: tests are light, and several bots run at once) as a child process on free
 * loopback ports with its own data folder, and waits for its "listening" log line.
 */
import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { freePort } from './ports';

export interface BotProcess {
  port: number;
  baseUrl: string;
  /** Every JSON log line the process printed so far. */
  logs: string[];
  /** Resolves once `count` log lines contain `text` (or rejects after `timeoutMs`): wait for what the bot says it did. */
  untilLogged(text: string, count?: number, timeoutMs?: number): Promise<void>;
  /** SIGTERM and wait for exit (the embedded store snapshots on the way out). */
  stop(): Promise<number | null>;
  /** SIGKILL and wait for exit: a crash, nothing runs on the way out. */
  crash(): Promise<void>;
}

const ROOT = path.resolve(__dirname, '../..');

export async function startBotProcess(env: Record<string, string>, options: { port?: number; embeddedPort?: number } = {}): Promise<BotProcess> {
  const port = options.port ?? (await freePort());
  const embeddedPort = options.embeddedPort ?? (await freePort());
  const child: ChildProcess = spawn(process.execPath, [path.join(ROOT, 'dist/bot/index.js')], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', PORT: String(port), COSMOS_EMBEDDED_PORT: String(embeddedPort), LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: string[] = [];
  const onLine = new Set<() => void>();
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    let buffer = '';
    // A bot (or a cluster: front door, store process, workers) that is not up in time is killed, not left running.
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`bot did not start within 20 s; stderr: ${stderr}`));
    }, 20000);
    child.stdout?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      let newline: number;
      while ((newline = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        logs.push(line);
        for (const check of onLine) check();
        if (line.includes('"PRO Bot listening"')) {
          clearTimeout(timer);
          resolve();
        }
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`bot exited with ${code} before listening; stderr: ${stderr}`));
    });
  });
  return {
    port,
    baseUrl: `http://127.0.0.1:${port}`,
    logs,
    untilLogged(text, count = 1, timeoutMs = 20000) {
      const seen = (): number => logs.filter((line) => line.includes(text)).length;
      return new Promise((resolve, reject) => {
        const check = (): void => {
          if (seen() < count) return;
          clearTimeout(timer);
          onLine.delete(check);
          resolve();
        };
        const timer = setTimeout(() => {
          onLine.delete(check);
          reject(new Error(`bot logged "${text}" ${seen()} time(s) within ${timeoutMs} ms, not ${count}`));
        }, timeoutMs);
        onLine.add(check);
        check();
      });
    },
    async stop() {
      if (child.exitCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      return exited;
    },
    async crash() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGKILL');
      await exited;
    },
  };
}
