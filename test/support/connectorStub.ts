/**
 * A local stand-in for the Bot Framework connector service (what the Emulator runs): the bot posts
 * its replies to {serviceUrl}/v3/conversations/{id}/activities/{replyToId}; we record them.
 */
import http from 'node:http';
import type { Activity } from 'botbuilder';

export interface ConnectorStub {
  url: string;
  replies: Partial<Activity>[];
  /** Waits until at least `count` replies arrived (or fails after `timeoutMs`). */
  waitFor(count: number, timeoutMs?: number): Promise<Partial<Activity>[]>;
  close(): Promise<void>;
}

export async function startConnectorStub(): Promise<ConnectorStub> {
  const replies: Partial<Activity>[] = [];
  let waiters: (() => void)[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      if (req.method === 'POST' && /\/v3\/conversations\/[^/]+\/activities/.test(req.url ?? '')) {
        replies.push(JSON.parse(body) as Partial<Activity>);
        waiters.forEach((w) => w());
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: `reply-${replies.length}` }));
    });
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${address.port}`,
    replies,
    waitFor(count, timeoutMs = 10000) {
      return new Promise((resolve, reject) => {
        const check = (): boolean => {
          if (replies.length >= count) {
            clearTimeout(timer);
            waiters = waiters.filter((w) => w !== check);
            resolve(replies.slice());
            return true;
          }
          return false;
        };
        const timer = setTimeout(() => reject(new Error(`expected ${count} replies, got ${replies.length}: ${JSON.stringify(replies.map((r) => r.text))}`)), timeoutMs);
        if (!check()) waiters.push(check);
      });
    },
    close() {
      return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
