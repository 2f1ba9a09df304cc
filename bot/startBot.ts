/**
 * The running service, composed: config → Cosmos → repositories → adapters → bot → server.
 * bot/index.ts starts it (one process, or each cluster worker); the bot itself (state, content,
 * dialogs, ProBot) is composed in composeBot.ts.
 */
import type { AppConfig } from './config';
import { ContentCatalog } from './content/catalog';
import { ContentOverrides } from './content/contentOverrides';
import { ContentRefresher } from './content/contentRefresh';
import { ReferralRepository, seedNationalLines } from './referrals';
import type { Logger } from './logger';
import type { TurnContext } from 'botbuilder';
import { createBotFrameworkAdapter } from './channels/botFrameworkAdapter';
import { CosmosChoicePageStore, createWhatsAppRoutes, dropFormerPendingLists, ProcessedMessages, WhatsAppAdapter } from './channels/whatsapp';
import { stampReplyLocale } from './channels/replyLocale';
import { whatsAppWording } from './channels/whatsapp/wording';
import { composeBot } from './composeBot';
import { closeServer } from './keepAlive';
import { createServer } from './server';
import { openStore, type Store } from './storage/openStore';
import { setPseudonymSecret } from './pseudonym';
import { version } from './version';
import { currentTelemetry } from './telemetry/telemetry';
import { measureTurns } from './telemetry/turnTelemetry';
import { turnTheme } from './telemetry/turnTheme';
import { countSignatureRejections } from './telemetry/webhookRejections';
import { findSession } from './turn/session';

export interface RunningBot {
  port: number;
  store: Store;
  /** Behind the front door: takes a webhook notification it already verified; settles once handled. */
  acceptVerifiedWebhook?: (payload: unknown) => Promise<void>;
  stop(): Promise<void>;
}

export interface StartOptions {
  /**
   * A cluster worker behind the primary's front door (bot/cluster/frontDoor.ts): it listens on its
   * own loopback port for what the front door passes on, and takes WhatsApp messages over IPC.
   */
  behindFrontDoor?: boolean;
}

/** Starts the whole service; resolves once it listens. */
export async function startBot(config: AppConfig, logger: Logger, options: StartOptions = {}): Promise<RunningBot> {
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
  const measureTurn = measureTurns(currentTelemetry, (context: TurnContext) => turnTheme(personState.get(context), () => findSession(context)?.understanding.theme?.value));
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
    // Behind the front door: a port of its own (exclusive: not shared through the cluster), loopback only.
    if (options.behindFrontDoor) server.listen({ host: '127.0.0.1', port: 0, exclusive: true }, () => resolve());
    else server.listen(config.port, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  // The front door says "PRO Bot listening" once every worker is up (tests and benches wait for it).
  logger.info({ port, storage: store.kind, version, whatsapp: !!config.whatsapp, handoff: !!config.handoff }, options.behindFrontDoor ? 'PRO Bot worker listening' : 'PRO Bot listening');

  return {
    port,
    store,
    acceptVerifiedWebhook: whatsappAdapter ? (payload) => whatsappAdapter.receiver.acceptVerified(payload, runTurn) : undefined,
    async stop() {
      await closeServer(server.server); // requests still running get their answer first
      await contentRefresher.stop();
      await chatwoot?.idle(); // advisor replies being delivered finish before the store closes
      handoff.close();
      await whatsappAdapter?.idle(); // let accepted webhook messages finish before the store closes
      await store.close();
    },
  };
}

