/**
 * The WhatsApp Cloud API channel as a Bot Framework adapter: Graph API messages out (replies, the
 * "text only" answer, long lists page by page), so the same bot (ProBot) serves WhatsApp and Bot
 * Framework channels. Receiving the webhook is WebhookReceiver's job (webhookReceiver.ts).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ActivityEventNames, ActivityTypes, BotAdapter, TurnContext } from 'botbuilder';
import type { Activity, ConversationReference, ResourceResponse } from 'botbuilder';
import type { WhatsAppConfig } from '../../config';
import { Logger, userRef } from '../../logger';
import { ChoicePageStore, MemoryChoicePageStore } from './choicePages';
import { GraphClient, GraphClientOptions } from './graphClient';
import { joinTexts } from './joinTexts';
import type { OutboundMessage } from './limits';
import { activityToWhatsApp, addressFor, DEFAULT_WORDING, listPage, OutboundWording, outboundTexts } from './outbound';
import { PendingWork } from './pendingWork';
import type { ProcessedMessageLedger } from './processedMessages';
import type { ChannelWording } from './wording';
import { InboundMessageHandler, TurnLogic, WebhookReceiver, WebhookReceiverOptions } from './webhookReceiver';

/** Spanish first (the bot's default), then a short English line: the adapter cannot know the user's language. */
export const DEFAULT_UNREADABLE_REPLY =
  'Por ahora solo puedo leer mensajes de texto ✍️: no abro audios, fotos, videos ni documentos. ' +
  'Escribe tu pregunta, o escribe *menú* para ver las opciones.\n\n' +
  '_I can only read text messages. Type *menu* to see the options._';

export const DEFAULT_EXPIRED_LIST_REPLY =
  'Esa lista ya no está disponible. Escribe *menú* para ver las opciones.\n\n' + '_That list is no longer available. Type *menu* to see the options._';

export const DEFAULT_LINE_BUSY_REPLY =
  'Hay muchas personas escribiendo en este momento ⏳. Tu mensaje está en la fila y te respondo en cuanto pueda; no hace falta que lo envíes de nuevo.\n\n' +
  '_Many people are writing right now. Your message is in line and I will answer as soon as I can; no need to send it again._';

/** The longest `delay` activity honoured, so a dialog cannot hold a user's queue for long. */
const MAX_DELAY_MS = 10_000;

export class WhatsAppAdapterError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WhatsAppAdapterError';
  }
}

export interface WhatsAppAdapterOptions {
  /** Tokens and ids from WHATSAPP_* variables (bot/config.ts). */
  config: WhatsAppConfig;
  logger: Logger;
  /** Redelivery guard (for the receiver), e.g. `new ProcessedMessages(store.containers.processedMessages)`. */
  processedMessages: ProcessedMessageLedger;
  /**
   * Where a redelivered turn message is caught. 'adapter' (default): the ledger is claimed before
   * the turn. 'turn': the turn's logic records the id itself (ProBot keeps it in the person's state
   * document, saving a store write per message); the activity carries `channelData.deduplicateInTurn`.
   * Unreadable messages and "more options" picks, which run no turn, always use the ledger.
   */
  redeliveryCheck?: 'adapter' | 'turn';
  /**
   * Where long choice lists wait for "more options"; default in memory (one instance only).
   * With several instances: `new CosmosChoicePageStore(store.containers.pendingLists)`.
   */
  choicePages?: ChoicePageStore;
  /** Retry, backoff and timeout tuning of Graph API calls (tests make them fast). */
  graph?: Pick<GraphClientOptions, 'maxRetries' | 'baseDelayMs' | 'maxDelayMs' | 'pairRateDelayMs' | 'timeoutMs'>;
  /** Largest webhook body accepted (413 above). Default DEFAULT_MAX_BODY_BYTES (3 MiB). */
  maxBodyBytes?: number;
  /** Reply to audio, images, video, documents, stickers and unsupported messages. */
  unreadableReply?: string;
  /** Reply when a "more options" row of a forgotten list is picked. */
  expiredListReply?: string;
  /** Words the channel adds around choices (prompt, list button, "more options"). */
  wording?: Partial<OutboundWording>;
  /**
   * The channel's words in a person's language (`locale`: the reply activity's, or the one last
   * used with that person), e.g. `(locale) => whatsAppWording(content, locale, 'es')`. Wins over
   * `wording`, `unreadableReply` and `expiredListReply`.
   */
  wordingFor?: (locale: string | undefined) => Partial<ChannelWording>;
  /** How the webhook's work waits in line (turns at once, crowding, read receipt and busy-notice delays). */
  line?: Pick<WebhookReceiverOptions, 'line' | 'readReceiptAfterMs' | 'busyNoticeAfterMs'>;
}

/** People whose last reply language is remembered (for replies sent without a turn); the oldest are forgotten first. */
const REMEMBERED_LOCALES = 10_000;

/**
 * Bot Framework adapter for the WhatsApp Cloud API.
 *
 * Its `receiver` answers Meta first (200 as soon as the signature is checked), then hands each
 * message here, one at a time per user in arrival order, skipping message ids already handled (here
 * or on another instance). Replies become WhatsApp text, reply-button and list messages within
 * Meta's limits.
 *
 * @example
 * const adapter = new WhatsAppAdapter({ config: config.whatsapp, logger,
 *   processedMessages: new ProcessedMessages(store.containers.processedMessages) });
 * adapter.onTurnError = async (context, error) => { ... };
 * const routes = createWhatsAppRoutes({ adapter, logic: (context) => bot.run(context) });
 * server.get('/api/whatsapp', routes.verify);
 * server.post('/api/whatsapp', routes.receive);
 * // tests: await adapter.idle();  (or adapter.receiver.handleWebhook(raw, signature, logic) without HTTP)
 */
export class WhatsAppAdapter extends BotAdapter implements InboundMessageHandler {
  readonly config: WhatsAppConfig;
  protected readonly logger: Logger;
  protected readonly graph: GraphClient;
  /** The webhook's POST side; hands accepted messages back to this adapter. */
  readonly receiver: WebhookReceiver;
  private readonly choicePages: ChoicePageStore;
  private readonly wording: ChannelWording;
  private readonly wordingFor?: (locale: string | undefined) => Partial<ChannelWording>;
  /** Language of the last reply to each person: media and expired-list replies run without a turn. */
  private readonly lastLocales = new Map<string, string>();
  private readonly work = new PendingWork();

  constructor(options: WhatsAppAdapterOptions) {
    super();
    this.config = options.config;
    this.logger = options.logger;
    this.choicePages = options.choicePages ?? new MemoryChoicePageStore();
    this.wording = {
      ...DEFAULT_WORDING,
      ...options.wording,
      unreadableReply: options.unreadableReply ?? DEFAULT_UNREADABLE_REPLY,
      expiredListReply: options.expiredListReply ?? DEFAULT_EXPIRED_LIST_REPLY,
      lineBusyReply: DEFAULT_LINE_BUSY_REPLY,
    };
    this.wordingFor = options.wordingFor;
    this.graph = this.createGraphClient({
      ...options.graph,
      graphApiUrl: options.config.graphApiUrl,
      phoneNumberId: options.config.phoneNumberId,
      accessToken: options.config.accessToken,
      logger: options.logger,
    });
    this.receiver = new WebhookReceiver({
      appSecret: options.config.appSecret,
      phoneNumberId: options.config.phoneNumberId,
      logger: options.logger,
      processedMessages: options.processedMessages,
      redeliveryCheck: options.redeliveryCheck,
      maxBodyBytes: options.maxBodyBytes,
      handler: this,
      work: this.work,
      ...options.line,
    });
  }

  /** Seam: the Graph API client (tests may return a subclass with another transport). */
  protected createGraphClient(options: GraphClientOptions): GraphClient {
    return new GraphClient(options);
  }

  /** Handles one webhook POST (see WebhookReceiver.receive): 401/413/403, else 200 and the messages after. */
  processActivity(req: IncomingMessage, res: ServerResponse, logic: TurnLogic): Promise<void> {
    return this.receiver.receive(req, res, logic);
  }

  /** Resolves when every webhook received so far has been handled (turns, replies, read receipts). */
  idle(): Promise<void> {
    return this.work.idle();
  }

  override async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const responses: ResourceResponse[] = [];
    for (let i = 0; i < activities.length; i++) {
      const activity = activities[i];
      switch (activity.type) {
        case ActivityTypes.Message: {
          // Consecutive messages to one person go together, so their texts can be joined (joinTexts.ts).
          const userKey = this.userKeyOf(context, activity);
          let end = i + 1;
          while (end < activities.length && activities[end].type === ActivityTypes.Message && this.userKeyOf(context, activities[end]) === userKey) end++;
          responses.push(...(await this.sendMessageActivities(userKey, activities.slice(i, end))).map((id) => ({ id })));
          i = end - 1;
          break;
        }
        case ActivityTypes.Typing:
          this.refreshTyping(context);
          responses.push({ id: '' });
          break;
        case 'delay':
          await new Promise((resolve) => setTimeout(resolve, Math.min(Math.max(Number(activity.value) || 1000, 0), MAX_DELAY_MS)));
          responses.push({ id: '' });
          break;
        default:
          // trace, event, endOfConversation…: nothing to show on WhatsApp.
          responses.push({ id: '' });
      }
    }
    return responses;
  }

  override async updateActivity(): Promise<void> {
    throw new WhatsAppAdapterError('WhatsApp cannot edit a message the bot already sent (updateActivity is not supported)');
  }

  override async deleteActivity(): Promise<void> {
    throw new WhatsAppAdapterError('WhatsApp cannot delete a message the bot already sent (deleteActivity is not supported)');
  }

  /**
   * Runs `logic` for a saved conversation (TurnContext.getConversationReference of an earlier
   * activity); what it sends goes to that user. Only reaches users who wrote in the last 24 hours
   * (otherwise GraphApiError with code 131047).
   */
  override async continueConversation(reference: Partial<ConversationReference>, logic: TurnLogic): Promise<void> {
    if (!reference.conversation?.id) throw new WhatsAppAdapterError('continueConversation needs a reference with conversation.id (the WhatsApp user key)');
    const activity = TurnContext.applyConversationReference({ type: ActivityTypes.Event, name: ActivityEventNames.ContinueConversation }, reference, true);
    const context = new TurnContext(this, activity);
    await this.runMiddleware(context, logic);
  }

  /** Same as continueConversation; the app id, claims identity and audience do not apply to WhatsApp. */
  override async continueConversationAsync(
    _botAppIdOrClaims: unknown,
    reference: Partial<ConversationReference>,
    logicOrAudience: TurnLogic | string,
    maybeLogic?: TurnLogic,
  ): Promise<void> {
    const logic = typeof logicOrAudience === 'function' ? logicOrAudience : maybeLogic;
    if (!logic) throw new WhatsAppAdapterError('continueConversationAsync needs a logic callback');
    return this.continueConversation(reference, logic);
  }

  /** Runs the bot's middleware and `logic` on an inbound message (called by the receiver). */
  async runTurn(activity: Partial<Activity>, logic: TurnLogic): Promise<void> {
    await this.runMiddleware(new TurnContext(this, activity), logic);
  }

  /** Read receipt and typing indicator on an inbound message (never rejects). */
  markAsRead(messageId: string): Promise<boolean> {
    return this.graph.markAsRead(messageId, true);
  }

  /** The "text only" answer to audio, images, video…, in the language last used with that person. */
  async replyUnreadable(userKey: string): Promise<void> {
    await this.graph.sendMessages(userKey, outboundTexts(addressFor(userKey), this.wordingIn(this.lastLocales.get(userKey)).unreadableReply));
  }

  /** The line is busy: a short word so the person does not resend (best effort, never rejects). */
  async tellLineBusy(userKey: string): Promise<boolean> {
    try {
      await this.graph.sendMessages(userKey, outboundTexts(addressFor(userKey), this.wordingIn(this.lastLocales.get(userKey)).lineBusyReply));
      return true;
    } catch (err) {
      this.logger.warn({ user: userRef(userKey), err: (err as Error).message }, 'WhatsApp line-busy notice failed');
      return false;
    }
  }

  /** The next page of a long list, answered by the adapter itself: the dialog is still waiting. */
  async sendListPage(userKey: string, listId: string, page: number): Promise<void> {
    let list;
    try {
      list = await this.choicePages.load(userKey, listId);
    } catch (err) {
      this.logger.error({ user: userRef(userKey), err: (err as Error).message }, 'choice list store unavailable');
    }
    const address = addressFor(userKey);
    const wording = this.wordingIn(list?.locale ?? this.lastLocales.get(userKey));
    if (!list || page < 2) {
      await this.graph.sendMessages(userKey, outboundTexts(address, wording.expiredListReply));
      return;
    }
    await this.graph.sendMessages(userKey, [listPage(address, list, page, wording)]);
  }

  private userKeyOf(context: TurnContext, activity: Partial<Activity>): string {
    const userKey = activity.conversation?.id ?? context.activity.conversation?.id;
    if (!userKey) throw new WhatsAppAdapterError('a WhatsApp reply needs conversation.id (the user key)');
    return userKey;
  }

  /** Sends one person's consecutive message activities; resolves with each one's last wamid ('' for none). */
  private async sendMessageActivities(userKey: string, activities: Partial<Activity>[]): Promise<string[]> {
    const messages: OutboundMessage[] = [];
    const lastOf: number[] = [];
    const apart = new Set<number>();
    for (const activity of activities) {
      const own = (activity.channelData as { ownMessage?: unknown } | undefined)?.ownMessage === true;
      for (const message of await this.prepareMessages(userKey, activity)) {
        if (own) apart.add(messages.length);
        messages.push(message);
      }
      lastOf.push(messages.length - 1);
    }
    if (messages.length === 0) return activities.map(() => '');
    const joined = joinTexts(messages, apart);
    const ids = await this.graph.sendMessages(userKey, joined.messages);
    // An activity that mapped to no message (lastOf before its first) has no id of its own.
    return lastOf.map((last, n) => (last < 0 || (n > 0 && last === lastOf[n - 1]) ? '' : (ids[joined.carriedBy[last]] ?? '')));
  }

  /** The WhatsApp messages for one activity (a long list's later pages saved for "more options"). */
  private async prepareMessages(userKey: string, activity: Partial<Activity>): Promise<OutboundMessage[]> {
    if (activity.locale) this.rememberLocale(userKey, activity.locale);
    const mapped = activityToWhatsApp(activity, addressFor(userKey), this.wordingIn(activity.locale));
    if (mapped.attachmentsDropped) {
      this.logger.warn({ user: userRef(userKey), attachments: mapped.attachmentsDropped }, 'attachments are not sent on WhatsApp');
    }
    if (mapped.pagedList) {
      try {
        await this.choicePages.save(userKey, mapped.pagedList);
      } catch (err) {
        // The first page still goes out; only its "more options" row will answer "list expired".
        this.logger.error({ user: userRef(userKey), err: (err as Error).message }, 'choice list could not be saved');
      }
    }
    return mapped.messages;
  }

  /** Forgets the language remembered for a person ("borrar mis datos"). */
  forgetLocale(userKey: string): void {
    this.lastLocales.delete(userKey);
  }

  /** The channel's words in `locale` (the configured defaults when no catalog was given). */
  private wordingIn(locale: string | undefined): ChannelWording {
    return this.wordingFor ? { ...this.wording, ...this.wordingFor(locale) } : this.wording;
  }

  private rememberLocale(userKey: string, locale: string): void {
    this.lastLocales.delete(userKey); // re-insert so Map order is last-use order
    this.lastLocales.set(userKey, locale);
    if (this.lastLocales.size > REMEMBERED_LOCALES) this.lastLocales.delete(this.lastLocales.keys().next().value as string);
  }

  /** A `typing` activity during a turn renews the indicator on the message being answered. */
  private refreshTyping(context: TurnContext): void {
    const inbound = context.activity;
    if (inbound.type === ActivityTypes.Message && inbound.channelId === 'whatsapp' && inbound.id) {
      this.work.track(this.markAsRead(inbound.id));
    }
  }
}
