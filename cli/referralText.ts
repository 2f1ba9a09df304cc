/** Human-readable views of referrals for `list` and `show` (the --json output is the data itself). */
import type { GeoDirectory } from '../bot/geo';
import { AuditEntry, formatPhone, Referral, StoredReferral } from '../bot/referrals';
import { messages } from './messages';

export function placeOf(referral: Referral, geo: GeoDirectory): string {
  if (referral.municipalityCode) return geo.describe(referral.municipalityCode) ?? referral.municipalityCode;
  if (referral.departmentCode) return geo.describe(referral.departmentCode) ?? referral.departmentCode;
  return messages.nationalPlace;
}

/** One line per referral: id, name, place, services, and a marker when inactive. */
export function referralLine(referral: Referral, geo: GeoDirectory): string {
  return [referral.id, referral.name, placeOf(referral, geo), referral.services.join(',')].join('  |  ') + (referral.active ? '' : '  |  INACTIVE');
}

export function referralDetails(stored: StoredReferral, geo: GeoDirectory, history?: AuditEntry[]): string {
  const r = stored.referral;
  const rows: [string, string | undefined][] = [
    ['id', r.id],
    ['name', r.name],
    ['organization', r.organization],
    ['services', r.services.join(', ')],
    ['place', placeOf(r, geo) + (r.municipalityCode ? ` [${r.municipalityCode}]` : r.departmentCode ? ` [${r.departmentCode}]` : '')],
    ['address', r.address],
    ['coordinates', r.latitude === undefined ? undefined : `${r.latitude}, ${r.longitude}`],
    ['phone', r.phone.map(formatPhone).join(', ')],
    ['whatsapp', r.whatsapp.map(formatPhone).join(', ')],
    ['email', r.email.join(', ')],
    ['url', r.url],
    ['hours', r.hours],
    ['populations', r.populations.join(', ')],
    ['languages', r.languages.join(', ')],
    ['verified at', r.verifiedAt],
    ['active', r.active ? 'yes' : 'no'],
    ['last change', `${stored.updatedAt} by ${stored.updatedBy}`],
  ];
  const lines = rows.filter(([, v]) => v).map(([k, v]) => `${k.padEnd(13)}${v}`);
  if (history?.length) {
    lines.push('history');
    for (const entry of history) lines.push(`  ${entry.at}  ${entry.action.padEnd(7)} by ${entry.actor}`);
  }
  return lines.join('\n');
}
