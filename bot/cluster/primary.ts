/**
 * The cluster's primary: the store process (embedded store) and the workers side by side, the
 * workers' bots started one after another (workers.ts), then the front door on PORT once every
 * worker is up; it says "PRO Bot listening" once, then. On SIGTERM: the front door closes, every worker finishes what it
 * was handed, the store closes last.
 */
import type { AppConfig } from '../config';
import { closeServer } from '../keepAlive';
import type { Logger } from '../logger';
import { currentTelemetry } from '../telemetry/telemetry';
import { version } from '../version';
import { superviseWorkers, type WorkerEvents } from '../workers';
import { Deliveries } from './deliveries';
import { createFrontDoor } from './frontDoor';
import { isFromWorker } from './ipc';
import { startStoreProcess, type StoreProcess } from './storeProcess';

export async function runPrimary(config: AppConfig, workers: number, logger: Logger): Promise<void> {
  const storage = config.cosmos.endpoint ? 'cosmos' : 'embedded';
  let store: StoreProcess | undefined;
  const storeStarting = config.cosmos.endpoint ? Promise.resolve(undefined) : startStoreProcess(process.argv[1]);
  const deliveries = new Deliveries({ slots: workers, logger });
  const ports = new Map<number, number>(); // slot → the loopback port of its worker
  const frontDoor = createFrontDoor({
    appSecret: config.whatsapp?.appSecret,
    deliveries,
    workerPorts: () => [...ports.values()],
    expectedWorkers: workers,
    storage,
    version,
    logger,
    telemetry: currentTelemetry,
  });

  const events: WorkerEvents = {
    up(slot, worker, port) {
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
        logger.info({ port, storage, version, whatsapp: !!config.whatsapp, handoff: !!config.handoff, workers }, 'PRO Bot listening');
      });
    },
    async stopping() {
      // New requests are refused; the ones already in (and their hand-over) complete.
      await new Promise<void>((resolve) => {
        // A connection whose request never ends does not hold the stop for long.
        const timer = setTimeout(() => (frontDoor.closeAllConnections(), resolve()), 5_000);
        void closeServer(frontDoor).then(() => (clearTimeout(timer), resolve()));
      });
    },
    async stopped() {
      await store?.stop();
    },
  };
  // The workers load their modules meanwhile; the first starts its bot once the store answers
  // (never, if it cannot open: the primary stops just below).
  superviseWorkers(workers, logger, events, storeStarting.then(() => undefined, () => new Promise<void>(() => undefined)));

  try {
    store = await storeStarting;
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
}
