/**
 * A bot worker's side of the front door: it tells the primary its loopback port, takes the
 * webhook parts the primary verified and answered (into its WebhookReceiver, so a person's
 * messages still run one at a time in arrival order), says when each is handled, and stops
 * when the primary asks, after the last part it was sent.
 */
import type { Logger } from '../logger';
import { isToWorker, type FromWorker } from './ipc';

export interface WorkerLinkOptions {
  /** The worker's own loopback port (startBot with behindFrontDoor). */
  port: number;
  /** WebhookReceiver.acceptVerified with the bot's turn; undefined when WhatsApp is not configured. */
  accept?: (payload: unknown) => Promise<void>;
  /** Finish the accepted work and stop (as on SIGTERM). */
  stop: () => void;
  logger: Logger;
}

/**
 * Resolves when the primary lets this worker start its bot. Call it before loading the bot's
 * modules (synchronously, so the message cannot arrive before anyone listens for it).
 */
export function untilAllowedToStart(): Promise<void> {
  return new Promise((resolve) => {
    const onMessage = (message: unknown): void => {
      if (!isToWorker(message) || message.probot !== 'start') return;
      process.off('message', onMessage);
      resolve();
    };
    process.on('message', onMessage);
  });
}

export function connectToFrontDoor(options: WorkerLinkOptions): void {
  const { accept, logger } = options;
  const tell = (message: FromWorker): void => {
    // The primary gone means the cluster is ending; nothing is waiting for the answer.
    if (process.connected) process.send?.(message);
  };
  process.on('message', (message: unknown) => {
    if (!isToWorker(message) || message.probot === 'start') return;
    if (message.probot === 'stop') {
      options.stop();
      return;
    }
    if (!accept) {
      logger.warn('a WhatsApp webhook part reached a worker without WhatsApp configured; ignored');
      tell({ probot: 'handled', id: message.id });
      return;
    }
    void accept(message.payload).then(() => tell({ probot: 'handled', id: message.id }));
  });
  tell({ probot: 'ready', port: options.port });
}
