/**
 * The WhatsApp Cloud API channel as a Bot Framework adapter: webhook notifications in, Graph API
 * messages out, so the same bot (ProBot) serves WhatsApp and Bot Framework channels.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ActivityEventNames, ActivityTypes, BotAdapter, TurnContext } from 'botbuilder';
import type { Activity, ConversationReference, ResourceResponse } from 'botbuilder';
import type { WhatsAppConfig } from '../../config';
import { Logger, userRef } from '../../logger';
import { ChoicePageStore, MemoryChoicePageStore } from './choicePages';
import { GraphClient, GraphClientOptions } from './graphClient';
import { InboundEvent, parseWebhook, TurnEvent, UnreadableEvent, WebhookPayloadError } from './inbound';
import { KeyedSerialQueue } from './keyedQueue';
import { activityToWhatsApp, addressFor, DEFAULT_WORDING, listPage, OutboundWording, parseMoreOptionsId, textMessages } from './outbound';
import type { ProcessedMessageLedger } from './processedMessages';
import type { ChannelWording } from './wording';
import { DEDUPLICATE_IN_TURN } from '../../turn/handledMessages';
import { DEFAULT_MAX_BODY_BYTES, PayloadTooLargeError, readRawBody } from './rawBody';
import { SIGNATURE_HEADER, verifySignature } from './signature';

/** The bot's turn handler, e.g. `(context) => bot.run(context)`. */
export type TurnLogic = (context: TurnContext) => Promise<void>;

/** Spanish first (the bot's default), then a short English line: the adapter cannot know the user's language. */
export const DEFAULT_UNREADABLE_REPLY =
  'Por ahora solo puedo leer mensajes de texto ✍️: no abro audios, fotos, videos ni documentos. ' +
  'Escribe tu pregunta, o escribe *menú* para ver las opciones.\n\n' +
  '_I can only read text messages. Type *menu* to see the options._';

export const DEFAULT_EXPIRED_LIST_REPLY =
  'Esa lista ya no está disponible. Escribe *menú* para ver las opciones.\n\n' + '_That list is no longer available. Type *menu* to see the options._';

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
  /** Redelivery guard, e.g. `new ProcessedMessages(store.containers.processedMessages)`. */
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
   * With several instances: `new CosmosChoicePageStore(store.containers.processedMessages)`.
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
}

/** People whose last reply language is remembered (for replies sent without a turn); the oldest are forgotten first. */
const REMEMBERED_LOCALES = 10_000;

/** What a webhook request was answered, and a promise of the processing that follows. */
export interface WebhookReceipt {
  status: number;
  body: string;
  /** Settles when every message of this notification has been handled (never rejects). */
  processed: Promise<void>;
}

/**
 * Bot Framework adapter for the WhatsApp Cloud API.
 *
 * Answers Meta first (200 as soon as the signature is checked), then runs one turn per message, one
 * at a time per user in arrival order, skipping message ids already handled (here or on another
 * instance). Replies become WhatsApp text, reply-button and list messages within Meta's limits.
 *
 * @example
 * const adapter = new WhatsAppAdapter({ config: config.whatsapp, logger,
 *   processedMessages: new ProcessedMessages(store.containers.processedMessages) });
 * adapter.onTurnError = async (context, error) => { ... };
 * const routes = createWhatsAppRoutes({ adapter, logic: (context) => bot.run(context) });
 * server.get('/api/whatsapp', routes.verify);
 * server.post('/api/whatsapp', routes.receive);
 * // tests: await adapter.idle();
 */
export class WhatsAppAdapter extends BotAdapter {
  readonly config: WhatsAppConfig;
  protected readonly logger: Logger;
  protected readonly graph: GraphClient;
  private readonly processedMessages: ProcessedMessageLedger;
  private readonly redeliveryCheck: 'adapter' | 'turn';
  private readonly choicePages: ChoicePageStore;
  private readonly wording: ChannelWording;
  private readonly wordingFor?: (locale: string | undefined) => Partial<ChannelWording>;
  /** Language of the last reply to each person: media and expired-list replies run without a turn. */
  private readonly lastLocales = new Map<string, string>();
  private readonly maxBodyBytes: number;
  private readonly turns = new KeyedSerialQueue();
  private readonly pending = new Set<Promise<unknown>>();

  constructor(options: WhatsAppAdapterOptions) {
    super();
    this.config = options.config;
    this.logger = options.logger;
    this.processedMessages = options.processedMessages;
    this.redeliveryCheck = options.redeliveryCheck ?? 'adapter';
    this.choicePages = options.choicePages ?? new MemoryChoicePageStore();
    this.wording = {
      ...DEFAULT_WORDING,
      ...options.wording,
      unreadableReply: options.unreadableReply ?? DEFAULT_UNREADABLE_REPLY,
      expiredListReply: options.expiredListReply ?? DEFAULT_EXPIRED_LIST_REPLY,
    };
    this.wordingFor = options.wordingFor;
    this.maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
    this.graph = this.createGraphClient({
      ...options.graph,
      graphApiUrl: options.config.graphApiUrl,
      phoneNumberId: options.config.phoneNumberId,
      accessToken: options.config.accessToken,
      logger: options.logger,
    });
  }

  /** Seam: the Graph API client (tests may return a subclass with another transport). */
  protected createGraphClient(options: GraphClientOptions): GraphClient {
    return new GraphClient(options);
  }

  /**
   * Handles one webhook POST: 401 without a signature, 413 when too large, 403 when the signature
   * is wrong, otherwise 200 at once and the messages are handled afterwards (see `idle()`).
   */
  async processActivity(req: IncomingMessage, res: ServerResponse, logic: TurnLogic): Promise<void> {
    const signature = req.headers[SIGNATURE_HEADER];
    if (signature === undefined || signature === '') {
      this.logger.warn('WhatsApp webhook without X-Hub-Signature-256 rejected');
      respond(res, 401, 'Missing signature', true);
      return;
    }
    let raw: Buffer;
    try {
      raw = await readRawBody(req, this.maxBodyBytes);
    } catch (err) {
      if (err instanceof PayloadTooLargeError) {
        this.logger.warn({ limitBytes: err.limitBytes, receivedBytes: err.receivedBytes }, 'WhatsApp webhook body too large');
        respond(res, 413, 'Payload too large', true);
      } else {
        this.logger.warn({ err: (err as Error).message }, 'WhatsApp webhook body could not be read');
        respond(res, 400, 'Bad request', true);
      }
      return;
    }
    const receipt = this.handleWebhook(raw, signature, logic);
    respond(res, receipt.status, receipt.body);
  }

  /**
   * The webhook without HTTP: checks the signature over `rawBody`, parses, and queues the work.
   * Call it only when the answer can be sent right away; the work starts on the next tick.
   */
  handleWebhook(rawBody: Buffer, signature: string | string[] | undefined, logic: TurnLogic): WebhookReceipt {
    const check = verifySignature(rawBody, signature, this.config.appSecret);
    if (check !== 'valid') {
      this.logger.warn({ check }, 'WhatsApp webhook signature rejected');
      return { status: check === 'missing' ? 401 : 403, body: check === 'missing' ? 'Missing signature' : 'Invalid signature', processed: Promise.resolve() };
    }
    let events: InboundEvent[];
    try {
      events = parseWebhook(JSON.parse(rawBody.toString('utf8')), this.config.phoneNumberId);
    } catch (err) {
      // Signed by Meta but unusable: a non-200 answer would only make Meta retry it for days.
      const reason = err instanceof WebhookPayloadError ? err.message : 'the body is not JSON';
      this.logger.warn({ reason, bytes: rawBody.length }, 'WhatsApp webhook payload ignored');
      return { status: 200, body: 'OK', processed: Promise.resolve() };
    }
    const processed = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => this.dispatch(events, logic))
      .catch((err: Error) => this.logger.error({ err: err.message }, 'WhatsApp webhook processing failed'));
    return { status: 200, body: 'OK', processed: this.track(processed) };
  }

  /** Resolves when every webhook received so far has been handled (turns, replies, read receipts). */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  override async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const responses: ResourceResponse[] = [];
    for (const activity of activities) {
      switch (activity.type) {
        case ActivityTypes.Message:
          responses.push({ id: await this.sendMessageActivity(context, activity) });
          break;
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

  private track<T>(promise: Promise<T>): Promise<T> {
    this.pending.add(promise);
    void promise.then(
      () => this.pending.delete(promise),
      () => this.pending.delete(promise),
    );
    return promise;
  }

  private async dispatch(events: InboundEvent[], logic: TurnLogic): Promise<void> {
    const work: Promise<void>[] = [];
    for (const event of events) {
      switch (event.kind) {
        case 'turn':
        case 'unreadable':
          // Queued in arrival order; a user's messages run one at a time.
          work.push(
            this.turns.run(event.user.key, () => this.handleMessage(event, logic)).catch((err: Error) => {
              this.logger.error({ user: userRef(event.user.key), err: err.message, errorName: err.name }, 'WhatsApp message handling failed');
            }),
          );
          break;
        case 'status':
          if (event.status === 'failed') {
            this.logger.warn({ user: userRef(event.recipient), codes: event.errors.map((e) => e.code), titles: event.errors.map((e) => e.title) }, 'WhatsApp message delivery failed');
          } else {
            this.logger.debug({ status: event.status }, 'WhatsApp message status');
          }
          break;
        case 'errors':
          this.logger.warn({ codes: event.errors.map((e) => e.code), titles: event.errors.map((e) => e.title) }, 'WhatsApp webhook reported errors');
          break;
        case 'ignored':
          // Another business number's traffic is worth an operator's eye (a shared app subscription); nobody is answered.
          if (event.messageType === 'foreign') this.logger.warn({ reason: event.reason }, 'WhatsApp webhook item ignored');
          else this.logger.debug({ messageType: event.messageType, reason: event.reason }, 'WhatsApp webhook item ignored');
          break;
      }
    }
    await Promise.all(work);
  }

  private async claim(event: TurnEvent | UnreadableEvent): Promise<boolean> {
    try {
      return await this.processedMessages.claim(event.messageId);
    } catch (err) {
      // Answering matters more than deduplicating: without the ledger, risk a repeat rather than silence.
      this.logger.error({ user: userRef(event.user.key), err: (err as Error).message }, 'processed-message ledger unavailable; handling the message anyway');
      return true;
    }
  }

  private async handleMessage(event: TurnEvent | UnreadableEvent, logic: TurnLogic): Promise<void> {
    const user = userRef(event.user.key);
    const more = event.kind === 'turn' ? parseMoreOptionsId(event.activity.text) : undefined;
    const checkedInTurn = event.kind === 'turn' && !more && this.redeliveryCheck === 'turn';
    if (!checkedInTurn && !(await this.claim(event))) {
      this.logger.info({ user }, 'WhatsApp message already handled; redelivery skipped');
      return;
    }
    if (event.kind === 'unreadable') {
      this.logger.info({ user, messageType: event.messageType }, 'WhatsApp message type the bot cannot read');
      await this.graph.sendMessages(event.user.key, textMessages(addressFor(event.user.key), this.wordingIn(this.lastLocales.get(event.user.key)).unreadableReply));
      return;
    }
    this.track(this.graph.markAsRead(event.messageId, true));
    if (more) {
      await this.sendListPage(event.user.key, more.listId, more.page);
      return;
    }
    this.logger.debug({ user, messageType: (event.activity.channelData as { messageType?: string }).messageType }, 'WhatsApp turn');
    const activity = checkedInTurn ? { ...event.activity, channelData: { ...(event.activity.channelData as object), [DEDUPLICATE_IN_TURN]: true } } : event.activity;
    const context = new TurnContext(this, activity);
    await this.runMiddleware(context, logic);
  }

  /** The next page of a long list, answered by the adapter itself: the dialog is still waiting. */
  private async sendListPage(userKey: string, listId: string, page: number): Promise<void> {
    let list;
    try {
      list = await this.choicePages.load(userKey, listId);
    } catch (err) {
      this.logger.error({ user: userRef(userKey), err: (err as Error).message }, 'choice list store unavailable');
    }
    const address = addressFor(userKey);
    const wording = this.wordingIn(list?.locale ?? this.lastLocales.get(userKey));
    if (!list || page < 2) {
      await this.graph.sendMessages(userKey, textMessages(address, wording.expiredListReply));
      return;
    }
    await this.graph.sendMessages(userKey, [listPage(address, list, page, wording)]);
  }

  private async sendMessageActivity(context: TurnContext, activity: Partial<Activity>): Promise<string> {
    const userKey = activity.conversation?.id ?? context.activity.conversation?.id;
    if (!userKey) throw new WhatsAppAdapterError('a WhatsApp reply needs conversation.id (the user key)');
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
    if (mapped.messages.length === 0) return '';
    const ids = await this.graph.sendMessages(userKey, mapped.messages);
    return ids[ids.length - 1] ?? '';
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
      this.track(this.graph.markAsRead(inbound.id, true));
    }
  }
}

function respond(res: ServerResponse, status: number, body: string, close = false): void {
  if (res.headersSent) return;
  res.statusCode = status;
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(body));
  // After a refusal the rest of the body is unwanted: do not keep the connection for it.
  if (close) res.setHeader('Connection', 'close');
  res.end(body);
}
