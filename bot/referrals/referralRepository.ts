/**
 * The referral directory on Cosmos DB: partitioned by department ("national" for country-wide lines),
 * optimistic concurrency on updates, and an audit entry for every change. Only the I/O is here: the
 * queries are built in referralQuery.ts and an import's writes are planned in importPlan.ts.
 */
import { randomUUID } from 'node:crypto';
import type { Container, OperationInput } from '@azure/cosmos';
import { GeoDirectory } from '../geo';
import { statusOf } from '../storage/cosmosErrors';
import { AuditChange, AuditEntry, AuditLog } from './auditLog';
import { bulkWrite } from './bulkWrite';
import { planImport, undoOperations } from './importPlan';
import { partitionKeyOf, Referral } from './referral';
import { changedColumns, ReferralDocument, StoredReferral, storedOf, toDocument } from './referralDocument';
import { ReferralConflictError, ReferralExistsError, ReferralNotFoundError, ReferralWriteError } from './referralErrors';
import { byIdQuery, byPlaceThenName, existingIdsQuery, listQuery, partitionProbeQuery, ReferralFilter, ReferralQuery } from './referralQuery';
import type { ReferralColumn } from './referralFields';

/** What the bot's read side needs; ReferralDirectory depends on this, so tests can substitute it. */
export interface ReferralReader {
  list(filter: ReferralFilter): Promise<StoredReferral[]>;
  get(id: string): Promise<StoredReferral | undefined>;
}

export type RemoveOutcome = 'deactivated' | 'already_inactive' | 'deleted' | 'not_found';

export interface UpdateOutcome {
  before: StoredReferral;
  after: StoredReferral;
  /** Empty when nothing changed (then nothing was written). */
  changed: ReferralColumn[];
}

export interface ImportOutcome {
  created: number;
  updated: number;
  unchanged: number;
  /** Groups this import's audit entries. */
  batchId: string;
  dryRun: boolean;
}

export interface ImportOptions {
  dryRun?: boolean;
  /** Called as writes complete: entries written so far and how many will be. */
  onProgress?: (done: number, total: number) => void;
}

export interface ReferralRepositoryOptions {
  geo?: GeoDirectory;
  clock?: () => Date;
}

/**
 * Reads and changes the referral directory. Every change is audited with `actor`.
 *
 * @example
 * const repo = new ReferralRepository(store.containers.referrals, store.containers.audit);
 * await repo.add(referral, 'maria');
 * const cucuta = await repo.list({ municipalityCode: '54001', service: 'legal', includeNational: true });
 */
export class ReferralRepository implements ReferralReader {
  readonly audit: AuditLog;
  private readonly geo: GeoDirectory;
  private readonly clock: () => Date;

  constructor(private readonly container: Container, auditContainer: Container, options: ReferralRepositoryOptions = {}) {
    this.geo = options.geo ?? GeoDirectory.shipped();
    this.clock = options.clock ?? (() => new Date());
    this.audit = new AuditLog(auditContainer, this.clock);
  }

  /** The entry with this id, wherever it is partitioned. */
  async get(id: string): Promise<StoredReferral | undefined> {
    const documents = await this.queryDocuments(byIdQuery(id));
    return documents[0] && storedOf(documents[0]);
  }

  async list(filter: ReferralFilter = {}): Promise<StoredReferral[]> {
    const documents = await this.queryDocuments(listQuery(filter));
    return documents.map(storedOf).sort(byPlaceThenName);
  }

  /** True when no entry (active or not) is stored under this partition key. */
  async isPartitionEmpty(partitionKey: string): Promise<boolean> {
    const found = await this.queryDocuments(partitionProbeQuery(partitionKey));
    return found.length === 0;
  }

  /** Adds a new entry; ReferralExistsError when the id is taken (in any department). */
  async add(referral: Referral, actor: string): Promise<StoredReferral> {
    if (await this.get(referral.id)) throw new ReferralExistsError(referral.id);
    let created: ReferralDocument;
    try {
      ({ resource: created } = (await this.container.items.create(toDocument(referral, actor, this.clock(), this.geo))) as { resource: ReferralDocument });
    } catch (err) {
      if (statusOf(err) === 409) throw new ReferralExistsError(referral.id);
      throw err;
    }
    await this.audit.record({ entityId: referral.id, action: 'add', before: null, after: referral }, actor);
    return storedOf(created);
  }

  /**
   * Replaces an entry read earlier. `etag` is the one from that read: if anyone changed the entry
   * since, ReferralConflictError and nothing is written. Moving to another department moves the
   * document to that partition (create there, then delete the old one).
   */
  async update(referral: Referral, etag: string, actor: string): Promise<UpdateOutcome> {
    const current = await this.currentDocument(referral.id);
    if (current._etag !== etag) throw new ReferralConflictError(referral.id);
    const before = storedOf(current);
    const changed = changedColumns(before.referral, referral);
    if (!changed.length) return { before, after: before, changed };
    const document = toDocument(referral, actor, this.clock(), this.geo);
    let written: ReferralDocument;
    if (document.partitionKey === current.partitionKey) {
      written = await this.replace(document, etag);
    } else {
      written = (await this.container.items.create(document)).resource as ReferralDocument;
      try {
        await this.container.item(current.id, current.partitionKey).delete({ accessCondition: { type: 'IfMatch', condition: etag } });
      } catch (err) {
        // Undo the copy so the entry never exists twice, then report the conflict.
        await this.container.item(document.id, document.partitionKey).delete();
        if (statusOf(err) === 412 || statusOf(err) === 404) throw new ReferralConflictError(referral.id);
        throw err;
      }
    }
    await this.audit.record({ entityId: referral.id, action: 'update', before: before.referral, after: referral }, actor);
    return { before, after: storedOf(written), changed };
  }

  /** Deactivates an entry (people stop seeing it; its history stays). Already inactive or absent is not an error. */
  async deactivate(id: string, actor: string): Promise<RemoveOutcome> {
    const stored = await this.get(id);
    if (!stored) return 'not_found';
    if (!stored.referral.active) return 'already_inactive';
    const after: Referral = { ...stored.referral, active: false };
    await this.replace(toDocument(after, actor, this.clock(), this.geo), stored.etag);
    await this.audit.record({ entityId: id, action: 'remove', before: stored.referral, after }, actor);
    return 'deactivated';
  }

  /** Deletes an entry for good (the audit keeps its last state). Absent is not an error. */
  async delete(id: string, actor: string): Promise<RemoveOutcome> {
    const stored = await this.get(id);
    if (!stored) return 'not_found';
    try {
      await this.container.item(id, partitionKeyOf(stored.referral)).delete({ accessCondition: { type: 'IfMatch', condition: stored.etag } });
    } catch (err) {
      if (statusOf(err) === 404) return 'not_found';
      if (statusOf(err) === 412) throw new ReferralConflictError(id);
      throw err;
    }
    await this.audit.record({ entityId: id, action: 'delete', before: stored.referral, after: null }, actor);
    return 'deleted';
  }

  /**
   * Upserts many entries by id: new ids are created, changed ones replaced (moved when their
   * department changed), identical ones left alone and not audited. Writes in bulk.
   * Validation is the caller's job (see readReferralFile): pass only valid entries with unique ids.
   */
  async importReferrals(referrals: Referral[], actor: string, options: ImportOptions = {}): Promise<ImportOutcome> {
    const batchId = randomUUID();
    const existing = new Map((await this.queryDocuments(existingIdsQuery(referrals.map((r) => r.id)))).map((d) => [d.id, d]));
    const { operations, owners, changes, created, updated, unchanged } = planImport(referrals, existing, { actor, now: this.clock(), geo: this.geo });
    const outcome: ImportOutcome = { created, updated, unchanged, batchId, dryRun: !!options.dryRun };
    if (options.dryRun || !operations.length) return outcome;

    let done = 0;
    const failures = await bulkWrite(this.container, operations, (count) => {
      done += count;
      options.onProgress?.(done, operations.length);
    });
    // All or nothing: a failed write undoes the others, and so does a failed audit entry.
    if (failures.length) {
      const failedIds = new Map(failures.map((f) => [owners[f.index], f.statusCode]));
      await this.undoImport(operations, failures, existing);
      throw new ReferralWriteError([...failedIds].map(([id, statusCode]) => ({ id, statusCode })), 0);
    }
    const auditFailures = await this.audit.recordMany(changes, actor, batchId);
    if (auditFailures) {
      await this.audit.forgetBatch(batchId);
      await this.undoImport(operations, [], existing);
      throw new Error(`nothing was imported: ${auditFailures} audit entries could not be written (batch ${batchId}), so the import was undone`);
    }
    return outcome;
  }

  /** Puts back what an import's successful operations changed (importPlan's undoOperations). Throws when the directory could not be restored. */
  private async undoImport(operations: OperationInput[], failures: { index: number }[], existing: Map<string, ReferralDocument>): Promise<void> {
    const inverse = undoOperations(operations, new Set(failures.map((f) => f.index)), existing);
    const undoFailures = (await bulkWrite(this.container, inverse)).filter((f) => f.statusCode !== 404);
    if (undoFailures.length) throw new Error(`an import failed and ${undoFailures.length} of its writes could not be undone; check the directory with \`pro referrals list\``);
  }

  /** The audit trail of one entry, oldest first. */
  history(id: string): Promise<AuditEntry[]> {
    return this.audit.history(id);
  }

  private async currentDocument(id: string): Promise<ReferralDocument> {
    const documents = await this.queryDocuments(byIdQuery(id));
    if (!documents[0]) throw new ReferralNotFoundError(id);
    return documents[0];
  }

  private async replace(document: ReferralDocument, etag: string): Promise<ReferralDocument> {
    try {
      const { resource } = await this.container.item(document.id, document.partitionKey).replace(document, { accessCondition: { type: 'IfMatch', condition: etag } });
      return resource as ReferralDocument;
    } catch (err) {
      if (statusOf(err) === 412 || statusOf(err) === 404) throw new ReferralConflictError(document.id);
      throw err;
    }
  }

  private async queryDocuments({ query, parameters, partitionKey }: ReferralQuery): Promise<ReferralDocument[]> {
    // partitionKey routes the query to one partition on Cosmos DB; the WHERE clause carries the filter everywhere.
    // maxItemCount -1: pages as large as the service allows; the embedded server re-runs the whole query for every page.
    const options = { maxItemCount: -1, ...(partitionKey ? { partitionKey } : {}) };
    const { resources } = await this.container.items.query<ReferralDocument>({ query, parameters }, options).fetchAll();
    return resources;
  }
}
