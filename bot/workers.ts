/**
 * One bot worker per core (node:cluster): WEB_CONCURRENCY (the App Service / Heroku convention) or
 * WORKERS sets how many, "auto" one per core. Workers are stateless and share the store; the
 * primary runs the front door on PORT (bot/cluster/frontDoor.ts), which answers Meta's webhook and
 * hands each person to the worker of that person's slot, so a person's messages stay in order;
 * every state write still carries its ETag (bot/turn/retryOnConflict.ts). With the embedded store a
 * store process serves it for all workers (bot/cluster/storeProcess.ts).
 */
import cluster, { type Worker } from 'node:cluster';
import os from 'node:os';
import type { Logger } from './logger';
import { isFromWorker, type ToWorker } from './cluster/ipc';

/** Workers asked for by the environment: 1 (no cluster) unless WEB_CONCURRENCY or WORKERS says more. */
export function workerCount(env: NodeJS.ProcessEnv = process.env): number {
  const raw = (env.WEB_CONCURRENCY ?? env.WORKERS ?? '').trim().toLowerCase();
  if (!raw) return 1;
  if (raw === 'auto') return Math.max(1, os.availableParallelism());
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`WEB_CONCURRENCY/WORKERS: expected a whole number ≥ 1 or "auto", got "${raw}"`);
  return n;
}

/**
 * Workers run at a lower CPU priority (nice +5) than the primary and the store process: when the
 * cores are full of turns, the front door still gets the CPU to answer Meta's webhook at once, and
 * the store the turns wait on is not starved by them. Turns lose nothing they would otherwise get.
 */
const WORKER_NICENESS = 5;

/** A worker that dies this soon after starting is not restarted again (it would only crash-loop). */
const CRASH_LOOP_MS = 5_000;

export interface WorkerEvents {
  /** The worker of `slot` listens on its loopback port (first start or replacement). */
  up(slot: number, worker: Worker, port: number): void;
  /** The worker of `slot` ended unexpectedly; `replaced` says whether a new one is starting for the slot. */
  down(slot: number, replaced: boolean): void;
  /** Every worker is up for the first time. */
  allUp(): void;
  /** SIGTERM/SIGINT: called first, before the workers are asked to stop (e.g. close the front door). */
  stopping(): Promise<void>;
  /** Every worker has ended (stopping, or none left); the process exits with `code` after it. */
  stopped(code: number): Promise<void>;
}

/**
 * Runs in the primary: forks `count` workers at once, so they load their modules side by side, and
 * lets them start the bot one after another, the first once `storeReady` settles (each start seeds
 * and migrates the shared store, which two at once would race); starts a new one in the same slot
 * when one dies unexpectedly, and on SIGTERM/SIGINT asks every worker to finish its accepted
 * messages and stop.
 */
export function superviseWorkers(count: number, logger: Logger, events: WorkerEvents, storeReady: Promise<void> = Promise.resolve()): void {
  let stopping = false;
  let everyoneUp = false;
  const slots = new Map<number, { slot: number; startedAt: number }>();
  const workerOf = new Map<number, Worker>(); // slot → its worker
  const upIds = new Set<number>(); // workers whose bot listens (the others have accepted nothing)
  const fork = (slot: number): Worker => {
    const worker = cluster.fork();
    slots.set(worker.id, { slot, startedAt: Date.now() });
    workerOf.set(slot, worker);
    try {
      os.setPriority(worker.process.pid ?? 0, Math.min(19, os.getPriority() + WORKER_NICENESS));
    } catch (err) {
      logger.warn({ err: (err as Error).message }, 'bot worker priority not lowered; the front door shares the CPU with turns');
    }
    // A send to a worker that just died reports here; its parts wait for the replacement.
    worker.on('error', (err) => logger.warn({ worker: worker.id, err: err.message }, 'bot worker channel error'));
    worker.on('message', (message: unknown) => {
      if (!isFromWorker(message) || message.probot !== 'ready') return;
      upIds.add(worker.id);
      events.up(slot, worker, message.port);
      startAfter(slot);
    });
    return worker;
  };
  const allowStart = (worker: Worker | undefined): void => {
    if (worker?.isConnected()) worker.send({ probot: 'start' } satisfies ToWorker);
  };
  /** At first start: the slot allowed to start now. */
  let starting = 0;
  /** At first start, the next living slot once `slot` is up (or given up on). */
  const startAfter = (slot: number): void => {
    if (everyoneUp || slot !== starting) return;
    for (starting = slot + 1; starting < count; starting++) {
      const next = workerOf.get(starting);
      if (next?.isConnected()) return allowStart(next);
    }
    everyoneUp = true;
    events.allUp();
  };
  const alive = (): number => Object.keys(cluster.workers ?? {}).length;
  const finish = (code: number): void => void events.stopped(code).then(() => process.exit(code), () => process.exit(1));
  for (let slot = 0; slot < count; slot++) fork(slot);
  void storeReady.then(() => allowStart(workerOf.get(0)));
  cluster.on('exit', (worker, code, signal) => {
    const started = slots.get(worker.id);
    slots.delete(worker.id);
    if (!started) return;
    if (stopping) {
      if (alive() === 0) finish(0);
      return;
    }
    const lived = Date.now() - started.startedAt;
    logger.error({ worker: worker.id, slot: started.slot, code, signal, livedMs: lived }, 'bot worker stopped unexpectedly');
    const replaced = lived >= CRASH_LOOP_MS;
    events.down(started.slot, replaced);
    if (replaced) allowStart(fork(started.slot)); // the store is up by now: no need to wait
    else if (alive() === 0) finish(1);
    else startAfter(started.slot);
  });
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal, workers: alive() }, 'stopping the bot workers');
    void events.stopping().then(() => {
      if (alive() === 0) finish(0);
      for (const worker of Object.values(cluster.workers ?? {})) {
        // After the last webhook part on the same channel, so nothing sent to it is left behind.
        if (worker && upIds.has(worker.id) && worker.isConnected()) worker.send({ probot: 'stop' } satisfies ToWorker);
        else worker?.process.kill('SIGTERM');
      }
    });
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  logger.info({ workers: count, pid: process.pid }, 'PRO Bot primary started its workers');
}

export { cluster };
