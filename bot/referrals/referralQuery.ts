/**
 * The directory's queries as data: SQL text, `@name` parameters and the partition to route to,
 * built from a filter without touching Cosmos, plus the order lists come in. The queries stay in
 * the subset the embedded server shares with Cosmos DB (WHERE, IN, CONTAINS, ARRAY_CONTAINS, TOP;
 * no OFFSET/LIMIT, DISTINCT, GROUP BY) and always filter the partition key in WHERE, because the
 * embedded server ignores the partitionKey query option.
 */
import type { SqlParameter } from '@azure/cosmos';
import { foldPlaceText } from '../geo';
import type { BoundingBox } from './distance';
import { NATIONAL_PARTITION, Referral } from './referral';
import type { StoredReferral } from './referralDocument';
import type { ServiceKind } from './serviceKinds';

/** Up to this many rows, an import looks its ids up instead of reading the whole directory. */
export const SMALL_IMPORT = 1000;
/** One collator for every sort: `localeCompare(x, 'es')` looks a collator up on each comparison. */
const SPANISH = new Intl.Collator('es');

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

/** A parameterized query and, when it reads one partition only, that partition (routing on Cosmos DB). */
export interface ReferralQuery {
  query: string;
  parameters: SqlParameter[];
  partitionKey?: string;
}

/** The entry with this id, wherever it is partitioned. */
export function byIdQuery(id: string): ReferralQuery {
  return { query: 'SELECT * FROM c WHERE c.id = @id', parameters: [{ name: '@id', value: id }] };
}

/** Any one entry (active or not) under this partition key: empty result, empty partition. */
export function partitionProbeQuery(partitionKey: string): ReferralQuery {
  return { query: 'SELECT TOP 1 c.id FROM c WHERE c.partitionKey = @partitionKey', parameters: [{ name: '@partitionKey', value: partitionKey }], partitionKey };
}

/** The stored documents among these ids: looked up by id for a small import, one scan of the container for a large one. */
export function existingIdsQuery(ids: string[]): ReferralQuery {
  if (ids.length > SMALL_IMPORT) return { query: 'SELECT * FROM c', parameters: [] };
  return { query: 'SELECT * FROM c WHERE ARRAY_CONTAINS(@ids, c.id)', parameters: [{ name: '@ids', value: ids }] };
}

/** The entries a `list` filter selects (sort them with byPlaceThenName). */
export function listQuery(filter: ReferralFilter): ReferralQuery {
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
  return partitionKey ? { query, parameters, partitionKey } : { query, parameters };
}

/** The order of every listing: national lines first, then by department, municipality and name. */
export function byPlaceThenName(a: StoredReferral, b: StoredReferral): number {
  const key = (r: Referral): string => `${r.departmentCode ?? ''}|${r.municipalityCode ?? ''}`;
  return key(a.referral).localeCompare(key(b.referral)) || SPANISH.compare(a.referral.name, b.referral.name) || a.referral.id.localeCompare(b.referral.id);
}
