/**
 * How long our HTTP servers keep an idle kept-alive connection open. Node closes one after 5 s by
 * default; a client (Meta's webhook sender, a load balancer, the front door, the bench) that sends on
 * it at the moment we close it gets a reset ("socket hang up") instead of an answer. Meta then
 * retries, so nothing is lost, but the message waits and is received twice. Keeping connections
 * longer than clients and load balancers commonly keep them idle (60 s) makes that race rare.
 *
 * The price: `server.close()` waits for every connection to end, and Node closes only those idle at
 * the moment it is called. A connection whose request was still running falls idle afterwards and
 * stays open for the whole 65 s, so a stop (an App Service restart, a deploy) took a minute.
 * `closeServer` closes such connections as soon as their answer is out.
 */
import type { Server } from 'node:http';

export const KEEP_ALIVE_MS = 65_000;

export function keepIdleConnectionsOpen(server: Server): void {
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  // Node answers headers that take longer than headersTimeout with 408; it must outlast the idle wait.
  server.headersTimeout = KEEP_ALIVE_MS + 1_000;
}

/** How often a closing server looks for connections that have fallen idle since `close()`. */
const SWEEP_MS = 50;

/**
 * Stops accepting connections and resolves once every open one has ended: requests still running
 * get their answer, then their connection is closed within SWEEP_MS instead of after KEEP_ALIVE_MS.
 */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    const sweep = setInterval(() => server.closeIdleConnections(), SWEEP_MS);
    server.close(() => {
      clearInterval(sweep);
      resolve();
    });
    server.closeIdleConnections();
  });
}
