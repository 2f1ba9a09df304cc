/**
 * What an import will write, worked out before anything is written: for each incoming entry, create
 * it, replace it (or move it when its department changed), or leave it alone when nothing changed;
 * and, should some writes fail, the writes that put the directory back. Pure: no Cosmos here, so a
 * dry run and the tests see exactly what a real import would do.
 */
import type { OperationInput } from '@azure/cosmos';
import type { GeoDirectory } from '../geo';
import type { AuditChange } from './auditLog';
import { asJson } from './bulkWrite';
import { partitionKeyOf, Referral } from './referral';
import { changedColumns, ReferralDocument, referralOf, toDocument } from './referralDocument';

export interface ImportPlan {
  /** Bulk operations in order; a moved entry is a Create in its new partition, then a Delete in the old one. */
  operations: OperationInput[];
  /** For each operation, the id of the referral it writes. */
  owners: string[];
  /** One audit change per created or changed entry. */
  changes: AuditChange[];
  created: number;
  updated: number;
  unchanged: number;
}

export interface ImportStamp {
  /** Who imports (the audit's actor and the documents' updatedBy). */
  actor: string;
  now: Date;
  /** Place names for the documents' search text. */
  geo: GeoDirectory;
}

/** The writes that bring `existing` (stored documents by id) to `referrals`; identical entries are not written. */
export function planImport(referrals: Referral[], existing: ReadonlyMap<string, ReferralDocument>, stamp: ImportStamp): ImportPlan {
  const plan: ImportPlan = { operations: [], owners: [], changes: [], created: 0, updated: 0, unchanged: 0 };
  // By id, as callers pass unique ids: one change per entry even if an id came twice.
  const changes = new Map<string, AuditChange>();
  for (const referral of referrals) {
    const old = existing.get(referral.id);
    const document = asJson(toDocument(referral, stamp.actor, stamp.now, stamp.geo));
    const partitionKey = partitionKeyOf(referral);
    if (!old) {
      plan.operations.push({ operationType: 'Create', partitionKey, resourceBody: document });
      plan.owners.push(referral.id);
      changes.set(referral.id, { entityId: referral.id, action: 'import', before: null, after: referral });
      plan.created++;
      continue;
    }
    const before = referralOf(old);
    if (!changedColumns(before, referral).length) {
      plan.unchanged++;
      continue;
    }
    if (old.partitionKey === partitionKey) {
      plan.operations.push({ operationType: 'Replace', partitionKey, id: referral.id, ifMatch: old._etag, resourceBody: document });
      plan.owners.push(referral.id);
    } else {
      plan.operations.push({ operationType: 'Create', partitionKey, resourceBody: document });
      plan.operations.push({ operationType: 'Delete', partitionKey: old.partitionKey, id: old.id });
      plan.owners.push(referral.id, referral.id);
    }
    changes.set(referral.id, { entityId: referral.id, action: 'import', before, after: referral });
    plan.updated++;
  }
  plan.changes = [...changes.values()];
  return plan;
}

/**
 * The writes that put back what an import's successful operations changed (`failed`: positions of
 * the ones that did not happen): created entries are deleted, replaced or moved ones get their
 * earlier document back.
 */
export function undoOperations(operations: OperationInput[], failed: ReadonlySet<number>, existing: ReadonlyMap<string, ReferralDocument>): OperationInput[] {
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
  return inverse;
}
