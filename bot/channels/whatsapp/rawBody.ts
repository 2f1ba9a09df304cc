/**
 * Reads a request body as raw bytes, with a size limit, so the webhook signature is checked over
 * exactly what arrived. The WhatsApp route must not be behind a body parser.
 */
import type { IncomingMessage } from 'node:http';

/**
 * 3 MiB: the largest webhook payload Meta is reported to send (research notes §3). A lower limit
 * would answer 413 to a genuine batch, which Meta would then retry for days; 3 MiB per request
 * held in memory is small for the server.
 */
export const DEFAULT_MAX_BODY_BYTES = 3 * 1024 * 1024;

/** The body is larger than the limit (→ 413). */
export class PayloadTooLargeError extends Error {
  constructor(readonly limitBytes: number, readonly receivedBytes: number) {
    super(`request body exceeds ${limitBytes} bytes`);
    this.name = 'PayloadTooLargeError';
  }
}

/** A request whose body a framework (e.g. a body parser) has already read, keeping the raw copy. */
type MaybeParsed = IncomingMessage & { rawBody?: unknown };

/**
 * Resolves with the whole body as a Buffer; rejects with PayloadTooLargeError as soon as the
 * declared or received size passes `limitBytes` (the rest is not buffered).
 */
export function readRawBody(req: IncomingMessage, limitBytes = DEFAULT_MAX_BODY_BYTES): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limitBytes) {
    return Promise.reject(new PayloadTooLargeError(limitBytes, declared));
  }
  // Already consumed upstream: use the raw copy a body reader kept, if any (restify keeps req.rawBody).
  const parsed = req as MaybeParsed;
  if (req.readableEnded && parsed.rawBody !== undefined) {
    const raw = Buffer.isBuffer(parsed.rawBody) ? parsed.rawBody : Buffer.from(String(parsed.rawBody), 'utf8');
    return raw.length > limitBytes ? Promise.reject(new PayloadTooLargeError(limitBytes, raw.length)) : Promise.resolve(raw);
  }
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    const cleanup = (): void => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('aborted', onAborted);
    };
    const onData = (chunk: Buffer | string): void => {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      received += buffer.length;
      if (received > limitBytes) {
        cleanup();
        // Keep draining without buffering, so the 413 can still be written on this connection.
        req.resume();
        reject(new PayloadTooLargeError(limitBytes, received));
        return;
      }
      chunks.push(buffer);
    };
    const onEnd = (): void => {
      cleanup();
      resolve(Buffer.concat(chunks, received));
    };
    const onError = (err: Error): void => {
      cleanup();
      reject(err);
    };
    const onAborted = (): void => onError(new Error('the client aborted the request'));
    req.on('data', onData);
    req.once('end', onEnd);
    req.once('error', onError);
    req.once('aborted', onAborted);
  });
}
