/**
 * `npm run bench`: every benchmark, one after another, each in its own process so they do not
 * disturb each other. Speed targets are checked here, never in timed tests.
 *   - benchImport: rows per second importing a 10,000-row directory CSV with the built CLI
 *   - benchWebhook: time for the WhatsApp webhook to answer 200 with 50 concurrent people
 *   - benchTurn: store calls per WhatsApp turn by kind, turns per second, time-to-reply
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const benches = [
  { name: 'referral import (10,000 rows)', script: 'benchImport.js', args: [] as string[] },
  { name: 'WhatsApp webhook (50 concurrent people × 10 messages)', script: 'benchWebhook.js', args: ['50', '10'] },
  { name: 'store calls per turn (20 people, 18 steady turns each)', script: 'benchTurn.js', args: ['20', '3'] },
  { name: 'capacity: CPU per turn and turns/s next to an echo bot (50 people), sustained webhook rate on every core', script: 'benchCapacity.js', args: ['50', '3'] },
];

let failed = 0;
for (const bench of benches) {
  process.stdout.write(`\n== ${bench.name}\n`);
  const run = spawnSync(process.execPath, [path.join(__dirname, bench.script), ...bench.args], { stdio: 'inherit' });
  if (run.status !== 0) failed++;
}
process.exitCode = failed ? 1 : 0;
