/**
 * The hand-off's parts, put together for the composition root: the turn steps (always there, so
 * asking for a person without Chatwoot still gets the PRO line), and, when the five CHATWOOT_*
 * variables are set, the Chatwoot client, the directory of conversations, the advisor replies and
 * the webhook receiver (connected once the channel adapters exist).
 */
import type { Container } from '@azure/cosmos';
import type { ConversationReference, TurnContext } from 'botbuilder';
import type { AppConfig } from '../config';
import type { ContentCatalog } from '../content/catalog';
import { AdvisorHandoff } from '../handoff/advisorHandoff';
import { ChatwootClient } from '../handoff/chatwootClient';
import { type ChatwootWebhook, createChatwootWebhook } from '../handoff/chatwootWebhook';
import { HandoffDirectory } from '../handoff/handoffDirectory';
import { DEFAULT_HANDOFF_HOURS, parseHandoffHours } from '../handoff/handoffHours';
import { HandoffTexts } from '../handoff/handoffTexts';
import { RecentExchange } from '../handoff/recentExchange';
import type { Logger } from '../logger';
import { AdvisorReplies } from './advisorReplies';
import { HandoffTurn } from './handoffTurn';
import type { OptimisticBotState } from './optimisticBotState';

export interface HandoffParts {
  turn: HandoffTurn;
  /** Connects Chatwoot's replies to the channels; undefined when Chatwoot is not configured. */
  connect?: (continueWith: (reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>) => Promise<void>) => ChatwootWebhook;
  close(): void;
}

export interface HandoffPartsOptions {
  config: AppConfig;
  stateContainer: Container;
  content: ContentCatalog;
  personState: OptimisticBotState;
  logger: Logger;
}

/** Chatwoot calls a person waits on must end well inside the turn's deadline. */
const CHATWOOT_TIMEOUT_MS = 2500;

export function createHandoffParts(options: HandoffPartsOptions): HandoffParts {
  const { config, content, personState, logger } = options;
  const settings = config.handoff;
  const texts = new HandoffTexts(content, parseHandoffHours(settings?.hours ?? DEFAULT_HANDOFF_HOURS), config.defaultLocale);
  const exchange = new RecentExchange();
  if (!settings) {
    return { turn: new HandoffTurn({ texts, personState, content, exchange, logger }), close: () => undefined };
  }
  const chatwoot = new ChatwootClient({ ...settings, timeoutMs: CHATWOOT_TIMEOUT_MS });
  const directory = new HandoffDirectory(options.stateContainer, settings.accountId, config.storeTimeouts);
  const handoff = new AdvisorHandoff({ chatwoot, directory, texts, logger });
  let replies: AdvisorReplies | undefined;
  const turn = new HandoffTurn({
    handoff,
    texts,
    personState,
    content,
    exchange,
    logger,
    deliverWaiting: (context, conversationId) => replies?.deliver(context, conversationId, true) ?? Promise.resolve(0),
  });
  return {
    turn,
    connect(continueWith) {
      replies = new AdvisorReplies({ handoff, directory, personState, handoffState: turn.accessor, continueWith, whatsappTemplate: settings.whatsappTemplate, defaultLocale: config.defaultLocale, logger });
      const answering = replies;
      return createChatwootWebhook({ secret: settings.webhookSecret, handle: (event) => answering.handle(event), logger });
    },
    close: () => chatwoot.close(),
  };
}
