/**
 * Client for the WhatsApp Cloud API send endpoint: POST {graphApiUrl}/{phone-number-id}/messages.
 *
 * - Every payload is validated against Meta's limits before it leaves (limits.ts).
 * - Messages to one user go out one after another, in order (a per-user chain), because WhatsApp
 *   shows them in arrival order and a bot turn often sends several.
 * - Rate limits, temporary errors, 5xx, timeouts and network failures are retried with exponential
 *   backoff and jitter, a few times; errors that another try cannot fix (24-hour window closed,
 *   undeliverable, invalid payload, bad token) fail at once with their Meta code.
 * - Every call has a timeout. Uses node:https with a keep-alive agent (graphTransport.ts); `request()` is the seam for tests.
 */
import { Logger, userRef } from '../../logger';
import { safeLogString } from '../../logRedaction';
import { keepAliveTransport, TransportAnswer, TransportTimeoutError } from './graphTransport';
import { KeyedSerialQueue } from './keyedQueue';
import { OutboundMessage, ReadReceipt, validateWhatsAppMessage } from './limits';

/** Meta error codes worth another try: they describe load or a passing fault, not the request. */
export const RETRYABLE_CODES: ReadonlySet<number> = new Set([
  1, // API unknown: temporary
  2, // API service: temporary downtime
  4, // app-level API call rate limit
  80007, // WhatsApp Business Account rate limit
  130429, // throughput (messages per second) reached
  131000, // "something went wrong": Meta asks to retry
  131016, // service unavailable
  131056, // too many messages to the same user in a short time (pair rate limit)
]);

/** Codes that say the user cannot be reached now; logged as such, never retried. */
export const UNREACHABLE_CODES: Readonly<Record<number, string>> = {
  131047: 'more than 24 hours since the user last wrote: only a template message can reach them',
  131026: 'message undeliverable (not on WhatsApp, terms not accepted, or an app too old for this message type)',
};

const PAIR_RATE_CODE = 131056;

export interface GraphClientOptions {
  graphApiUrl: string;
  phoneNumberId: string;
  accessToken: string;
  logger: Logger;
  /** Retries after the first try, for retryable failures. Default 3. */
  maxRetries?: number;
  /** First backoff delay; doubles each retry, with jitter. Default 500 ms. */
  baseDelayMs?: number;
  /** Cap on one backoff delay (and on a Retry-After). Default 30 s. */
  maxDelayMs?: number;
  /** Least wait after a pair-rate error (131056): about one message per 6 s per user. Default 6 s. */
  pairRateDelayMs?: number;
  /** Timeout of one HTTP call. Default 10 s. */
  timeoutMs?: number;
}

export interface GraphErrorDetails {
  /** HTTP status, when an answer came. */
  status?: number;
  /** Meta error code (`error.code`). */
  code?: number;
  subcode?: number;
  type?: string;
  fbtraceId?: string;
  retryable: boolean;
  timedOut?: boolean;
  /** Tries made, including the first. */
  attempts: number;
}

/** A Graph API call failed for good (after any retries). `details.code` is Meta's error code. */
export class GraphApiError extends Error {
  constructor(message: string, readonly details: GraphErrorDetails) {
    super(message);
    this.name = 'GraphApiError';
  }

  get code(): number | undefined {
    return this.details.code;
  }
}

/** A payload broke a WhatsApp limit; it was not sent (a bug in the mapping or the content). */
export class MessageLimitError extends Error {
  constructor(readonly violations: string[]) {
    super(`WhatsApp message not sent, it breaks Meta's limits: ${violations.join('; ')}`);
    this.name = 'MessageLimitError';
  }
}

interface MetaErrorBody {
  error?: { message?: unknown; type?: unknown; code?: unknown; error_subcode?: unknown; fbtrace_id?: unknown };
}

function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

function numberOrUndefined(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() ? Number(value) : NaN;
  return Number.isFinite(n) ? n : undefined;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

interface Failure {
  error: GraphApiError;
  retryAfterMs?: number;
}

/**
 * Sends WhatsApp messages and read receipts through the Graph API.
 *
 * @example
 * const graph = new GraphClient({ graphApiUrl, phoneNumberId, accessToken, logger });
 * await graph.sendMessages(userKey, [outboundText({ to: userKey }, 'Hola')]);
 */
export class GraphClient {
  private readonly queue = new KeyedSerialQueue();
  private readonly maxRetries: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly pairRateDelayMs: number;
  private readonly timeoutMs: number;
  private readonly logger: Logger;
  private readonly transport = keepAliveTransport();
  private readonly headers: Record<string, string>;
  private url?: string;

  constructor(private readonly options: GraphClientOptions) {
    this.maxRetries = options.maxRetries ?? 3;
    this.baseDelayMs = options.baseDelayMs ?? 500;
    this.maxDelayMs = options.maxDelayMs ?? 30_000;
    this.pairRateDelayMs = options.pairRateDelayMs ?? 6_000;
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.logger = options.logger;
    this.headers = { Authorization: `Bearer ${options.accessToken}`, 'Content-Type': 'application/json' };
  }

  /** Ends the kept-alive connections (at shutdown). */
  close(): void {
    this.transport.close();
  }

  /** The messages endpoint of the configured phone number. */
  get messagesUrl(): string {
    this.url ??= `${this.options.graphApiUrl.replace(/\/+$/, '')}/${encodeURIComponent(this.options.phoneNumberId)}/messages`;
    return this.url;
  }

  /**
   * Sends `messages` to one user, in order, after any messages already queued for that user.
   * Stops at the first failure (later messages would lose their context) and rejects with it.
   * Resolves with the WhatsApp message ids (wamids) of the messages sent.
   */
  sendMessages(userKey: string, messages: OutboundMessage[]): Promise<string[]> {
    return this.queue.run(userKey, async () => {
      const ids: string[] = [];
      for (const message of messages) ids.push(await this.sendMessage(message));
      return ids;
    });
  }

  /** Sends one message now (callers wanting per-user order use sendMessages). Resolves with its wamid. */
  async sendMessage(message: OutboundMessage): Promise<string> {
    const violations = validateWhatsAppMessage(message);
    if (violations.length) throw new MessageLimitError(violations);
    try {
      const answer = (await this.post(message, this.maxRetries)) as { messages?: { id?: unknown }[] } | undefined;
      const id = answer?.messages?.[0]?.id;
      return typeof id === 'string' ? id : '';
    } catch (err) {
      // The pseudonym (an HMAC) only for the failure line.
      if (err instanceof GraphApiError) this.logFailure(err, userRef(message.to ?? message.recipient), message.type);
      throw err;
    }
  }

  /**
   * Marks an inbound message read and shows the typing indicator (until the reply, at most 25 s).
   * Best effort: one try, never throws; resolves false and logs when it failed.
   */
  async markAsRead(messageId: string, typing = true): Promise<boolean> {
    const receipt: ReadReceipt = { messaging_product: 'whatsapp', status: 'read', message_id: messageId };
    if (typing) receipt.typing_indicator = { type: 'text' };
    try {
      await this.post(receipt, 0);
      return true;
    } catch (err) {
      const details = err instanceof GraphApiError ? err.details : undefined;
      this.logger.warn({ code: details?.code, status: details?.status, timedOut: details?.timedOut }, 'WhatsApp read receipt failed (reply not affected)');
      return false;
    }
  }

  /**
   * The HTTP call: a JSON POST over the keep-alive agent. Tests and other transports override this seam.
   */
  protected request(url: string, body: string): Promise<TransportAnswer> {
    return this.transport.post(url, this.headers, body, this.timeoutMs);
  }

  private async post(body: OutboundMessage | ReadReceipt, maxRetries: number): Promise<unknown> {
    const json = JSON.stringify(body);
    for (let attempt = 1; ; attempt += 1) {
      const failure = await this.attempt(json, attempt);
      if (!('error' in failure)) return failure.answer;
      const { error, retryAfterMs } = failure.error;
      if (!error.details.retryable || attempt > maxRetries) throw error;
      const delay = this.backoff(attempt, error.details.code, retryAfterMs);
      this.logger.info({ attempt, delayMs: delay, code: error.details.code, status: error.details.status, timedOut: error.details.timedOut }, 'WhatsApp Graph API call will be retried');
      await sleep(delay);
    }
  }

  private async attempt(json: string, attempt: number): Promise<{ answer: unknown } | { error: Failure }> {
    try {
      const response = await this.request(this.messagesUrl, json);
      const answer = parseJson(response.text);
      if (response.status >= 200 && response.status < 300) return { answer };
      return { error: this.failureFrom(response, answer, attempt) };
    } catch (err) {
      const timedOut = err instanceof TransportTimeoutError || (err as Error)?.name === 'TimeoutError' || (err as Error)?.name === 'AbortError';
      const reason = timedOut ? `no answer within ${this.timeoutMs} ms` : `network error (${(err as Error)?.message ?? String(err)})`;
      // The message may or may not have arrived; a possible duplicate beats a lost answer.
      return { error: { error: new GraphApiError(`WhatsApp Graph API call failed: ${reason}`, { retryable: true, timedOut, attempts: attempt }) } };
    }
  }

  private failureFrom(response: TransportAnswer, answer: unknown, attempt: number): Failure {
    const meta = (answer as MetaErrorBody | undefined)?.error;
    const code = numberOrUndefined(meta?.code);
    const status = response.status;
    const retryable = status === 429 || status >= 500 || (code !== undefined && RETRYABLE_CODES.has(code));
    const retryAfterSeconds = numberOrUndefined(response.header('retry-after'));
    // Meta's message may quote the person's number; the error travels further than our logs, so it is masked here too.
    const message = typeof meta?.message === 'string' ? `: ${safeLogString(meta.message, 300)}` : '';
    const error = new GraphApiError(`WhatsApp Graph API answered ${status}${code !== undefined ? ` (code ${code})` : ''}${message}`, {
      status,
      code,
      subcode: numberOrUndefined(meta?.error_subcode),
      type: typeof meta?.type === 'string' ? meta.type : undefined,
      fbtraceId: typeof meta?.fbtrace_id === 'string' ? meta.fbtrace_id : undefined,
      retryable,
      attempts: attempt,
    });
    return { error, retryAfterMs: retryAfterSeconds !== undefined ? retryAfterSeconds * 1000 : undefined };
  }

  /** Exponential backoff with "equal jitter" (half fixed, half random), so instances spread out. */
  private backoff(attempt: number, code: number | undefined, retryAfterMs: number | undefined): number {
    const exponential = Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** (attempt - 1));
    let delay = exponential / 2 + Math.random() * (exponential / 2);
    if (code === PAIR_RATE_CODE) delay = Math.max(delay, this.pairRateDelayMs);
    if (retryAfterMs !== undefined) delay = Math.max(delay, retryAfterMs);
    return Math.round(Math.min(delay, this.maxDelayMs));
  }

  private logFailure(err: GraphApiError, user: string, messageType: string): void {
    const { code, subcode, status, attempts, fbtraceId, timedOut } = err.details;
    const fields = { user, code, subcode, status, attempts, fbtraceId, timedOut, messageType };
    if (code !== undefined && UNREACHABLE_CODES[code]) {
      this.logger.warn({ ...fields, reason: UNREACHABLE_CODES[code] }, 'WhatsApp message not delivered');
    } else if (code === 190) {
      this.logger.error(fields, 'WhatsApp access token rejected (code 190): renew WHATSAPP_ACCESS_TOKEN');
    } else {
      this.logger.error(fields, 'WhatsApp message send failed');
    }
  }
}
