/**
 * Composition root: config → Cosmos → repositories → adapters → bot → server.
 * `npm start` runs this file. Nothing else in the codebase reads environment variables.
 * The bot itself (state, content, dialogs, ProBot) is composed in composeBot.ts.
 */
// First: reads .env and starts telemetry before anything below loads http (see the file).
import './processStart';
import { ConfigError, loadConfig, type AppConfig } from './config';
import { ContentCatalog } from './content/catalog';
import { ContentOverrides } from './content/contentOverrides';
import { ContentRefresher } from './content/contentRefresh';
import { ReferralRepository, seedNationalLines } from './referrals';
import { createLogger, type Logger } from './logger';
import type { TurnContext } from 'botbuilder';
import { createBotFrameworkAdapter } from './channels/botFrameworkAdapter';
import { CosmosChoicePageStore, createWhatsAppRoutes, dropFormerPendingLists, ProcessedMessages, WhatsAppAdapter } from './channels/whatsapp';
import { stampReplyLocale } from './channels/replyLocale';
import { whatsAppWording } from './channels/whatsapp/wording';
import { composeBot } from './composeBot';
import { createServer } from './server';
import { EmbeddedStoreError } from './storage/embeddedCosmos';
import { openStore, type Store } from './storage/openStore';
import { setPseudonymSecret } from './pseudonym';
import { cluster, superviseWorkers, workerCount } from './workers';
import { version } from './version';
import { currentTelemetry } from './telemetry/telemetry';
import { measureTurns } from './telemetry/turnTelemetry';
import { turnTheme } from './telemetry/turnTheme';
import { countSignatureRejections } from './telemetry/webhookRejections';
import { findSession } from './turn/session';

export interface RunningBot {
  port: number;
  store: Store;
  stop(): Promise<void>;
}

/** Starts the whole service; resolves once it listens. */
export async function startBot(config: AppConfig, logger: Logger): Promise<RunningBot> {
  setPseudonymSecret(config.hashSecret);
  if (config.hashSecretIsDefault && (config.cosmos.endpoint || config.whatsapp)) {
    logger.warn('HASH_SECRET is not set: people\'s ids are pseudonymised with the development key; set a long random secret in production');
  }
  if (config.whatsapp && !config.botFramework.appId) {
    if (config.botFramework.allowEmulator) logger.warn('ALLOW_EMULATOR=true with WhatsApp configured: /api/messages accepts unauthenticated activities and posts to any serviceUrl they give; use it only on a private machine');
    else logger.info('/api/messages is closed (401): WhatsApp is configured and MicrosoftAppId is not; set ALLOW_EMULATOR=true to use the Emulator');
  }
  // The embedded store's owner is the bot: a second local instance on the same DATA_DIR shares the
  // first one's store (as two App Service instances share one Cosmos account); a `pro` command
  // holding DATA_DIR is waited for (EMBEDDED_OWNER_WAIT_SECONDS), then named in the error.
  const store = await openStore(config.cosmos, { stateTtlDays: config.stateTtlDays, logger, ownerWaitMs: config.cosmos.ownerWaitMs });
  if (store.kind === 'embedded') {
    // Out of the box the services dialog knows the free national lines (only when none are loaded yet).
    const seeded = await seedNationalLines(new ReferralRepository(store.containers.referrals, store.containers.audit));
    if (seeded > 0) logger.info({ lines: seeded }, 'embedded store seeded with the national lines');
  }
  // Pending WhatsApp lists live in Cosmos, so a "more options" pick works whichever instance receives it.
  const deadlines = { readMs: config.storeTimeouts.readMs, writeMs: config.storeTimeouts.writeMs };
  const choicePages = new CosmosChoicePageStore(store.containers.pendingLists, undefined, undefined, deadlines);
  // A one-off clean-up of an earlier release's leftovers: it runs beside start-up, never delays it.
  void dropFormerPendingLists(store.containers.processedMessages).then(
    (dropped) => dropped > 0 && logger.info({ dropped }, 'pending WhatsApp lists of an earlier release removed from processed-messages'),
    (err: Error) => logger.warn({ err: err.message }, 'pending WhatsApp lists of an earlier release could not be removed from processed-messages'),
  );
  const forgetPerson = async (context: TurnContext): Promise<void> => {
    if (context.activity.channelId === 'whatsapp' && context.activity.conversation?.id) {
      whatsappAdapter?.forgetLocale(context.activity.conversation.id);
      await choicePages.forget(context.activity.conversation.id);
    }
  };
  // Fact texts imported with `pro content import` override the files: loaded before the first turn, then refreshed.
  const catalog = new ContentCatalog();
  const contentRefresher = new ContentRefresher(catalog, new ContentOverrides(store.containers.content, store.containers.audit), logger, config.contentRefreshSeconds * 1000);
  await contentRefresher.refresh();
  contentRefresher.start();
  const { bot, onTurnError, content, personState, handoff } = composeBot(store, config, logger, { forgetPerson, content: catalog });
  // Turn count and duration by channel and theme (nothing happens when telemetry is off).
  const measureTurn = measureTurns(currentTelemetry, (context: TurnContext) => turnTheme(personState.get(context), findSession(context)?.understanding.theme?.value));
  const botFrameworkAdapter = createBotFrameworkAdapter(config.botFramework);
  botFrameworkAdapter.onTurnError = onTurnError;
  botFrameworkAdapter.use(measureTurn, stampReplyLocale);
  const runTurn = (context: TurnContext): Promise<void> => bot.run(context);

  let whatsappAdapter: WhatsAppAdapter | undefined;
  if (config.whatsapp) {
    whatsappAdapter = new WhatsAppAdapter({
      config: config.whatsapp,
      logger,
      processedMessages: new ProcessedMessages(store.containers.processedMessages, { deadlines }),
      // ProBot records message ids in the person's state document (one write per turn, not two).
      redeliveryCheck: 'turn',
      choicePages,
      wordingFor: (locale) => whatsAppWording(content, locale, config.defaultLocale),
    });
    whatsappAdapter.use(measureTurn, stampReplyLocale);
    whatsappAdapter.onTurnError = onTurnError;
  }

  // Advisors' replies reach the person on their own channel, in a proactive turn.
  const chatwoot = handoff.connect?.((reference, logic) =>
    reference.channelId === 'whatsapp' && whatsappAdapter
      ? whatsappAdapter.continueConversation(reference, logic)
      : botFrameworkAdapter.continueConversationAsync(config.botFramework.appId ?? '', reference, logic),
  );
  const server = createServer({
    botFrameworkAdapter,
    runTurn,
    storage: store,
    whatsapp: whatsappAdapter ? countSignatureRejections(createWhatsAppRoutes({ adapter: whatsappAdapter, logic: runTurn }), currentTelemetry) : undefined,
    chatwoot,
    webhookLine: whatsappAdapter ? () => whatsappAdapter.receiver.figures() : undefined,
    version,
    logger,
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  logger.info({ port, storage: store.kind, version, whatsapp: !!config.whatsapp, handoff: !!config.handoff }, 'PRO Bot listening');

  return {
    port,
    store,
    async stop() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await contentRefresher.stop();
      await chatwoot?.idle(); // advisor replies being delivered finish before the store closes
      handoff.close();
      await whatsappAdapter?.idle(); // let accepted webhook messages finish before the store closes
      await store.close();
    },
  };
}

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
  const workers = safeWorkerCount();
  if (workers > 1 && cluster.isPrimary) {
    // The primary serves the embedded store for all workers (one server per DATA_DIR); with Cosmos DB it only supervises.
    let store: Store | undefined;
    try {
      store = config.cosmos.endpoint ? undefined : await openStore(config.cosmos, { stateTtlDays: config.stateTtlDays, logger, owner: { role: 'bot', command: 'PRO Bot (workers)' } });
    } catch (err) {
      logger.fatal({ err: { name: (err as Error).name, message: (err as Error).message } }, `could not open the store for the workers: ${(err as Error).message}`);
      process.stderr.write(`could not open the store for the workers: ${(err as Error).message}\n`);
      process.exit(1);
    }
    superviseWorkers(workers, logger, async () => store?.close());
    return;
  }
  let running: RunningBot;
  try {
    running = await startBot(config, logger);
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
