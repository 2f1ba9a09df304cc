/**
 * What the primary and the bot workers say to each other over the cluster's IPC channel. Every
 * message carries a `probot` tag, so messages of node:cluster itself are never mistaken for ours.
 */

/** Primary → worker. */
export type ToWorker =
  /** Start the bot now (the worker has loaded its modules meanwhile; starts touch the store one at a time). */
  | { probot: 'start' }
  /** A notification part the front door verified and answered; reply `handled` with its id. */
  | { probot: 'webhook'; id: number; payload: unknown }
  /** Finish what was accepted, then stop (sent after the last part, so none is left behind). */
  | { probot: 'stop' };

/** Worker → primary. */
export type FromWorker =
  /** The worker listens on 127.0.0.1:port for what the front door passes on. */
  | { probot: 'ready'; port: number }
  /** Every message of part `id` has been handled (answered, skipped as a repeat, or failed and logged). */
  | { probot: 'handled'; id: number };

function tagged(message: unknown): boolean {
  return typeof message === 'object' && message !== null && typeof (message as { probot?: unknown }).probot === 'string';
}

export const isFromWorker = (message: unknown): message is FromWorker => tagged(message);
export const isToWorker = (message: unknown): message is ToWorker => tagged(message);
