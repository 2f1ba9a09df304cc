/**
 * Measures a theme router on labelled messages it was not trained on: top-1 accuracy overall, per
 * theme and per language, what the decisions were, and which themes get confused. Used by
 * `npm run eval:nlu` (scripts/evalNlu.ts) and by the accuracy regression test.
 */
import type { ThemeUtterance } from './themeDataset';
import type { ThemeRouter } from './themeRouter';
import { THEME_IDS, ThemeId } from './themes';

export interface AccuracyCount {
  correct: number;
  total: number;
}

/** A labelled message the router ranked wrong (top-1), with what it answered. */
export interface RoutingMiss {
  text: string;
  expected: ThemeId;
  predicted: ThemeId;
  decision: string;
}

export interface RouterEvaluation {
  top1: AccuracyCount;
  byTheme: Record<ThemeId, AccuracyCount>;
  byLanguage: Record<'es' | 'en', AccuracyCount>;
  decisions: {
    confidentRight: number;
    confidentWrong: number;
    /** 'unsure' with the right theme among the offered candidates. */
    unsureIncludingRight: number;
    unsureMissingRight: number;
    none: number;
  };
  /** "expected → predicted" → how often, most frequent first. */
  confusions: [string, number][];
  misses: RoutingMiss[];
  /** Mean classification time per message, in microseconds. */
  meanMicroseconds: number;
}

/** Accuracy as a fraction (0 for an empty count). */
export function rate(count: AccuracyCount): number {
  return count.total === 0 ? 0 : count.correct / count.total;
}

/** Classifies every row and tallies the results. */
export function evaluateRouter(router: ThemeRouter, rows: readonly ThemeUtterance[]): RouterEvaluation {
  const count = (): AccuracyCount => ({ correct: 0, total: 0 });
  const evaluation: RouterEvaluation = {
    top1: count(),
    byTheme: Object.fromEntries(THEME_IDS.map((theme) => [theme, count()])) as Record<ThemeId, AccuracyCount>,
    byLanguage: { es: count(), en: count() },
    decisions: { confidentRight: 0, confidentWrong: 0, unsureIncludingRight: 0, unsureMissingRight: 0, none: 0 },
    confusions: [],
    misses: [],
    meanMicroseconds: 0,
  };
  const confusions = new Map<string, number>();
  const started = process.hrtime.bigint();
  for (const row of rows) {
    const { decision, ranking } = router.classify(row.text);
    const predicted = ranking[0].theme;
    const correct = predicted === row.theme;
    for (const tally of [evaluation.top1, evaluation.byTheme[row.theme], evaluation.byLanguage[row.lang]]) {
      tally.total++;
      if (correct) tally.correct++;
    }
    if (decision.kind === 'confident') {
      if (decision.theme === row.theme) evaluation.decisions.confidentRight++;
      else evaluation.decisions.confidentWrong++;
    } else if (decision.kind === 'unsure') {
      if (decision.candidates.includes(row.theme)) evaluation.decisions.unsureIncludingRight++;
      else evaluation.decisions.unsureMissingRight++;
    } else {
      evaluation.decisions.none++;
    }
    if (!correct) {
      const pair = `${row.theme} → ${predicted}`;
      confusions.set(pair, (confusions.get(pair) ?? 0) + 1);
      const shown = decision.kind === 'confident' ? `confident ${decision.theme}` : decision.kind === 'unsure' ? `unsure [${decision.candidates.join(', ')}]` : 'none';
      evaluation.misses.push({ text: row.text, expected: row.theme, predicted, decision: shown });
    }
  }
  const elapsedNs = Number(process.hrtime.bigint() - started);
  evaluation.meanMicroseconds = rows.length === 0 ? 0 : elapsedNs / rows.length / 1000;
  evaluation.confusions = [...confusions.entries()].sort((a, b) => b[1] - a[1]);
  return evaluation;
}
