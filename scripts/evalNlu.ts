/**
 * `npm run eval:nlu`: trains the theme router on the training split and reports how it does on the
 * held-out split (phrasings it never saw). Exits with code 1 when held-out top-1 accuracy is below 90 %.
 * Also reports the emergency detector against its labelled list (the tests require all of it), and
 * the understanding extractor's precision and recall per field on its own labelled set
 * (bot/nlu/data/understandingSet.json), for the rows tuned on, the held-out rows and the fresh rows separately.
 */
import { detectEmergency } from '../bot/emergency/emergencyDetector';
import { EMERGENCY_PHRASES } from '../bot/nlu/emergencyPhrases';
import { evaluateRouter, rate, type AccuracyCount } from '../bot/nlu/routerEvaluation';
import { THEME_UTTERANCES, utterancesIn } from '../bot/nlu/themeDataset';
import { ThemeRouter } from '../bot/nlu/themeRouter';
import { understand } from '../bot/nlu/understanding/understand';
import { EVALUATED_FIELDS, evaluateUnderstanding, rate as share } from '../bot/nlu/understanding/understandingEvaluation';
import { UNDERSTANDING_SET, understandingRowsIn, type UnderstandingSplit } from '../bot/nlu/understanding/understandingSet';

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
    '',
    ...understandingReport(),
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
  // It runs first on every message: its time per message (warm) is the cost every turn pays.
  const everyMessage = [...EMERGENCY_PHRASES, ...THEME_UTTERANCES].map((row) => row.text);
  const started = process.hrtime.bigint();
  for (const text of everyMessage) detectEmergency(text);
  const detectionUs = Number(process.hrtime.bigint() - started) / 1e3 / everyMessage.length;
  return [
    `Emergency detection time: ${detectionUs.toFixed(1)} µs per message (${everyMessage.length} messages, after the pass above).`,
    `Emergency detection: ${detected}/${dangerous.length} emergencies detected, ${falseAlarms}/${harmless.length} false alarms on non-emergencies, ${EMERGENCY_PHRASES.length - wrong.length}/${EMERGENCY_PHRASES.length} rows with exactly the expected kinds.`,
    ...wrong.map((row) => `  wrong: "${row.text}" expected [${row.kinds.join(', ')}], got [${detectEmergency(row.text)?.kinds.join(', ') ?? ''}]`),
  ];
}

function fieldPercent(numerator: number, denominator: number): string {
  return denominator === 0 ? '    —' : `${(share(numerator, denominator) * 100).toFixed(1).padStart(5)}`;
}

function understandingReport(): string[] {
  // Cold: the first message of each kind pays for compiling patterns and filling caches.
  const coldStarted = process.hrtime.bigint();
  for (const row of UNDERSTANDING_SET) understand(row.text, row.locale);
  const coldUs = Number(process.hrtime.bigint() - coldStarted) / 1e3 / UNDERSTANDING_SET.length;
  const splits: UnderstandingSplit[] = ['tune', 'heldout', 'fresh'];
  const results = splits.map((split) => evaluateUnderstanding(understandingRowsIn(split)));
  const counts = splits.map((split) => understandingRowsIn(split).length);
  // Steady state, as a running bot sees it: several passes over the whole set.
  const passes = 5;
  const warmStarted = process.hrtime.bigint();
  for (let pass = 0; pass < passes; pass++) for (const row of UNDERSTANDING_SET) understand(row.text, row.locale);
  const warmUs = Number(process.hrtime.bigint() - warmStarted) / 1e3 / (passes * UNDERSTANDING_SET.length);
  const lines = [
    `Understanding (bot/nlu/understanding) on ${UNDERSTANDING_SET.length} labelled messages: ${counts[0]} tuned on, ${counts[1]} held out, ${counts[2]} fresh (written after tuning, never tuned on).`,
    'Precision / recall per field, % (held-out and fresh counts: right / given / expected):',
    `  ${'field'.padEnd(18)} ${'tuned P'.padStart(8)} ${'R'.padStart(6)}   ${'held-out P'.padStart(10)} ${'R'.padStart(6)}   ${'fresh P'.padStart(8)} ${'R'.padStart(6)}   counts (held-out; fresh)`,
  ];
  for (const field of EVALUATED_FIELDS) {
    const [t, h, f] = results.map((result) => result.fields[field]);
    lines.push(
      `  ${field.padEnd(18)} ${fieldPercent(t.correct, t.predicted).padStart(8)} ${fieldPercent(t.correct, t.expected).padStart(6)}   ${fieldPercent(h.correct, h.predicted).padStart(10)} ${fieldPercent(h.correct, h.expected).padStart(6)}   ${fieldPercent(f.correct, f.predicted).padStart(8)} ${fieldPercent(f.correct, f.expected).padStart(6)}   ${h.correct}/${h.predicted}/${h.expected}; ${f.correct}/${f.predicted}/${f.expected}`,
    );
  }
  for (const [i, title] of [[1, 'Held-out'], [2, 'Fresh']] as const) {
    lines.push('', `${title} errors (field: expected → got):`);
    const errors = results[i].errors;
    lines.push(...(errors.length === 0 ? ['  none'] : errors.map((e) => `  ${e.field}: ${e.expected} → ${e.got}  [${e.text}]`)));
  }
  lines.push('', `Understanding time: ${warmUs.toFixed(0)} µs per message steady state (${coldUs.toFixed(0)} µs on a cold first pass), theme routing included.`);
  return lines;
}

process.exitCode = main();
