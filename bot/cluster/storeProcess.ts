/**
 * With the embedded store and several workers, the store runs in a process of its own (role
 * "store", started by the primary), so the primary's event loop only does the front door. It owns
 * DATA_DIR as a bot does (storeOwnership.ts) and the workers use its server as a second bot would.
 * It ignores SIGINT/SIGTERM (Ctrl-C reaches the whole group): it closes when the primary says so,
 * after the workers have finished, or when the primary is gone.
 */
import { fork, type ChildProcess } from 'node:child_process';
import type { AppConfig } from '../config';
import type { Logger } from '../logger';

/** The environment variable that makes `node dist/bot/index.js` the store process. */
export const ROLE_VARIABLE = 'PROBOT_ROLE';
export const STORE_ROLE = 'store';

type StoreMessage = { probot: 'store-ready'; port: number } | { probot: 'store-failed'; message: string } | { probot: 'store-stop' };

export interface StoreProcess {
  pid: number | undefined;
  /** Closes the store (its journal folded into a snapshot) and waits for the process to end. */
  stop(): Promise<void>;
  /** Called if the store process ends without being asked (the workers cannot work without it). */
  onUnexpectedExit(listener: (code: number | null, signal: NodeJS.Signals | null) => void): void;
}

/** Primary side: starts the store process and resolves once its server answers (rejects with its reason). */
export function startStoreProcess(entry: string): Promise<StoreProcess> {
  const child: ChildProcess = fork(entry, [], { env: { ...process.env, [ROLE_VARIABLE]: STORE_ROLE } });
  let stopping = false;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the store process ended (${code}) before its store was open`)));
    child.on('message', (message: StoreMessage) => {
      if (message.probot === 'store-failed') reject(new Error(message.message));
      if (message.probot !== 'store-ready') return;
      resolve({
        pid: child.pid,
        async stop() {
          stopping = true;
          if (child.exitCode === null && child.signalCode === null) child.send({ probot: 'store-stop' } satisfies StoreMessage);
          await exited;
        },
        onUnexpectedExit(listener) {
          child.once('exit', (code, signal) => {
            if (!stopping) listener(code, signal);
          });
        },
      });
    });
  });
}

/** Store side (PROBOT_ROLE=store): opens the embedded store for the workers and serves it until told to stop. */
export async function serveStore(config: AppConfig, logger: Logger): Promise<void> {
  const { openStore } = require('../storage/openStore') as typeof import('../storage/openStore');
  const tell = (message: StoreMessage): void => void process.send?.(message);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => logger.info({ signal }, 'store process: waiting for the workers to finish before closing'));
  let store: Awaited<ReturnType<typeof openStore>>;
  try {
    store = await openStore(config.cosmos, { stateTtlDays: config.stateTtlDays, logger, owner: { role: 'bot', command: 'PRO Bot (workers)' } });
  } catch (err) {
    tell({ probot: 'store-failed', message: (err as Error).message });
    process.exit(1);
  }
  let closing = false;
  const close = (why: string): void => {
    if (closing) return;
    closing = true;
    logger.info({ why }, 'store process closing the embedded store');
    store.close().then(
      () => process.exit(0),
      (err: Error) => {
        logger.error({ err: err.message }, 'the embedded store did not close cleanly');
        process.exit(1);
      },
    );
  };
  process.on('message', (message: StoreMessage) => message.probot === 'store-stop' && close('the primary stopped'));
  process.on('disconnect', () => close('the primary is gone'));
  tell({ probot: 'store-ready', port: Number(new URL(store.endpoint).port) });
}
