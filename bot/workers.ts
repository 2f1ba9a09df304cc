/**
 * One bot worker per core (node:cluster): WEB_CONCURRENCY (the App Service / Heroku convention) or
 * WORKERS sets how many, "auto" one per core. Workers are stateless and share the port and the store;
 * a person's messages stay in order across workers because every state write carries its ETag and a
 * conflicting turn runs again on fresh state (bot/turn/retryOnConflict.ts). With Cosmos DB
 * (COSMOS_ENDPOINT) the primary only supervises; with the embedded store the primary owns it (one
 * server for the DATA_DIR) and every worker uses it, as a second bot would.
 */
import cluster, { type Worker } from 'node:cluster';
import os from 'node:os';
import type { Logger } from './logger';

/** Workers asked for by the environment: 1 (no cluster) unless WEB_CONCURRENCY or WORKERS says more. */
export function workerCount(env: NodeJS.ProcessEnv = process.env): number {
  const raw = (env.WEB_CONCURRENCY ?? env.WORKERS ?? '').trim().toLowerCase();
  if (!raw) return 1;
  if (raw === 'auto') return Math.max(1, os.availableParallelism());
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`WEB_CONCURRENCY/WORKERS: expected a whole number ≥ 1 or "auto", got "${raw}"`);
  return n;
}

/** A worker that dies this soon after starting is not restarted again (it would only crash-loop). */
const CRASH_LOOP_MS = 5_000;

/**
 * Runs in the primary: starts `count` workers, starts a new one when one dies unexpectedly, and on
 * SIGTERM/SIGINT lets every worker finish its accepted messages, then calls `onStopped`.
 */
export function superviseWorkers(count: number, logger: Logger, onStopped: () => Promise<void>): void {
  let stopping = false;
  const startedAt = new Map<number, number>();
  const fork = (): Worker => {
    const worker = cluster.fork();
    startedAt.set(worker.id, Date.now());
    return worker;
  };
  // One after another: each start seeds and migrates the shared store, which two at once would race.
  fork();
  cluster.on('listening', () => {
    if (!stopping && startedAt.size < count) fork();
  });
  cluster.on('exit', (worker, code, signal) => {
    const lived = Date.now() - (startedAt.get(worker.id) ?? 0);
    startedAt.delete(worker.id);
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) void onStopped().then(() => process.exit(0), () => process.exit(1));
      return;
    }
    logger.error({ worker: worker.id, code, signal, livedMs: lived }, 'bot worker stopped unexpectedly');
    if (lived >= CRASH_LOOP_MS) fork();
    else if (Object.keys(cluster.workers ?? {}).length === 0) void onStopped().then(() => process.exit(1), () => process.exit(1));
  });
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal, workers: Object.keys(cluster.workers ?? {}).length }, 'stopping the bot workers');
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  logger.info({ workers: count, pid: process.pid }, 'PRO Bot primary started its workers');
}

export { cluster };
