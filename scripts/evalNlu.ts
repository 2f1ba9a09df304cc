/**
 * `npm run eval:nlu`: trains the theme router on the training split and reports how it does on the
 * held-out split (phrasings it never saw). Exits with code 1 when held-out top-1 accuracy is below 90 %.
 * Also reports the emergency detector against its labelled list (the tests require all of it).
 */
import { detectEmergency } from '../bot/nlu/emergencyDetector';
import { EMERGENCY_PHRASES } from '../bot/nlu/emergencyPhrases';
import { evaluateRouter, rate, type AccuracyCount } from '../bot/nlu/routerEvaluation';
import { utterancesIn } from '../bot/nlu/themeDataset';
import { ThemeRouter } from '../bot/nlu/themeRouter';

const REQUIRED_ACCURACY = 0.9;

function percent(count: AccuracyCount): string {
  return `${(rate(count) * 100).toFixed(1)} % (${count.correct}/${count.total})`;
}

function main(): number {
  const train = utterancesIn('train');
  const heldout = utterancesIn('heldout');
  const started = process.hrtime.bigint();
  const router = ThemeRouter.train(train);
  const trainingMs = Number(process.hrtime.bigint() - started) / 1e6;
  // Warm-up, so the timing below is the steady state a running bot sees.
  evaluateRouter(router, train);
  const result = evaluateRouter(router, heldout);
  const d = result.decisions;

  const lines = [
    `Theme routing: trained on ${train.length} messages in ${trainingMs.toFixed(1)} ms; evaluated on ${heldout.length} held-out messages.`,
    '',
    `Held-out top-1 accuracy: ${percent(result.top1)}`,
    `  Spanish ${percent(result.byLanguage.es)}, English ${percent(result.byLanguage.en)}`,
    '',
    'Per theme:',
    ...Object.entries(result.byTheme).map(([theme, count]) => `  ${theme.padEnd(16)} ${percent(count)}`),
    '',
    'Decisions:',
    `  confident, right theme      ${d.confidentRight}`,
    `  confident, wrong theme      ${d.confidentWrong}`,
    `  unsure, right theme offered ${d.unsureIncludingRight}`,
    `  unsure, right theme missing ${d.unsureMissingRight}`,
    `  none                        ${d.none}`,
    `  → the right theme was reached directly or offered in ${d.confidentRight + d.unsureIncludingRight}/${heldout.length} messages`,
    '',
    'Confusions (expected → ranked first):',
    ...(result.confusions.length === 0 ? ['  none'] : result.confusions.map(([pair, n]) => `  ${pair} ×${n}`)),
    '',
    'Misses:',
    ...(result.misses.length === 0 ? ['  none'] : result.misses.map((m) => `  [${m.expected} → ${m.predicted}; ${m.decision}] ${m.text}`)),
    '',
    `Mean classification time: ${result.meanMicroseconds.toFixed(0)} µs per message`,
    '',
    ...emergencyReport(),
  ];
  process.stdout.write(lines.join('\n') + '\n');

  if (rate(result.top1) < REQUIRED_ACCURACY) {
    process.stderr.write(`Held-out accuracy ${percent(result.top1)} is below the required ${REQUIRED_ACCURACY * 100} %.\n`);
    return 1;
  }
  return 0;
}

function emergencyReport(): string[] {
  const dangerous = EMERGENCY_PHRASES.filter((row) => row.kinds.length > 0);
  const harmless = EMERGENCY_PHRASES.filter((row) => row.kinds.length === 0);
  const wrong = EMERGENCY_PHRASES.filter((row) => (detectEmergency(row.text)?.kinds ?? []).join() !== row.kinds.join());
  const detected = dangerous.filter((row) => detectEmergency(row.text) !== undefined).length;
  const falseAlarms = harmless.filter((row) => detectEmergency(row.text) !== undefined).length;
  return [
    `Emergency detection: ${detected}/${dangerous.length} emergencies detected, ${falseAlarms}/${harmless.length} false alarms on non-emergencies, ${EMERGENCY_PHRASES.length - wrong.length}/${EMERGENCY_PHRASES.length} rows with exactly the expected kinds.`,
    ...wrong.map((row) => `  wrong: "${row.text}" expected [${row.kinds.join(', ')}], got [${detectEmergency(row.text)?.kinds.join(', ') ?? ''}]`),
  ];
}

process.exitCode = main();
