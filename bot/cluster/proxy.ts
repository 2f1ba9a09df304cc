/**
 * Passes a request the front door does not answer itself (Bot Framework activities, Meta's
 * verification handshake, Chatwoot's webhook, …) to a bot worker on its loopback port, and its
 * answer back unchanged: status, headers and body are the worker's.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';

/** Headers about one connection, not the message: each hop sets its own. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'trailer']);

function endToEnd(headers: http.IncomingHttpHeaders): http.OutgoingHttpHeaders {
  const kept: http.OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) if (value !== undefined && !HOP_BY_HOP.has(name)) kept[name] = value;
  return kept;
}

/** Keep-alive to the workers: a new loopback connection per request would cost more than the request. */
export function createWorkerAgent(): http.Agent {
  return new http.Agent({ keepAlive: true, maxSockets: 256, keepAliveMsecs: 10_000 });
}

/** Sends `req` to 127.0.0.1:port and streams the answer into `res`; 502 when the worker cannot be reached. */
export function proxyToWorker(port: number, req: IncomingMessage, res: ServerResponse, agent: http.Agent): void {
  const upstream = http.request({ host: '127.0.0.1', port, method: req.method, path: req.url, headers: endToEnd(req.headers), agent }, (answer) => {
    res.writeHead(answer.statusCode ?? 502, endToEnd(answer.headers));
    answer.pipe(res);
    answer.once('error', () => res.destroy());
  });
  upstream.once('error', () => {
    if (res.headersSent) res.destroy();
    else {
      res.writeHead(502, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' });
      res.end('Bad gateway: the bot worker did not answer');
    }
  });
  // The caller gone: stop the worker's answer being read for nobody.
  res.once('close', () => {
    if (!res.writableFinished) upstream.destroy();
  });
  req.pipe(upstream);
}
