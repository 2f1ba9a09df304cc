/**
 * Services search benchmark: N referrals (default 10,000) imported into a fresh embedded store, then
 * searches as people make them (a service in a municipality, with national lines; a location pin
 * with no department), timed end to end through ReferralDirectory and @azure/cosmos.
 *
 *   npm run build && node dist/scripts/benchSearch.js [rows=10000] [searches=200]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { GeoDirectory } from '../bot/geo';
import { ReferralDirectory, ReferralRepository, SERVICE_KINDS } from '../bot/referrals';
import { openStore } from '../bot/storage/openStore';
import { benchReferrals } from './benchImport';

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function main(): Promise<void> {
  const rows = Number(process.argv[2] ?? 10000);
  const searches = Number(process.argv[3] ?? 200);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'probot-bench-search-'));
  const store = await openStore({ database: 'bench', embeddedPort: 0, dataDir }, { stateTtlDays: 30 });
  try {
    const repository = new ReferralRepository(store.containers.referrals, store.containers.audit);
    await repository.importReferrals(benchReferrals(rows), 'bench');
    const directory = new ReferralDirectory(repository);
    const municipalities = GeoDirectory.shipped().municipalities();
    const timings: Record<string, number[]> = { municipality: [], location: [] };
    for (let i = 0; i < searches; i++) {
      const municipality = municipalities[(i * 7919) % municipalities.length];
      const service = SERVICE_KINDS[i % SERVICE_KINDS.length];
      let started = process.hrtime.bigint();
      await directory.findServices({ service, municipalityCode: municipality.code, limit: 5, includeNational: true });
      timings.municipality.push(Number(process.hrtime.bigint() - started) / 1e6);
      started = process.hrtime.bigint();
      await directory.findServices({ service, near: { lat: 1 + ((i * 37) % 100) / 10, lon: -77 + ((i * 53) % 70) / 10 }, limit: 5, includeNational: true });
      timings.location.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
    const report: Record<string, unknown> = { rows, searches };
    for (const [kind, list] of Object.entries(timings)) {
      const sorted = list.sort((a, b) => a - b);
      report[kind] = { p50Ms: Math.round(percentile(sorted, 50)), p95Ms: Math.round(percentile(sorted, 95)), maxMs: Math.round(sorted[sorted.length - 1]) };
    }
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } finally {
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err: Error) => {
  process.stderr.write(`${err.stack ?? err.message}\n`);
  process.exitCode = 1;
});
