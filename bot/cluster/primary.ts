/**
 * The cluster's primary: the store process first (embedded store), then the workers one after
 * another (workers.ts), then the front door on PORT once every worker is up; it says
 * "PRO Bot listening" once, then. On SIGTERM: the front door closes, every worker finishes what it
 * was handed, the store closes last.
 */
import type { Worker } from 'node:cluster';
import type { AppConfig } from '../config';
import type { Logger } from '../logger';
import { currentTelemetry } from '../telemetry/telemetry';
import { version } from '../version';
import { superviseWorkers } from '../workers';
import { Deliveries } from './deliveries';
import { createFrontDoor } from './frontDoor';
import { isFromWorker } from './ipc';
import { startStoreProcess, type StoreProcess } from './storeProcess';

export async function runPrimary(config: AppConfig, workers: number, logger: Logger): Promise<void> {
  let store: StoreProcess | undefined;
  try {
    store = config.cosmos.endpoint ? undefined : await startStoreProcess(process.argv[1]);
  } catch (err) {
    logger.fatal({ err: { name: (err as Error).name, message: (err as Error).message } }, `could not open the store for the workers: ${(err as Error).message}`);
    process.stderr.write(`could not open the store for the workers: ${(err as Error).message}\n`);
    process.exit(1);
  }
  if (store) logger.info({ pid: store.pid }, 'store process serving the embedded store');
  store?.onUnexpectedExit((code, signal) => {
    logger.fatal({ code, signal }, 'the store process ended; stopping the bot');
    process.kill(process.pid, 'SIGTERM');
  });

  const deliveries = new Deliveries({ slots: workers, logger });
  const ports = new Map<number, number>(); // slot → the loopback port of its worker
  const frontDoor = createFrontDoor({
    appSecret: config.whatsapp?.appSecret,
    deliveries,
    workerPorts: () => [...ports.values()],
    expectedWorkers: workers,
    storage: config.cosmos.endpoint ? 'cosmos' : 'embedded',
    version,
    logger,
    telemetry: currentTelemetry,
  });

  superviseWorkers(workers, logger, {
    up(slot: number, worker: Worker, port: number) {
      ports.set(slot, port);
      worker.on('message', (message: unknown) => {
        if (isFromWorker(message) && message.probot === 'handled') deliveries.handled(message.id);
      });
      deliveries.attach(slot, worker);
      logger.info({ slot, worker: worker.id, pid: worker.process.pid, port }, 'bot worker up');
    },
    down(slot, replaced) {
      ports.delete(slot);
      if (replaced) deliveries.detach(slot);
      else deliveries.abandon(slot);
    },
    allUp() {
      frontDoor.once('error', (err: Error) => {
        logger.fatal({ err: err.message, port: config.port }, `the front door could not listen: ${err.message}`);
        process.stderr.write(`could not listen on port ${config.port}: ${err.message}\n`);
        process.kill(process.pid, 'SIGTERM');
      });
      frontDoor.listen(config.port, () => {
        const address = frontDoor.address();
        const port = typeof address === 'object' && address ? address.port : config.port;
        logger.info({ port, storage: config.cosmos.endpoint ? 'cosmos' : 'embedded', version, whatsapp: !!config.whatsapp, handoff: !!config.handoff, workers }, 'PRO Bot listening');
      });
    },
    async stopping() {
      // New requests are refused; the ones already in (and their hand-over) complete.
      await new Promise<void>((resolve) => {
        // Kept-alive connections that never go idle do not hold the stop for long.
        const timer = setTimeout(() => (frontDoor.closeAllConnections(), resolve()), 5_000);
        frontDoor.close(() => (clearTimeout(timer), resolve()));
        frontDoor.closeIdleConnections();
      });
    },
    async stopped() {
      await store?.stop();
    },
  });
}
