/**
 * Who changed what in the referral directory, and when: one audit document per change, with the
 * entry before and after, so any mistake can be traced and undone by hand.
 */
import { randomUUID } from 'node:crypto';
import type { Container, OperationInput } from '@azure/cosmos';
import { asJson, bulkWrite } from './bulkWrite';
import type { Referral } from './referral';

export type AuditAction = 'add' | 'update' | 'remove' | 'delete' | 'import';

export interface AuditEntry {
  id: string;
  /** The referral's id; the audit container is partitioned by it, so one entry's history is one partition. */
  entityId: string;
  entityType: 'referral';
  action: AuditAction;
  /** The OS user running the CLI, `--actor`, or the bot for its own seeding. */
  actor: string;
  /** ISO timestamp. */
  at: string;
  before: Referral | null;
  after: Referral | null;
  /** Groups the entries written by one import. */
  batchId?: string;
}

export type AuditChange = Pick<AuditEntry, 'entityId' | 'action' | 'before' | 'after'>;

export class AuditLog {
  constructor(private readonly container: Container, private readonly clock: () => Date = () => new Date()) {}

  async record(change: AuditChange, actor: string): Promise<AuditEntry> {
    const entry = this.entry(change, actor);
    await this.container.items.create(entry);
    return entry;
  }

  /** Writes many entries at once (imports); returns how many failed to be written. */
  async recordMany(changes: AuditChange[], actor: string, batchId: string): Promise<number> {
    const operations: OperationInput[] = changes.map((change) => ({
      operationType: 'Create',
      partitionKey: change.entityId,
      resourceBody: asJson({ ...this.entry(change, actor), batchId }),
    }));
    return (await bulkWrite(this.container, operations)).length;
  }

  /** Removes the entries of one import batch (the import was undone); returns how many could not be removed. */
  async forgetBatch(batchId: string): Promise<number> {
    const { resources } = await this.container.items
      .query<{ id: string; entityId: string }>({ query: 'SELECT c.id, c.entityId FROM c WHERE c.batchId = @batchId', parameters: [{ name: '@batchId', value: batchId }] })
      .fetchAll();
    const failures = await bulkWrite(this.container, resources.map((r) => ({ operationType: 'Delete' as const, partitionKey: r.entityId, id: r.id })));
    return failures.filter((f) => f.statusCode !== 404).length;
  }

  /** The changes to one referral, oldest first. */
  async history(entityId: string): Promise<AuditEntry[]> {
    const { resources } = await this.container.items
      .query<AuditEntry>(
        { query: 'SELECT * FROM c WHERE c.entityId = @entityId', parameters: [{ name: '@entityId', value: entityId }] },
        { partitionKey: entityId },
      )
      .fetchAll();
    return resources.map(stripSystemFields).sort((a, b) => a.at.localeCompare(b.at));
  }

  private entry(change: AuditChange, actor: string): AuditEntry {
    return { id: randomUUID(), entityType: 'referral', actor, at: this.clock().toISOString(), ...change };
  }
}

function stripSystemFields(entry: AuditEntry): AuditEntry {
  const { id, entityId, entityType, action, actor, at, before, after, batchId } = entry;
  return batchId === undefined ? { id, entityId, entityType, action, actor, at, before, after } : { id, entityId, entityType, action, actor, at, before, after, batchId };
}
