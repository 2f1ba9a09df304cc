/**
 * The Graph API's HTTP transport: node:https (or node:http for a local stand-in) over one keep-alive
 * agent per client, with a whole-call timeout. Cheaper per call than fetch (no web streams), and the
 * kept connections spare a TLS handshake per message.
 */
import http from 'node:http';
import https from 'node:https';

/** An answer read in full. */
export interface TransportAnswer {
  status: number;
  /** A response header by lower-case name (e.g. 'retry-after'). */
  header(name: string): string | undefined;
  text: string;
}

/** No answer within the timeout (the request was aborted). */
export class TransportTimeoutError extends Error {
  constructor(ms: number) {
    super(`no answer within ${ms} ms`);
    this.name = 'TimeoutError';
  }
}

export interface PostJson {
  (url: string, headers: Record<string, string>, body: string, timeoutMs: number): Promise<TransportAnswer>;
}

/** Sockets kept open per origin; Meta allows many parallel calls, a turn's replies go one by one. */
const MAX_SOCKETS = 64;

/** A POST function with its own keep-alive agents; `close()` ends their idle sockets. */
export function keepAliveTransport(): { post: PostJson; close(): void } {
  const agents = {
    'https:': new https.Agent({ keepAlive: true, maxSockets: MAX_SOCKETS, scheduling: 'lifo' }),
    'http:': new http.Agent({ keepAlive: true, maxSockets: MAX_SOCKETS, scheduling: 'lifo' }),
  };
  const post: PostJson = (url, headers, body, timeoutMs) =>
    new Promise<TransportAnswer>((resolve, reject) => {
      const target = new URL(url);
      const secure = target.protocol === 'https:';
      const send = secure ? https.request : http.request;
      const payload = Buffer.from(body, 'utf8');
      const req = send(target, { method: 'POST', agent: agents[secure ? 'https:' : 'http:'], headers: { ...headers, 'Content-Length': payload.length } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          clearTimeout(timer);
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, header: (name) => first(res.headers[name]), text });
        });
        res.on('error', fail);
      });
      // One timer for the whole call (connect, send, answer), as AbortSignal.timeout gave.
      const timer = setTimeout(() => req.destroy(new TransportTimeoutError(timeoutMs)), timeoutMs);
      function fail(err: Error): void {
        clearTimeout(timer);
        reject(err);
      }
      req.on('error', fail);
      req.end(payload);
    });
  return {
    post,
    close: () => {
      agents['https:'].destroy();
      agents['http:'].destroy();
    },
  };
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
