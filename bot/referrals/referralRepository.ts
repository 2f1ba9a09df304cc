/**
 * The referral directory on Cosmos DB: partitioned by department ("national" for country-wide lines),
 * parameterized queries only, optimistic concurrency on updates, and an audit entry for every change.
 * Queries stay in the subset the embedded server shares with Cosmos DB (WHERE, IN, CONTAINS,
 * ARRAY_CONTAINS, TOP; no OFFSET/LIMIT, DISTINCT, GROUP BY), and always filter the partition key in
 * WHERE because the embedded server ignores the partitionKey query option.
 */
import { randomUUID } from 'node:crypto';
import type { Container, OperationInput, SqlParameter } from '@azure/cosmos';
import { foldPlaceText, GeoDirectory } from '../geo';
import { statusOf } from '../storage/cosmosErrors';
import { AuditChange, AuditEntry, AuditLog } from './auditLog';
import { asJson, bulkWrite } from './bulkWrite';
import type { BoundingBox } from './distance';
import { NATIONAL_PARTITION, partitionKeyOf, Referral } from './referral';
import { changedColumns, ReferralDocument, referralOf, StoredReferral, storedOf, toDocument } from './referralDocument';
import { ReferralConflictError, ReferralExistsError, ReferralNotFoundError, ReferralWriteError } from './referralErrors';
import type { ReferralColumn } from './referralRecord';
import type { ServiceKind } from './serviceKinds';

/** One collator for every sort: `localeCompare(x, 'es')` looks a collator up on each comparison. */
const SPANISH = new Intl.Collator('es');
/** Up to this many rows, an import looks its ids up instead of reading the whole directory. */
const SMALL_IMPORT = 1000;

export interface ReferralFilter {
  departmentCode?: string;
  /** Implies its department (the code's first two digits). */
  municipalityCode?: string;
  service?: ServiceKind;
  /** Words in the name, organisation, address, place or populations; accents and case do not matter. */
  search?: string;
  /** Inactive (removed) entries are left out unless this is true. */
  includeInactive?: boolean;
  /** With a department or municipality: national lines too. */
  includeNational?: boolean;
  /** National lines only. */
  nationalOnly?: boolean;
  /** Only entries with coordinates inside this box. */
  within?: BoundingBox;
}

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

/** Sorts national lines first, then by department, municipality and name. */
function byPlaceThenName(a: StoredReferral, b: StoredReferral): number {
  const key = (r: Referral): string => `${r.departmentCode ?? ''}|${r.municipalityCode ?? ''}`;
  return key(a.referral).localeCompare(key(b.referral)) || SPANISH.compare(a.referral.name, b.referral.name) || a.referral.id.localeCompare(b.referral.id);
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
    const documents = await this.queryDocuments('SELECT * FROM c WHERE c.id = @id', [{ name: '@id', value: id }]);
    return documents[0] && storedOf(documents[0]);
  }

  async list(filter: ReferralFilter = {}): Promise<StoredReferral[]> {
    const where: string[] = [];
    const parameters: SqlParameter[] = [];
    const param = (name: string, value: string | number): string => {
      parameters.push({ name, value });
      return name;
    };
    const departmentCode = filter.departmentCode ?? filter.municipalityCode?.slice(0, 2);
    let partitionKey: string | undefined;
    if (filter.nationalOnly) {
      where.push(`c.partitionKey = ${param('@national', NATIONAL_PARTITION)}`);
      partitionKey = NATIONAL_PARTITION;
    } else if (departmentCode) {
      const department = param('@department', departmentCode);
      if (filter.includeNational) {
        const national = param('@national', NATIONAL_PARTITION);
        where.push(`c.partitionKey IN (${department}, ${national})`);
        if (filter.municipalityCode) where.push(`(c.municipalityCode = ${param('@municipality', filter.municipalityCode)} OR c.partitionKey = ${national})`);
      } else {
        where.push(`c.partitionKey = ${department}`);
        partitionKey = departmentCode;
        if (filter.municipalityCode) where.push(`c.municipalityCode = ${param('@municipality', filter.municipalityCode)}`);
      }
    }
    if (!filter.includeInactive) where.push('c.active = true');
    if (filter.service) where.push(`ARRAY_CONTAINS(c.services, ${param('@service', filter.service)})`);
    const search = filter.search ? foldPlaceText(filter.search) : '';
    if (search) where.push(`CONTAINS(c.searchText, ${param('@search', search)})`);
    if (filter.within) {
      const box = filter.within;
      where.push(
        `c.latitude >= ${param('@minLatitude', box.minLatitude)} AND c.latitude <= ${param('@maxLatitude', box.maxLatitude)}` +
          ` AND c.longitude >= ${param('@minLongitude', box.minLongitude)} AND c.longitude <= ${param('@maxLongitude', box.maxLongitude)}`,
      );
    }
    const query = `SELECT * FROM c${where.length ? ` WHERE ${where.join(' AND ')}` : ''}`;
    const documents = await this.queryDocuments(query, parameters, partitionKey);
    return documents.map(storedOf).sort(byPlaceThenName);
  }

  /** True when no entry (active or not) is stored under this partition key. */
  async isPartitionEmpty(partitionKey: string): Promise<boolean> {
    const found = await this.queryDocuments('SELECT TOP 1 c.id FROM c WHERE c.partitionKey = @partitionKey', [{ name: '@partitionKey', value: partitionKey }], partitionKey);
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
    const existing = new Map((await this.existingDocuments(referrals.map((r) => r.id))).map((d) => [d.id, d]));
    const now = this.clock();
    const operations: OperationInput[] = [];
    /** For each operation, the referral it writes (deletes of moved entries point at the same one). */
    const owners: string[] = [];
    const changes = new Map<string, AuditChange>();
    let created = 0;
    let updated = 0;
    let unchanged = 0;
    for (const referral of referrals) {
      const old = existing.get(referral.id);
      const document = asJson(toDocument(referral, actor, now, this.geo));
      const partitionKey = partitionKeyOf(referral);
      if (!old) {
        operations.push({ operationType: 'Create', partitionKey, resourceBody: document });
        owners.push(referral.id);
        changes.set(referral.id, { entityId: referral.id, action: 'import', before: null, after: referral });
        created++;
        continue;
      }
      const before = referralOf(old);
      if (!changedColumns(before, referral).length) {
        unchanged++;
        continue;
      }
      if (old.partitionKey === partitionKey) {
        operations.push({ operationType: 'Replace', partitionKey, id: referral.id, ifMatch: old._etag, resourceBody: document });
        owners.push(referral.id);
      } else {
        operations.push({ operationType: 'Create', partitionKey, resourceBody: document });
        operations.push({ operationType: 'Delete', partitionKey: old.partitionKey, id: old.id });
        owners.push(referral.id, referral.id);
      }
      changes.set(referral.id, { entityId: referral.id, action: 'import', before, after: referral });
      updated++;
    }
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
    const auditFailures = await this.audit.recordMany([...changes.values()], actor, batchId);
    if (auditFailures) {
      await this.audit.forgetBatch(batchId);
      await this.undoImport(operations, [], existing);
      throw new Error(`nothing was imported: ${auditFailures} audit entries could not be written (batch ${batchId}), so the import was undone`);
    }
    return outcome;
  }

  /**
   * Puts back what an import's successful operations changed: created entries are deleted, replaced
   * or moved ones get their earlier document back. Throws when the directory could not be restored.
   */
  private async undoImport(operations: OperationInput[], failures: { index: number }[], existing: Map<string, ReferralDocument>): Promise<void> {
    const failed = new Set(failures.map((f) => f.index));
    const inverse: OperationInput[] = [];
    operations.forEach((op, index) => {
      if (failed.has(index)) return;
      const body = (op as { resourceBody?: { id: string } }).resourceBody;
      const id = body?.id ?? (op as { id: string }).id;
      const before = existing.get(id);
      const partitionKey = (op as { partitionKey: string }).partitionKey;
      if (op.operationType === 'Create') {
        // A new entry, or the new partition's copy of a moved one.
        inverse.push({ operationType: 'Delete', partitionKey, id });
      } else if (before) {
        const { _rid, _self, _etag, _ts, _attachments, ...document } = before as ReferralDocument & Record<string, unknown>;
        inverse.push({ operationType: 'Upsert', partitionKey: before.partitionKey, resourceBody: asJson(document) });
      }
    });
    const undoFailures = (await bulkWrite(this.container, inverse)).filter((f) => f.statusCode !== 404);
    if (undoFailures.length) throw new Error(`an import failed and ${undoFailures.length} of its writes could not be undone; check the directory with \`pro referrals list\``);
  }

  /** The audit trail of one entry, oldest first. */
  history(id: string): Promise<AuditEntry[]> {
    return this.audit.history(id);
  }

  private async currentDocument(id: string): Promise<ReferralDocument> {
    const documents = await this.queryDocuments('SELECT * FROM c WHERE c.id = @id', [{ name: '@id', value: id }]);
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

  /** The stored documents among these ids: looked up by id for a small import, one scan of the container for a large one. */
  private async existingDocuments(ids: string[]): Promise<ReferralDocument[]> {
    if (ids.length > SMALL_IMPORT) return this.queryDocuments('SELECT * FROM c', []);
    return this.queryDocuments('SELECT * FROM c WHERE ARRAY_CONTAINS(@ids, c.id)', [{ name: '@ids', value: ids }]);
  }

  private async queryDocuments(query: string, parameters: SqlParameter[], partitionKey?: string): Promise<ReferralDocument[]> {
    // partitionKey routes the query to one partition on Cosmos DB; the WHERE clause carries the filter everywhere.
    // maxItemCount -1: pages as large as the service allows; the embedded server re-runs the whole query for every page.
    const options = { maxItemCount: -1, ...(partitionKey ? { partitionKey } : {}) };
    const { resources } = await this.container.items.query<ReferralDocument>({ query, parameters }, options).fetchAll();
    return resources;
  }
}
