/**
 * How a referral is stored in Cosmos DB: the Referral itself plus the partition key, a folded search
 * text and who changed it last. Kept apart so the domain type never learns about storage fields.
 */
import { foldPlaceText, GeoDirectory } from '../geo';
import { partitionKeyOf, Referral } from './referral';
import { REFERRAL_KEYS, type ReferralColumn } from './referralFields';
import { toRecord } from './referralRecord';

export interface ReferralDocument extends Referral {
  /** Department code, or "national" for lines serving the whole country. */
  partitionKey: string;
  /** Accent- and case-free name, organisation, address, place and populations, for CONTAINS searches. */
  searchText: string;
  updatedAt: string;
  updatedBy: string;
  _etag?: string;
}

/** A referral read from the store, with what optimistic concurrency and the audit need. */
export interface StoredReferral {
  referral: Referral;
  /** Pass back on update: the write fails if someone changed the entry since this read. */
  etag: string;
  updatedAt: string;
  updatedBy: string;
}

/** The Referral inside a stored document, without storage fields (or Cosmos system fields). */
export function referralOf(document: ReferralDocument): Referral {
  const referral: Record<string, unknown> = {};
  for (const key of REFERRAL_KEYS) if (document[key] !== undefined) referral[key] = document[key];
  return referral as unknown as Referral;
}

export function storedOf(document: ReferralDocument): StoredReferral {
  return { referral: referralOf(document), etag: document._etag ?? '', updatedAt: document.updatedAt, updatedBy: document.updatedBy };
}

export function toDocument(referral: Referral, actor: string, now: Date, geo: GeoDirectory): ReferralDocument {
  const place = [referral.municipalityCode && geo.municipalityName(referral.municipalityCode), referral.departmentCode && geo.departmentName(referral.departmentCode)];
  const searchText = foldPlaceText([referral.name, referral.organization, referral.address ?? '', ...place, ...referral.populations].filter(Boolean).join(' '));
  return { ...referral, partitionKey: partitionKeyOf(referral), searchText, updatedAt: now.toISOString(), updatedBy: actor };
}

/** The columns whose values differ; empty when the two entries are the same. */
export function changedColumns(before: Referral, after: Referral): ReferralColumn[] {
  const a = toRecord(before);
  const b = toRecord(after);
  return (Object.keys(a) as ReferralColumn[]).filter((column) => a[column] !== b[column]);
}
