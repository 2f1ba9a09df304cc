/**
 * The process start: `npm start` runs this file. Nothing else in the codebase reads environment variables.
 * One process runs the whole service (startBot.ts); with WEB_CONCURRENCY > 1 this process is the
 * cluster's primary (bot/cluster/primary.ts: the front door, no bot in it), each worker runs
 * startBot behind it, and with the embedded store one more process serves the store. The modules of
 * each role are required inside main(), so the primary loads no restify, botbuilder or Cosmos client.
 */
// First: reads .env and starts telemetry before anything below loads http (see the file).
import './processStart';
import { ConfigError, loadConfig, type AppConfig } from './config';
import { createLogger } from './logger';
import { EmbeddedStoreError } from './storage/embeddedStoreError';
import { ROLE_VARIABLE, STORE_ROLE } from './cluster/storeProcess';
import { cluster, workerCount } from './workers';
import { currentTelemetry } from './telemetry/telemetry';
import type { RunningBot } from './startBot';

async function main(): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`Configuration error: ${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  const logger = createLogger(config.logLevel);
  if (process.env[ROLE_VARIABLE] === STORE_ROLE) {
    // The store process of a cluster on the embedded store: it serves the store, nothing else.
    const { serveStore } = require('./cluster/storeProcess') as typeof import('./cluster/storeProcess');
    await serveStore(config, logger);
    return;
  }
  const workers = safeWorkerCount();
  if (workers > 1 && cluster.isPrimary) {
    const { runPrimary } = require('./cluster/primary') as typeof import('./cluster/primary');
    await runPrimary(config, workers, logger);
    return;
  }
  const behindFrontDoor = workers > 1 && cluster.isWorker;
  const link = behindFrontDoor ? (require('./cluster/workerLink') as typeof import('./cluster/workerLink')) : undefined;
  // A worker loads the bot's modules beside the others, then starts when the primary says (one at a time).
  const allowed = link?.untilAllowedToStart();
  const { startBot } = require('./startBot') as typeof import('./startBot');
  let running: RunningBot;
  try {
    await allowed;
    running = await startBot(config, logger, { behindFrontDoor });
  } catch (err) {
    const message = err instanceof EmbeddedStoreError ? err.message : `could not start: ${(err as Error).message}`;
    logger.fatal({ err: { name: (err as Error).name, message: (err as Error).message } }, message);
    process.stderr.write(`${message}\n`);
    process.exit(1);
  }
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    // Telemetry not sent at the end (ingestion unreachable) is worth a warning, not a failed stop.
    const flushTelemetry = (): Promise<void> => currentTelemetry().shutdown().catch((err: Error) => logger.warn({ err: err.message }, 'telemetry not sent at stop'));
    running.stop().then(flushTelemetry).then(
      () => process.exit(0),
      (err: Error) => {
        logger.error({ err: err.message }, 'error while stopping');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  link?.connectToFrontDoor({ port: running.port, accept: running.acceptVerifiedWebhook, stop: () => stop('front door'), logger });
}

function safeWorkerCount(): number {
  try {
    return workerCount();
  } catch (err) {
    process.stderr.write(`Configuration error: ${(err as Error).message}\n`);
    process.exit(1);
  }
}

if (require.main === module) void main();
