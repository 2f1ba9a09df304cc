/**
 * The bot's read side of the referral directory: "which services can I go to, near me?".
 *
 * Freshness: every call reads Cosmos DB; nothing is cached. A local search is one single-partition
 * query (the department), so a change made with the CLI is seen by the very next message, on every
 * bot instance, without a restart.
 */
import { boxAround, Coordinates, distanceKm } from './distance';
import { Referral } from './referral';
import type { ReferralFilter } from './referralQuery';
import type { ReferralReader } from './referralRepository';
import type { ServiceKind } from './serviceKinds';

/** One collator for every sort: `localeCompare(x, 'es')` looks a collator up on each comparison. */
const SPANISH = new Intl.Collator('es');

export interface ServiceQuery {
  service?: ServiceKind;
  departmentCode?: string;
  /** Implies its department (first two digits) when departmentCode is absent. */
  municipalityCode?: string;
  /** A shared location: results are ordered by distance; without a department, searched by distance only. */
  near?: Coordinates;
  /** Page size (at least 1). */
  limit: number;
  /** Entries to skip: 0 for the first page, then limit, 2 × limit… */
  offset?: number;
  /** Append national lines after the local results (they have no location). */
  includeNational?: boolean;
}

/** A referral as found for someone; `distanceKm` when both they and the service have a location. */
export interface FoundReferral extends Referral {
  distanceKm?: number;
}

export interface ServiceSearchResult {
  results: FoundReferral[];
  /** True when another page exists (ask again with offset + limit). */
  hasMore: boolean;
}

/** Search radii for a location pin with no department: widen until enough services are certainly the nearest. */
const RADII_KM = [25, 100, 300];

export class DirectoryQueryError extends Error {
  constructor(readonly field: keyof ServiceQuery, message: string) {
    super(`${field}: ${message}`);
    this.name = 'DirectoryQueryError';
  }
}

interface Ranked {
  referral: FoundReferral;
  tier: number;
}

/**
 * Finds active services for people, nearest first.
 *
 * Order: entries with coordinates by distance (when a location is known); then entries in the
 * person's municipality; then the rest of the department; names break ties. National lines are
 * appended only when asked for.
 *
 * @example
 * const directory = new ReferralDirectory(repository);
 * const page = await directory.findServices({ service: 'legal', municipalityCode: '54001', limit: 5 });
 * const lines = await directory.nationalLines('gbv');
 */
export class ReferralDirectory {
  constructor(private readonly reader: ReferralReader) {}

  async findServices(query: ServiceQuery): Promise<ServiceSearchResult> {
    const limit = Math.floor(query.limit);
    const offset = Math.floor(query.offset ?? 0);
    if (!(limit >= 1)) throw new DirectoryQueryError('limit', `must be at least 1 (got ${query.limit})`);
    if (!(offset >= 0)) throw new DirectoryQueryError('offset', `must be 0 or more (got ${query.offset})`);
    const departmentCode = query.departmentCode ?? query.municipalityCode?.slice(0, 2);
    const wanted = offset + limit;

    let local: FoundReferral[];
    /** False when only the nearest part of the country was read (more may lie beyond). */
    let complete = true;
    if (departmentCode) {
      local = this.rank(await this.activeReferrals({ departmentCode, service: query.service }), query);
    } else if (query.near) {
      ({ found: local, complete } = await this.nearest(query.near, query.service, wanted + 1));
    } else {
      local = this.rank((await this.activeReferrals({ service: query.service })).filter((r) => r.departmentCode), query);
    }
    // While a location search has only read the nearest part of the country, its pages are all local
    // (there is always more); national lines follow once every located service has been listed.
    const all = query.includeNational && complete ? [...local, ...(await this.nationalLines(query.service))] : local;
    return { results: all.slice(offset, wanted), hasMore: all.length > wanted };
  }

  /** Lines serving the whole country (active), optionally for one service, by name. */
  async nationalLines(service?: ServiceKind): Promise<Referral[]> {
    return (await this.reader.list({ nationalOnly: true, service })).map((s) => s.referral).sort((a, b) => SPANISH.compare(a.name, b.name));
  }

  /** One entry for a details view; undefined when absent or inactive. */
  async get(id: string): Promise<Referral | undefined> {
    const stored = await this.reader.get(id);
    return stored?.referral.active ? stored.referral : undefined;
  }

  private async activeReferrals(filter: Pick<ReferralFilter, 'departmentCode' | 'service' | 'within'>): Promise<Referral[]> {
    return (await this.reader.list(filter)).map((s) => s.referral);
  }

  /**
   * Services nearest to a location anywhere in Colombia. Reads a box around the point and widens it
   * until at least `needed` services lie within the box's inscribed circle: those are then certainly
   * nearer than anything outside the box.
   */
  private async nearest(near: Coordinates, service: ServiceKind | undefined, needed: number): Promise<{ found: FoundReferral[]; complete: boolean }> {
    for (const radius of RADII_KM) {
      const candidates = await this.activeReferrals({ service, within: boxAround(near, radius) });
      const ranked = this.rank(candidates, { near });
      const inCircle = ranked.filter((r) => (r.distanceKm ?? Infinity) <= radius);
      if (inCircle.length >= needed) return { found: inCircle, complete: false };
    }
    const everywhere = await this.activeReferrals({ service });
    return { found: this.rank(everywhere.filter((r) => r.latitude !== undefined), { near }), complete: true };
  }

  private rank(referrals: Referral[], query: Pick<ServiceQuery, 'near' | 'municipalityCode'>): FoundReferral[] {
    const ranked: Ranked[] = referrals.map((referral) => {
      if (query.near && referral.latitude !== undefined && referral.longitude !== undefined) {
        const km = distanceKm(query.near, { lat: referral.latitude, lon: referral.longitude });
        return { referral: { ...referral, distanceKm: Math.round(km * 100) / 100 }, tier: 0 };
      }
      const sameMunicipality = !!query.municipalityCode && referral.municipalityCode === query.municipalityCode;
      return { referral, tier: sameMunicipality ? 1 : 2 };
    });
    ranked.sort(
      (a, b) =>
        a.tier - b.tier ||
        (a.referral.distanceKm ?? 0) - (b.referral.distanceKm ?? 0) ||
        SPANISH.compare(a.referral.name, b.referral.name) ||
        a.referral.id.localeCompare(b.referral.id),
    );
    return ranked.map((r) => r.referral);
  }
}
