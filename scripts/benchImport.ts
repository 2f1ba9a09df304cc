/**
 * Import benchmark: writes a 10,000-row valid referral CSV to a temp folder and imports it with the
 * built CLI (`node bin/run.js referrals import`, the same code path admins use) into a fresh embedded
 * store that the CLI opens itself; prints rows per second, end to end (process start, validation,
 * bulk writes, audit entries and the snapshot saved on close included). A second run of the same
 * file shows the upsert path (nothing changed, nothing written). Then the same import in-process,
 * split into reading+validating and writing, to separate this code from process start and the
 * embedded store's snapshot/restore.
 *
 *   npm run build && node dist/scripts/benchImport.js [rows]
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { GeoDirectory } from '../bot/geo';
import { readReferralFile, Referral, ReferralRepository, SERVICE_KINDS, writeReferralFile } from '../bot/referrals';
import { openStore } from '../bot/storage/openStore';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '..', '..');

/** A deterministic pseudo-random sequence, so every run imports the same file. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

export function benchReferrals(count: number): Referral[] {
  const next = random(42);
  const municipalities = GeoDirectory.shipped().municipalities();
  return Array.from({ length: count }, (_, i) => {
    const municipality = municipalities[Math.floor(next() * municipalities.length)];
    const services = SERVICE_KINDS.filter(() => next() < 0.2);
    return {
      id: `bench-${String(i).padStart(5, '0')}`,
      name: `Servicio de prueba ${i}`,
      organization: `Organización ${i % 97}`,
      services: services.length ? services : ['orientation'],
      departmentCode: municipality.departmentCode,
      municipalityCode: municipality.code,
      address: `Calle ${1 + (i % 120)} # ${1 + (i % 50)}-${10 + (i % 80)}`,
      latitude: Math.round((1 + next() * 10) * 1e5) / 1e5,
      longitude: Math.round((-77 + next() * 7) * 1e5) / 1e5,
      phone: [`+57310${String(1000000 + i).slice(-7)}`],
      whatsapp: [],
      email: [`contacto${i}@example.org`],
      hours: 'Lunes a viernes 8:00-17:00',
      populations: ['migrants'],
      languages: ['es'],
      verifiedAt: '2025-11-01',
      active: true,
    };
  });
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** The import's own work, without process start or the embedded store's snapshot on close. */
async function inProcess(file: string, dataDir: string, rows: number): Promise<string> {
  const seconds = (since: bigint): number => Number(process.hrtime.bigint() - since) / 1e9;
  let started = process.hrtime.bigint();
  const contents = readReferralFile(readFileSync(file, 'utf8'), file);
  const readSeconds = seconds(started);
  const store = await openStore({ database: 'bench', embeddedPort: 0, dataDir }, { stateTtlDays: 30 });
  try {
    const repository = new ReferralRepository(store.containers.referrals, store.containers.audit);
    started = process.hrtime.bigint();
    await repository.importReferrals(contents.referrals, 'bench');
    const writeSeconds = seconds(started);
    const rate = (s: number): number => Math.round(rows / s);
    return [
      `  read + validate: ${readSeconds.toFixed(2)} s (${rate(readSeconds)} rows/s)`,
      `  bulk write (referrals + audit entries): ${writeSeconds.toFixed(2)} s (${rate(writeSeconds)} rows/s)`,
    ].join('\n');
  } finally {
    await store.close();
  }
}

async function main(): Promise<void> {
  const rows = Number(process.argv[2] ?? 10000);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'probot-bench-'));
  try {
    const file = path.join(dir, 'referrals.csv');
    writeFileSync(file, writeReferralFile(benchReferrals(rows), 'csv'));
    const env = { ...process.env, DATA_DIR: path.join(dir, 'data'), COSMOS_EMBEDDED_PORT: String(await freePort()), COSMOS_ENDPOINT: '' };
    const importOnce = async (): Promise<{ seconds: number; created: number; updated: number; unchanged: number }> => {
      const started = process.hrtime.bigint();
      const { stdout } = await run(process.execPath, [path.join(ROOT, 'bin', 'run.js'), 'referrals', 'import', file, '--json', '--actor', 'bench'], {
        cwd: ROOT,
        env,
        maxBuffer: 64 * 1024 * 1024,
      });
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      return { seconds, ...(JSON.parse(stdout) as { created: number; updated: number; unchanged: number }) };
    };
    const first = await importOnce();
    const again = await importOnce();
    const report = (label: string, r: typeof first): string =>
      `${label}: ${rows} rows in ${r.seconds.toFixed(2)} s = ${Math.round(rows / r.seconds)} rows/s (created ${r.created}, updated ${r.updated}, unchanged ${r.unchanged})`;
    process.stdout.write(`CLI, end to end:\n  ${report('fresh store', first)}\n  ${report('same file again', again)}\n`);
    process.stdout.write(`In process:\n${await inProcess(file, path.join(dir, 'in-process'), rows)}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main().catch((err: Error) => {
    process.stderr.write(`${err.stack ?? err.message}\n`);
    process.exitCode = 1;
  });
}
