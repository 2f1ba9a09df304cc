/**
 * What the bot reports to its operators (turns, errors, refused webhook calls), behind one
 * interface: Azure Monitor when APPLICATIONINSIGHTS_CONNECTION_STRING is set, else nothing at all.
 * The OpenTelemetry packages are required only in the first case, so a bot without telemetry
 * never loads them (start time and memory stay as they were).
 *
 * @example
 * startTelemetry(config.telemetry);                  // once, before restify and @azure/cosmos load
 * currentTelemetry().signatureRejected('wrong');     // anywhere after
 */
import type { TelemetryConfig } from '../config';

/** How a turn ended, as counted: never the person's words, id or phone number. */
export interface TurnOutcome {
  /** The activity's channelId: `whatsapp`, `emulator`, `msteams`… */
  channel: string;
  /** The menu theme id the turn was in (`health`, `services`…), or `none`. */
  theme: string;
  /** The error kind when the turn failed (see errorKind.ts). */
  errorKind?: string;
}

export interface Telemetry {
  readonly enabled: boolean;
  /**
   * Runs one turn inside a `turn` span (so its store calls nest under it), then counts it and its
   * duration by channel, theme and outcome; `outcomeOf` is read once the turn has run.
   */
  turn(run: () => Promise<void>, outcomeOf: (error: unknown) => TurnOutcome): Promise<void>;
  /** Counts one error by kind (a class name or code, never a message). */
  error(kind: string): void;
  /** Counts one webhook call refused for its X-Hub-Signature-256: `missing` (401) or `wrong` (403). */
  signatureRejected(reason: 'missing' | 'wrong'): void;
  /** Sends what is still buffered; the process should exit after. */
  shutdown(): Promise<void>;
}

export const noTelemetry: Telemetry = {
  enabled: false,
  turn: (run) => run(),
  error: () => undefined,
  signatureRejected: () => undefined,
  shutdown: async () => undefined,
};

let current: Telemetry = noTelemetry;

export interface TelemetryStartOptions {
  /** The embedded store's port: its in-process server's requests are store calls, not the bot's requests. */
  embeddedStorePort?: number;
}

/** Starts Azure Monitor once when configured; later calls return the running telemetry. */
export function startTelemetry(config: TelemetryConfig | undefined, options: TelemetryStartOptions = {}): Telemetry {
  if (!config || current.enabled) return current;
  // Required here, not imported at the top: without a connection string nothing of OpenTelemetry loads.
  const { startAzureMonitor } = require('./azureMonitor') as typeof import('./azureMonitor');
  current = startAzureMonitor(config.connectionString, options);
  return current;
}

export function currentTelemetry(): Telemetry {
  return current;
}
