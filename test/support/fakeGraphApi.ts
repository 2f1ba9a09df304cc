/**
 * Test helper: a local fake of the WhatsApp Cloud API send endpoint (POST /{version}/{phone-number-id}/messages)
 * on 127.0.0.1. It records every request, answers like Meta, can answer errors (or nothing at all)
 * on demand, and checks every payload against Meta's limits: a payload that breaks one is answered
 * like Meta would (400, code 100) and listed in `violations()`, so tests can fail on it.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { validateWhatsAppMessage } from '../../bot/channels/whatsapp/limits';

export interface RecordedRequest {
  method: string;
  path: string;
  authorization: string | undefined;
  contentType: string | undefined;
  /** Parsed JSON body (undefined when it was not JSON). */
  body: Record<string, unknown> | undefined;
  /** 'read' for read receipts, 'message' for everything else. */
  kind: 'message' | 'read';
  /** Limit violations found in the body (empty when valid). */
  violations: string[];
}

/** A scripted answer: a status and body, optionally late; or `hang` (never answer: a timeout). */
export type FakeAnswer = { status: number; body?: unknown; delayMs?: number; headers?: Record<string, string> } | { hang: true };

export interface FakeGraphApiOptions {
  accessToken?: string;
  phoneNumberId?: string;
  version?: string;
}

/** Meta's error body for `code` (HTTP 400 unless given). */
export function metaError(code: number, status = 400, message = `(#${code}) test error`): FakeAnswer {
  return { status, body: { error: { message, type: 'OAuthException', code, error_data: { messaging_product: 'whatsapp', details: message }, fbtrace_id: 'AbCdEf' } } };
}

export class FakeGraphApi {
  readonly requests: RecordedRequest[] = [];
  private readonly sendAnswers: FakeAnswer[] = [];
  private readonly readAnswers: FakeAnswer[] = [];
  private readonly hung = new Set<http.ServerResponse>();
  private counter = 0;

  private constructor(
    private readonly server: http.Server,
    readonly baseUrl: string,
    readonly options: Required<FakeGraphApiOptions>,
  ) {}

  /** Starts the fake on a free loopback port. */
  static async start(options: FakeGraphApiOptions = {}): Promise<FakeGraphApi> {
    const resolved = { accessToken: 'test-token', phoneNumberId: '106540352242922', version: 'v23.0', ...options };
    let fake: FakeGraphApi | undefined;
    const server = http.createServer((req, res) => fake?.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    fake = new FakeGraphApi(server, `http://127.0.0.1:${port}`, resolved);
    return fake;
  }

  /** The value for WHATSAPP_GRAPH_API_URL. */
  get graphApiUrl(): string {
    return `${this.baseUrl}/${this.options.version}`;
  }

  /** Scripts the answers to the next message sends (read receipts are not affected). */
  answerNextSends(...answers: FakeAnswer[]): void {
    this.sendAnswers.push(...answers);
  }

  /** Scripts the answers to the next read receipts. */
  answerNextReads(...answers: FakeAnswer[]): void {
    this.readAnswers.push(...answers);
  }

  /** Message sends received (not read receipts), in arrival order. */
  sends(): RecordedRequest[] {
    return this.requests.filter((r) => r.kind === 'message');
  }

  reads(): RecordedRequest[] {
    return this.requests.filter((r) => r.kind === 'read');
  }

  /** Every limit violation or wrong path/token seen, one line each. */
  violations(): string[] {
    return this.requests.flatMap((r, i) => r.violations.map((v) => `request ${i} (${r.path}): ${v}`));
  }

  /** Forgets recorded requests and scripted answers. */
  reset(): void {
    this.requests.length = 0;
    this.sendAnswers.length = 0;
    this.readAnswers.length = 0;
  }

  async close(): Promise<void> {
    for (const res of this.hung) res.destroy();
    this.hung.clear();
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      let body: Record<string, unknown> | undefined;
      try {
        body = JSON.parse(raw) as Record<string, unknown>;
      } catch {
        body = undefined;
      }
      const kind: RecordedRequest['kind'] = body?.status === 'read' ? 'read' : 'message';
      const violations = body ? validateWhatsAppMessage(body) : ['body is not JSON'];
      const expectedPath = `/${this.options.version}/${this.options.phoneNumberId}/messages`;
      if (req.method !== 'POST') violations.push(`method ${req.method} is not POST`);
      if (req.url !== expectedPath) violations.push(`path ${req.url} is not ${expectedPath}`);
      if (req.headers.authorization !== `Bearer ${this.options.accessToken}`) violations.push('Authorization is not "Bearer <access token>"');
      if (!String(req.headers['content-type']).startsWith('application/json')) violations.push('Content-Type is not application/json');
      this.requests.push({
        method: req.method ?? '',
        path: req.url ?? '',
        authorization: req.headers.authorization,
        contentType: req.headers['content-type'],
        body,
        kind,
        violations,
      });
      const scripted = (kind === 'read' ? this.readAnswers : this.sendAnswers).shift();
      if (violations.length) this.reply(res, metaError(100, 400, `(#100) Invalid parameter: ${violations[0]}`));
      else if (scripted) this.reply(res, scripted);
      else this.reply(res, { status: 200, body: this.success(body, kind) });
    });
  }

  private success(body: Record<string, unknown> | undefined, kind: RecordedRequest['kind']): unknown {
    if (kind === 'read') return { success: true };
    this.counter += 1;
    const to = body?.to as string | undefined;
    const recipient = body?.recipient as string | undefined;
    const contact = to ? { input: to, wa_id: to } : { input: recipient, user_id: recipient };
    return { messaging_product: 'whatsapp', contacts: [contact], messages: [{ id: `wamid.fake.${this.counter}` }] };
  }

  private reply(res: http.ServerResponse, answer: FakeAnswer): void {
    if ('hang' in answer) {
      this.hung.add(res);
      res.on('close', () => this.hung.delete(res));
      return;
    }
    const send = (): void => {
      if (res.destroyed) return;
      res.writeHead(answer.status, { 'Content-Type': 'application/json', ...answer.headers });
      res.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
    };
    if (answer.delayMs) setTimeout(send, answer.delayMs);
    else send();
  }
}
