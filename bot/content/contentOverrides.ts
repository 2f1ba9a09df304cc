/**
 * Fact texts edited outside the repository (`pro content import`), kept in the Cosmos `content`
 * container: one document per fact and locale, with who changed it and when. The repository's files
 * stay the default; removing an override brings the file's text back. Every change also goes to the
 * audit container (entity "content:<locale>:<key>"), with the text before and after.
 */
import { randomUUID } from 'node:crypto';
import type { Container } from '@azure/cosmos';
import { overrideId } from './contentOverlay';
import type { FactOverride } from './types';

export interface OverrideDocument extends FactOverride {
  id: string;
  updatedBy: string;
  /** ISO timestamp. */
  updatedAt: string;
}

/** What an import does to one fact and locale. */
export type OverrideChange = { action: 'set'; override: FactOverride; before: FactOverride | null } | { action: 'remove'; key: string; locale: string; before: FactOverride };

export interface ContentAuditEntry {
  id: string;
  entityId: string;
  entityType: 'content';
  action: 'set' | 'remove';
  actor: string;
  at: string;
  before: FactOverride | null;
  after: FactOverride | null;
  batchId: string;
}

/** The override's own fields, without Cosmos' and ours. */
export function overrideOf(doc: FactOverride): FactOverride {
  const override: FactOverride = { key: doc.key, locale: doc.locale, text: doc.text, sources: [...doc.sources], reviewed: doc.reviewed };
  if (doc.reviewBy) override.reviewBy = doc.reviewBy;
  if (doc.mayBeOutdated) override.mayBeOutdated = true;
  return override;
}

export class ContentOverrides {
  constructor(
    private readonly container: Container,
    private readonly audit: Container,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** Every override in force: one query, for the bot's periodic refresh and the CLI. */
  async list(): Promise<OverrideDocument[]> {
    const { resources } = await this.container.items.query<OverrideDocument>('SELECT * FROM c').fetchAll();
    return resources.sort((a, b) => a.id.localeCompare(b.id));
  }

  /** Writes the changes of one import, each with its audit entry; returns the batch id. */
  async apply(changes: readonly OverrideChange[], actor: string): Promise<string> {
    const batchId = randomUUID();
    const at = this.clock().toISOString();
    for (const change of changes) {
      const key = change.action === 'set' ? change.override.key : change.key;
      const locale = change.action === 'set' ? change.override.locale : change.locale;
      const id = overrideId(key, locale);
      if (change.action === 'set') {
        const doc: OverrideDocument = { ...overrideOf(change.override), id, updatedBy: actor, updatedAt: at };
        await this.container.items.upsert(doc);
      } else {
        try {
          await this.container.item(id, id).delete();
        } catch (err) {
          if ((err as { code?: number }).code !== 404) throw err; // already gone is fine
        }
      }
      const entry: ContentAuditEntry = {
        id: randomUUID(),
        entityId: `content:${locale}:${key}`,
        entityType: 'content',
        action: change.action,
        actor,
        at,
        before: change.before,
        after: change.action === 'set' ? overrideOf(change.override) : null,
        batchId,
      };
      await this.audit.items.create(entry);
    }
    return batchId;
  }

  /** The changes to one fact in one locale, oldest first. */
  async history(key: string, locale: string): Promise<ContentAuditEntry[]> {
    const entityId = `content:${locale}:${key}`;
    const { resources } = await this.audit.items
      .query<ContentAuditEntry>({ query: 'SELECT * FROM c WHERE c.entityId = @entityId', parameters: [{ name: '@entityId', value: entityId }] }, { partitionKey: entityId })
      .fetchAll();
    return resources.sort((a, b) => a.at.localeCompare(b.at));
  }
}
