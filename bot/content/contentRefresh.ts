/**
 * Keeps a running bot's catalog in step with the imported overrides: loads them at start and then
 * every `intervalMs` (one query per refresh, never per turn), so an import reaches every instance
 * without a redeploy. An override that breaks a content rule is left out and logged by key, locale and
 * rule, never with its text. A failed refresh keeps the content in force.
 */
import type { Logger } from '../logger';
import type { ContentCatalog } from './catalog';
import type { FactOverride } from './types';

export interface OverrideSource {
  list(): Promise<FactOverride[]>;
}

export class ContentRefresher {
  private timer: NodeJS.Timeout | undefined;
  private lastSignature: string | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly catalog: ContentCatalog,
    private readonly source: OverrideSource,
    private readonly logger: Logger,
    private readonly intervalMs = 60_000,
  ) {}

  /** Loads the overrides now; unchanged overrides are not checked again. */
  async refresh(): Promise<void> {
    let overrides: FactOverride[];
    try {
      overrides = await this.source.list();
    } catch (err) {
      this.logger.warn({ err: { name: (err as Error).name, message: (err as Error).message } }, 'content overrides could not be read; keeping the content in force');
      return;
    }
    const signature = JSON.stringify(overrides);
    if (signature === this.lastSignature) return;
    this.lastSignature = signature;
    const outcome = this.catalog.applyOverrides(overrides);
    for (const rejected of outcome.rejected) {
      this.logger.warn(
        { key: rejected.key, locale: rejected.locale, rules: [...new Set(rejected.problems.map((p) => `${p.field}:${p.rule}`))] },
        'content override left out: it breaks a content rule; the file text is shown instead',
      );
    }
    this.logger.info({ overrides: overrides.length, applied: outcome.applied, rejected: outcome.rejected.length }, 'content overrides loaded');
  }

  /** Refreshes every interval until stop(); the timer never keeps the process alive. */
  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      if (this.running) return; // a slow store never stacks refreshes
      this.running = this.refresh().finally(() => (this.running = undefined));
    }, this.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }
}
