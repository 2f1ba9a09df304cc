/**
 * How long our HTTP servers keep an idle kept-alive connection open. Node closes one after 5 s by
 * default; a client (Meta's webhook sender, a load balancer, the front door, the bench) that sends on
 * it at the moment we close it gets a reset ("socket hang up") instead of an answer. Meta then
 * retries, so nothing is lost, but the message waits and is received twice. Keeping connections
 * longer than clients and load balancers commonly keep them idle (60 s) makes that race rare.
 */
import type { Server } from 'node:http';

export const KEEP_ALIVE_MS = 65_000;

export function keepIdleConnectionsOpen(server: Server): void {
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  // Node answers headers that take longer than headersTimeout with 408; it must outlast the idle wait.
  server.headersTimeout = KEEP_ALIVE_MS + 1_000;
}
