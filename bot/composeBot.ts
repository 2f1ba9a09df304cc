/**
 * The bot's composition: config and an open store → state → content → dialogs → ProBot. The one
 * place the bot is wired; bot/index.ts puts it behind the server, conversation tests behind a
 * TestAdapter. Kept apart from index.ts so those tests do not load restify, channels and workers.
 */
import type { Storage } from 'botbuilder';
import type { AppConfig } from './config';
import { ContentCatalog } from './content/catalog';
import { GeoDirectory } from './geo';
import { ReferralDirectory, ReferralRepository } from './referrals';
import type { Logger } from './logger';
import { ProcessedMessages } from './channels/whatsapp/processedMessages';
import { OptimisticBotState } from './turn/optimisticBotState';
import { RecentStates } from './storage/recentStates';
import { CosmosBotStorage } from './storage/cosmosBotStorage';
import type { Store } from './storage/openStore';
import { ProBot, type ProBotOptions } from './turn/proBot';
import { AttentionStats } from './stats/attentionStats';
import { createTurnErrorHandler } from './turn/turnErrorHandler';
import { detectEmergency, createTopicRouter } from './nlu';
import { understand } from './nlu/understanding';
import { MainDialog } from '../dialogs/mainDialog';
import { createThemeDialogs } from '../dialogs/themes';
import { createHandoffParts, type HandoffParts } from './turn/handoffParts';

export interface ComposedBot {
  bot: ProBot;
  /** Everything the bot says; channels take their own words from it too (WhatsApp's list button…). */
  content: ContentCatalog;
  onTurnError: ReturnType<typeof createTurnErrorHandler>;
  /** The person's state document of a turn (read after it, e.g. for the theme it was in). */
  personState: OptimisticBotState;
  /** Hand-off to advisors in Chatwoot (its turn steps; the webhook side when configured). */
  handoff: HandoffParts;
}

/** What a caller changes in the composition: the server its content and forget step, tests their seams. */
export interface ComposeOptions {
  forgetPerson?: ProBotOptions['forgetPerson'];
  /** Test seam: wraps the bot-state storage (e.g. to provoke a concurrent write). */
  wrapStorage?: (storage: Storage) => Storage;
  /** The content the bot speaks (default: the repository's files only). */
  content?: ContentCatalog;
  /** Test seam: changes the theme dialogs (e.g. a flow with other steps, as after a deploy). */
  adjustThemes?: (themes: ReturnType<typeof createThemeDialogs>) => ReturnType<typeof createThemeDialogs>;
}

/** Wires content, state, dialogs and the bot over an open store (also used by conversation tests). */
export function composeBot(store: Store, config: AppConfig, logger: Logger, options: ComposeOptions = {}): ComposedBot {
  const deadlines = { readMs: config.storeTimeouts.readMs, writeMs: config.storeTimeouts.writeMs };
  const cosmosStorage = new CosmosBotStorage(store.containers.state, config.stateTtlDays * 24 * 3600, deadlines);
  const wrapped = options.wrapStorage ? options.wrapStorage(cosmosStorage) : cosmosStorage;
  // A person's next message reuses the document this process last saw (bot/storage/recentStates.ts).
  const storage = config.stateCacheSeconds > 0 ? new RecentStates(wrapped, { maxAgeMs: config.stateCacheSeconds * 1000 }) : wrapped;
  // One document per person (profile and conversation together): at most one read and one write per turn.
  const personState = new OptimisticBotState(storage);
  const content = options.content ?? new ContentCatalog();
  const directory = new ReferralDirectory(new ReferralRepository(store.containers.referrals, store.containers.audit));
  const themes = createThemeDialogs({ content, directory, geo: GeoDirectory.shipped() });
  const mainDialog = new MainDialog(content, createTopicRouter(), options.adjustThemes ? options.adjustThemes(themes) : themes);
  const handoff = createHandoffParts({ config, stateContainer: store.containers.state, content, personState, logger });
  const bot = new ProBot({
    personState,
    messageLedger: new ProcessedMessages(store.containers.processedMessages, { deadlines }),
    mainDialog,
    content,
    detectEmergency,
    // ProBot asks only about messages in which detectEmergency found nothing: the risk extractor need not run it again.
    understand: (text) => understand(text, undefined, { emergency: { kinds: [], signals: [] } }),
    defaultLocale: config.defaultLocale,
    stateTtlDays: config.stateTtlDays,
    logger,
    turnDeadlineMs: config.storeTimeouts.turnMs,
    forgetPerson: async (context) => {
      await handoff.turn.forget(context);
      await options.forgetPerson?.(context);
    },
    handoff: handoff.turn,
    stats: new AttentionStats(store.containers.stats, deadlines),
  });
  const onTurnError = createTurnErrorHandler({ content, personState, defaultLocale: config.defaultLocale, logger });
  return { bot, onTurnError, content, personState, handoff };
}
