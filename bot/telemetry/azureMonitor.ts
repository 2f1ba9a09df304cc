/**
 * Telemetry to Application Insights through OpenTelemetry (Microsoft's Azure Monitor distro):
 * HTTP requests and outgoing calls come from its http instrumentation (the store, Bot Framework,
 * Meta's Graph API and Chatwoot, all on node:http/https); turns, errors and refused webhook calls are ours. Every span
 * passes PersonalDataScrubber first. Only loaded when a connection string is set (telemetry.ts).
 */
import type { IncomingMessage, RequestOptions } from 'node:http';
import { shutdownAzureMonitor, useAzureMonitor } from '@azure/monitor-opentelemetry';
import { context, metrics, SpanStatusCode, trace } from '@opentelemetry/api';
import { version } from '../version';
import { PersonalDataScrubber } from './personalDataScrubber';
import type { Telemetry, TelemetryStartOptions } from './telemetry';

const off = { enabled: false };
const METADATA_ADDRESS = '169.254.169.254';

export function startAzureMonitor(connectionString: string, options: TelemetryStartOptions): Telemetry {
  const ignoreIncomingRequestHook = (request: IncomingMessage): boolean => options.embeddedStorePort !== undefined && request.socket.localPort === options.embeddedStorePort;
  // The resource detector's probes of the VM metadata address are the SDK's business, not the bot's calls.
  const ignoreOutgoingRequestHook = (request: RequestOptions): boolean => request.hostname === METADATA_ADDRESS || request.host === METADATA_ADDRESS;
  useAzureMonitor({
    azureMonitorExporterOptions: { connectionString },
    enableLiveMetrics: false,
    // Every trace is kept (a pilot line's volume costs little); OTEL_TRACES_SAMPLER overrides this.
    samplingRatio: 1,
    tracesPerSecond: 0,
    instrumentationOptions: {
      http: { enabled: true, ignoreIncomingRequestHook, ignoreOutgoingRequestHook } as { enabled: boolean },
      azureSdk: { enabled: true },
      // Libraries the bot does not use.
      mongoDb: off,
      mySql: off,
      postgreSql: off,
      redis: off,
      redis4: off,
      bunyan: off,
      winston: off,
    },
    spanProcessors: [new PersonalDataScrubber()],
  });

  const tracer = trace.getTracer('pro-bot', version);
  const meter = metrics.getMeter('pro-bot', version);
  const turns = meter.createCounter('probot.turns', { description: 'Turns (messages answered), by channel, theme and outcome' });
  const turnDuration = meter.createHistogram('probot.turn.duration', { description: 'Time from a message reaching the bot to its replies being sent', unit: 'ms' });
  const errors = meter.createCounter('probot.errors', { description: 'Errors by kind (class name and code, never a message)' });
  const rejections = meter.createCounter('probot.webhook.signature_rejections', { description: 'WhatsApp webhook calls refused for a missing (401) or wrong (403) X-Hub-Signature-256' });

  return {
    enabled: true,
    async turn(run, outcomeOf) {
      const span = tracer.startSpan('turn');
      const started = performance.now();
      let failure: unknown;
      try {
        await context.with(trace.setSpan(context.active(), span), run);
      } catch (error) {
        failure = error;
        throw error;
      } finally {
        const outcome = outcomeOf(failure);
        const attributes = { channel: outcome.channel, theme: outcome.theme, outcome: outcome.errorKind ? 'failed' : 'answered' };
        turns.add(1, attributes);
        turnDuration.record(performance.now() - started, attributes);
        span.setAttributes({ 'probot.channel': outcome.channel, 'probot.theme': outcome.theme });
        if (outcome.errorKind) span.setStatus({ code: SpanStatusCode.ERROR, message: outcome.errorKind });
        span.end();
      }
    },
    error(kind) {
      errors.add(1, { kind });
    },
    signatureRejected(reason) {
      rejections.add(1, { reason });
    },
    shutdown: () => shutdownAzureMonitor(),
  };
}
