/**
 * Receiving Meta's webhook: the signature is checked over the raw body before anything else, the
 * notification is parsed, Meta gets its answer at once, and then each message is handed on, one at a
 * time per person in arrival order, skipping message ids already handled. What is sent back (turn
 * replies, the "text only" answer, a list's next page) is the adapter's job (InboundMessageHandler).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Activity, TurnContext } from 'botbuilder';
import { Logger, userRef } from '../../logger';
import { DEDUPLICATE_IN_TURN } from '../../turn/handledMessages';
import { InboundEvent, parseWebhook, TurnEvent, UnreadableEvent, WebhookPayloadError } from './inbound';
import { KeyedSerialQueue } from './keyedQueue';
import { parseMoreOptionsId } from './outbound';
import { PendingWork } from './pendingWork';
import type { ProcessedMessageLedger } from './processedMessages';
import { DEFAULT_MAX_BODY_BYTES } from './rawBody';
import { checkSignedBody, readSignedWebhook, respond } from './signedWebhook';
import { TurnLine, TurnLineFigures, TurnLineOptions } from './turnLine';

/** The bot's turn handler, e.g. `(context) => bot.run(context)`. */
export type TurnLogic = (context: TurnContext) => Promise<void>;

/** What an accepted message becomes on the channel; WhatsAppAdapter implements it. */
export interface InboundMessageHandler {
  /** Marks the message read and shows the typing indicator (never rejects: a failed receipt is only logged). */
  markAsRead(messageId: string): Promise<unknown>;
  /** Answers a message the bot cannot read (audio, photo…) without a turn. */
  replyUnreadable(userKey: string): Promise<void>;
  /** Answers a "more options" pick with that page of the person's pending list, without a turn. */
  sendListPage(userKey: string, listId: string, page: number): Promise<void>;
  /** Runs the bot's middleware and `logic` on the inbound activity. */
  runTurn(activity: Partial<Activity>, logic: TurnLogic): Promise<void>;
  /** Tells a person who has waited long that the line is busy and they will be answered (never rejects). */
  tellLineBusy?(userKey: string): Promise<unknown>;
}

export interface WebhookReceiverOptions {
  /** WHATSAPP_APP_SECRET: the key of the X-Hub-Signature-256 HMAC. */
  appSecret: string;
  /** WHATSAPP_PHONE_NUMBER_ID: messages to another business number are not answered. */
  phoneNumberId: string;
  logger: Logger;
  /** Redelivery guard, e.g. `new ProcessedMessages(store.containers.processedMessages)`. */
  processedMessages: ProcessedMessageLedger;
  /** See WhatsAppAdapterOptions.redeliveryCheck; default 'adapter' (claimed here, before the turn). */
  redeliveryCheck?: 'adapter' | 'turn';
  /** Largest webhook body accepted (413 above). Default DEFAULT_MAX_BODY_BYTES (3 MiB). */
  maxBodyBytes?: number;
  handler: InboundMessageHandler;
  /** Where the work after the answer is tracked for `idle()`; share it with the handler's own background sends. */
  work?: PendingWork;
  /** How many turns run at once and when the line counts as crowded (see TurnLine). */
  line?: TurnLineOptions;
  /** A message not answered after this long gets its read receipt and typing indicator. Default 1000 ms. */
  readReceiptAfterMs?: number;
  /** A person whose message has not started after this long is told the line is busy. Default 10 s. */
  busyNoticeAfterMs?: number;
}

/** What /healthz shows of the webhook's work (counts and times, no personal data). */
export interface WebhookFigures extends TurnLineFigures {
  readReceiptsSent: number;
  readReceiptsShed: number;
  busyNoticesSent: number;
}

/** What a webhook request was answered, and a promise of the processing that follows. */
export interface WebhookReceipt {
  status: number;
  body: string;
  /** Settles when every message of this notification has been handled (never rejects). */
  processed: Promise<void>;
}

/**
 * The POST side of the WhatsApp webhook.
 *
 * @example
 * const receiver = new WebhookReceiver({ appSecret, phoneNumberId, logger, processedMessages, handler: adapter });
 * server.post('/api/whatsapp', (req, res) => receiver.receive(req, res, (context) => bot.run(context)));
 * // tests: await receiver.idle();
 */
export class WebhookReceiver {
  private readonly appSecret: string;
  private readonly phoneNumberId: string;
  private readonly logger: Logger;
  private readonly processedMessages: ProcessedMessageLedger;
  private readonly redeliveryCheck: 'adapter' | 'turn';
  private readonly maxBodyBytes: number;
  private readonly handler: InboundMessageHandler;
  private readonly work: PendingWork;
  private readonly turns = new KeyedSerialQueue();
  private readonly line: TurnLine;
  private readonly readReceiptAfterMs: number;
  private readonly busyNoticeAfterMs: number;
  /** People told the line is busy whose turn has not started yet (one notice per wait). */
  private readonly toldBusy = new Set<string>();
  private readonly counts = { readReceiptsSent: 0, readReceiptsShed: 0, busyNoticesSent: 0 };

  constructor(options: WebhookReceiverOptions) {
    this.appSecret = options.appSecret;
    this.phoneNumberId = options.phoneNumberId;
    this.logger = options.logger;
    this.processedMessages = options.processedMessages;
    this.redeliveryCheck = options.redeliveryCheck ?? 'adapter';
    this.maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
    this.handler = options.handler;
    this.work = options.work ?? new PendingWork();
    this.line = new TurnLine(options.line);
    this.readReceiptAfterMs = options.readReceiptAfterMs ?? 1000;
    this.busyNoticeAfterMs = options.busyNoticeAfterMs ?? 10_000;
  }

  /** The line's length and waits, and how much optional work was shed (for /healthz). */
  figures(): WebhookFigures {
    return { ...this.line.figures(), ...this.counts };
  }

  /**
   * Handles one webhook POST: 401 without a signature, 413 when too large, 403 when the signature
   * is wrong, otherwise 200 at once and the messages are handled afterwards (see `idle()`).
   */
  async receive(req: IncomingMessage, res: ServerResponse, logic: TurnLogic): Promise<void> {
    const answer = await readSignedWebhook(req, this.appSecret, this.maxBodyBytes, this.logger);
    respond(res, answer);
    if (answer.payload !== undefined) void this.acceptVerified(answer.payload, logic, answer.bytes);
  }

  /**
   * The webhook without HTTP: checks the signature over `rawBody`, parses, and accepts the work.
   * Call it only when the answer can be sent right away; the work starts on the next tick.
   */
  handleWebhook(rawBody: Buffer, signature: string | string[] | undefined, logic: TurnLogic): WebhookReceipt {
    const { status, body, payload } = checkSignedBody(rawBody, signature, this.appSecret, this.logger);
    return { status, body, processed: payload === undefined ? Promise.resolve() : this.acceptVerified(payload, logic, rawBody.length) };
  }

  /**
   * A notification whose signature was already checked over its raw body (by handleWebhook, or by
   * the cluster's front door, bot/cluster/frontDoor.ts): parsed and accepted. Settles when every
   * message in it has been handled (never rejects).
   */
  acceptVerified(payload: unknown, logic: TurnLogic, bytes?: number): Promise<void> {
    let events: InboundEvent[];
    try {
      events = parseWebhook(payload, this.phoneNumberId);
    } catch (err) {
      const reason = err instanceof WebhookPayloadError ? err.message : 'the notification could not be read';
      this.logger.warn({ reason, bytes }, 'WhatsApp webhook payload ignored');
      return Promise.resolve();
    }
    return this.accept(events, logic);
  }

  /** Resolves when every webhook received so far has been handled (turns, replies, read receipts). */
  idle(): Promise<void> {
    return this.work.idle();
  }

  /**
   * The one hand-over point between Meta's answer and the turns: the events of a verified, parsed
   * notification start on the next tick and are tracked until handled.
   */
  private accept(events: InboundEvent[], logic: TurnLogic): Promise<void> {
    const processed = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => this.dispatch(events, logic))
      .catch((err: Error) => this.logger.error({ err: err.message }, 'WhatsApp webhook processing failed'));
    return this.work.track(processed);
  }

  private async dispatch(events: InboundEvent[], logic: TurnLogic): Promise<void> {
    const queuedAt = Date.now();
    const work: Promise<void>[] = [];
    for (const event of events) {
      switch (event.kind) {
        case 'turn':
        case 'unreadable':
          // Queued in arrival order; a user's messages run one at a time.
          work.push(
            this.queueMessage(event, logic)
              // One line per message once its replies are out (or it failed): how long it took, and a signal end-to-end tests wait for.
              .finally(() => this.logger.isLevelEnabled('debug') && this.logger.debug({ user: userRef(event.user.key), ms: Date.now() - queuedAt }, 'WhatsApp message handled'))
              .catch((err: Error) => {
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

  /**
   * A person's messages one at a time in arrival order, then the shared line. A message still not
   * answered after readReceiptAfterMs gets its read receipt and typing (skipped while the line is
   * crowded); one still not started after busyNoticeAfterMs is told the line is busy.
   */
  private queueMessage(event: TurnEvent | UnreadableEvent, logic: TurnLogic): Promise<void> {
    const key = event.user.key;
    let started = false;
    const readTimer = event.kind === 'turn' ? setTimeout(() => this.sendReadReceipt(event.messageId), this.readReceiptAfterMs) : undefined;
    const busyTimer = setTimeout(() => {
      if (started || this.toldBusy.has(key) || !this.handler.tellLineBusy) return;
      this.toldBusy.add(key);
      this.counts.busyNoticesSent += 1;
      this.work.track(this.handler.tellLineBusy(key));
    }, this.busyNoticeAfterMs);
    return this.turns
      .run(key, () =>
        this.line.run(() => {
          started = true;
          clearTimeout(busyTimer);
          this.toldBusy.delete(key);
          return this.handleMessage(event, logic);
        }),
      )
      .finally(() => {
        clearTimeout(readTimer);
        clearTimeout(busyTimer);
      });
  }

  private sendReadReceipt(messageId: string): void {
    if (this.line.crowded) {
      this.counts.readReceiptsShed += 1;
      return;
    }
    this.counts.readReceiptsSent += 1;
    this.work.track(this.handler.markAsRead(messageId));
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
    // The pseudonym (an HMAC) only for a line that is written: most messages write none at info level.
    const user = (): string => userRef(event.user.key);
    const more = event.kind === 'turn' ? parseMoreOptionsId(event.activity.text) : undefined;
    const checkedInTurn = event.kind === 'turn' && !more && this.redeliveryCheck === 'turn';
    if (!checkedInTurn && !(await this.claim(event))) {
      this.logger.info({ user: user() }, 'WhatsApp message already handled; redelivery skipped');
      return;
    }
    if (event.kind === 'unreadable') {
      this.logger.info({ user: user(), messageType: event.messageType }, 'WhatsApp message type the bot cannot read');
      await this.handler.replyUnreadable(event.user.key);
      return;
    }
    if (more) {
      await this.handler.sendListPage(event.user.key, more.listId, more.page);
      return;
    }
    if (this.logger.isLevelEnabled('debug')) this.logger.debug({ user: user(), messageType: (event.activity.channelData as { messageType?: string }).messageType }, 'WhatsApp turn');
    const activity = checkedInTurn ? { ...event.activity, channelData: { ...(event.activity.channelData as object), [DEDUPLICATE_IN_TURN]: true } } : event.activity;
    await this.handler.runTurn(activity, logic);
  }
}

