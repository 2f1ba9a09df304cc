/**
 * Routes a typed message to an orientation theme, offline, in well under a millisecond.
 *
 * Model: multinomial naive Bayes over binary word-term and term-pair features, trained in-process
 * at start-up on the labelled messages plus the domain lexicon (each lexicon entry counts as eight
 * extra training messages). Naive Bayes suits this job: a couple of hundred short examples, nine
 * classes, training in tens of milliseconds, and per-word evidence that is easy to inspect when a
 * message lands in the wrong place. Typos are absorbed before the model sees the words: spelling
 * folding and stemming (`terms.ts`), then an unknown term is replaced by its nearest known term
 * within one or two edits (`FuzzyVocabulary`).
 *
 * The decision is deliberately cautious: a confident theme only when one theme clearly wins, two or
 * three candidates when the evidence is split, and none when the message carries no theme evidence
 * at all (greetings, "ok", gibberish).
 */
import { TOLERANCE } from '../text/fuzzy';
import { FuzzyVocabulary } from '../text/fuzzyVocabulary';
import { tokenize } from './normalize';
import { STOPWORDS } from './stopwords';
import { toTerm } from './terms';
import { THEME_LEXICON } from './themeLexicon';
import { THEME_IDS, ThemeId } from './themes';

/** One labelled message: what a person typed and the theme it belongs to. */
export interface LabelledUtterance {
  text: string;
  theme: ThemeId;
}

/** A theme and the router's confidence in it (0..1; the ranking's confidences sum to 1). */
export interface ThemeScore {
  theme: ThemeId;
  confidence: number;
}

/**
 * What the dialog should do with a typed message:
 * - `confident`: go straight to `theme`;
 * - `unsure`: offer `candidates` (2 or 3 themes, likeliest first) as a choice;
 * - `none`: nothing theme-like was said; show the menu.
 */
export type RoutingDecision =
  | { kind: 'confident'; theme: ThemeId }
  | { kind: 'unsure'; candidates: ThemeId[] }
  | { kind: 'none' };

/** The decision plus the full ranking behind it (likeliest first), for logs and evaluation. */
export interface ThemeRouting {
  decision: RoutingDecision;
  ranking: ThemeScore[];
}

export interface ThemeRouterOptions {
  /** Domain vocabulary per theme; defaults to {@link THEME_LEXICON}. Pass `{}` to train on the examples only. */
  lexicon?: Readonly<Partial<Record<ThemeId, readonly string[]>>>;
  /** How many training messages one lexicon entry is worth (default 8). */
  lexiconWeight?: number;
  /** Additive (Laplace) smoothing of feature counts (default 0.5). */
  smoothing?: number;
}

// The defaults above and the constants below were chosen by leave-one-out runs over the training
// split (never on the held-out split): top-1 accuracy for the model, and for the decision "never
// confidently wrong, and the right theme among the candidates when unsure".

// Naive Bayes treats correlated words as independent evidence, so raw posteriors are near 0 or 1
// even for weak evidence. Dividing the log-likelihoods by this temperature gives confidences that
// separate "clearly one theme" from "split between two".
const TEMPERATURE = 1.5;
/** One theme is answered when its confidence is at least this… */
const CONFIDENT_AT = 0.4;
/** …and at least this many times the runner-up's. */
const CONFIDENT_LEAD = 5;
/** Beyond the first two, a theme is offered if its confidence is at least this share of the top's. */
const CANDIDATE_RATIO = 0.3;
const MAX_CANDIDATES = 3;
/**
 * Minimum evidence (summed log-likelihood ratio, in nats, of the words that favour the top theme
 * over all themes together); below it the words are ones every theme uses ("hola como estas").
 */
const MIN_EVIDENCE = 1.0;

/**
 * A trained theme router. Create one with {@link ThemeRouter.train}; it is immutable and safe to share.
 *
 * @example
 * const router = ThemeRouter.train(rows);
 * router.classify('necesito afiliarme a una eps').decision; // { kind: 'confident', theme: 'health' }
 */
export class ThemeRouter {
  private constructor(
    private readonly vocabulary: FuzzyVocabulary,
    /** log P(feature | theme) per theme, for features seen in training. */
    private readonly logLikelihood: ReadonlyMap<string, Float64Array>,
    /** log P(feature | any theme), the background the evidence is measured against. */
    private readonly logBackground: ReadonlyMap<string, number>,
  ) {}

  /**
   * Trains a router on labelled messages (and the lexicon). Takes tens of milliseconds.
   * @throws RangeError when a theme has neither examples nor lexicon entries.
   */
  static train(examples: readonly LabelledUtterance[], options: ThemeRouterOptions = {}): ThemeRouter {
    const lexicon = options.lexicon ?? THEME_LEXICON;
    const lexiconWeight = options.lexiconWeight ?? 8;
    const smoothing = options.smoothing ?? 0.5;

    // Pass 1: the vocabulary of known terms, so pass 2 and classification agree on features.
    const documents: { terms: string[]; theme: ThemeId; wordWeight: number; pairWeight: number }[] = [];
    for (const example of examples) {
      documents.push({ terms: contentTerms(example.text), theme: example.theme, wordWeight: 1, pairWeight: 1 });
    }
    for (const theme of THEME_IDS) {
      for (const entry of lexicon[theme] ?? []) {
        const terms = contentTerms(entry);
        // A phrase vouches for its word pairs, not for each word: "nacionalidad colombiana" says
        // little about "colombiana" alone, so its words share one entry's weight.
        const wordWeight = lexiconWeight / Math.max(1, terms.length);
        documents.push({ terms, theme, wordWeight, pairWeight: lexiconWeight });
      }
    }
    // Stems are short: at four letters one edit turns "sign" into "dign" (digno), at five "panam"
    // (Panamá) into "panal" (pañales); unknown short words are better left unknown.
    const vocabulary = new FuzzyVocabulary(documents.flatMap((d) => d.terms), { tolerance: TOLERANCE.themeWords });

    // Pass 2: weighted feature counts per theme.
    const themeIndex = new Map(THEME_IDS.map((theme, i) => [theme, i]));
    const counts = new Map<string, Float64Array>();
    const totals = new Float64Array(THEME_IDS.length);
    for (const document of documents) {
      const t = themeIndex.get(document.theme)!;
      for (const feature of featuresOf(document.terms)) {
        const weight = feature.includes(' ') ? document.pairWeight : document.wordWeight;
        let row = counts.get(feature);
        if (!row) counts.set(feature, (row = new Float64Array(THEME_IDS.length)));
        row[t] += weight;
        totals[t] += weight;
      }
    }
    const missing = THEME_IDS.filter((_, i) => totals[i] === 0);
    if (missing.length > 0) {
      throw new RangeError(`ThemeRouter.train: no examples or lexicon entries for theme(s) ${missing.join(', ')}`);
    }

    // Themes with a longer lexicon or wordier examples would otherwise be penalised on every word
    // they have not seen (multinomial NB's class-length bias): rescale every theme to the same total.
    const featureCount = counts.size;
    const grandTotal = totals.reduce((a, b) => a + b, 0);
    const meanTotal = grandTotal / THEME_IDS.length;
    for (const row of counts.values()) for (let t = 0; t < row.length; t++) row[t] *= meanTotal / totals[t];
    totals.fill(meanTotal);
    const logLikelihood = new Map<string, Float64Array>();
    const logBackground = new Map<string, number>();
    for (const [feature, row] of counts) {
      const logs = new Float64Array(THEME_IDS.length);
      let sum = 0;
      for (let t = 0; t < THEME_IDS.length; t++) {
        logs[t] = Math.log((row[t] + smoothing) / (totals[t] + smoothing * featureCount));
        sum += row[t];
      }
      logLikelihood.set(feature, logs);
      logBackground.set(feature, Math.log((sum + smoothing) / (grandTotal + smoothing * featureCount)));
    }
    return new ThemeRouter(vocabulary, logLikelihood, logBackground);
  }

  /** Ranks every theme for a typed message and decides between one theme, a few, or none. */
  classify(text: string): ThemeRouting {
    // A turn classifies its message twice (ProBot's understanding, then MainDialog's routing): the
    // last answer is kept, so the second costs nothing. Classification is pure, so this is safe.
    if (this.last?.text === text) return this.last.routing;
    const routing = this.classifyNow(text);
    this.last = { text, routing };
    return routing;
  }

  private last: { text: string; routing: ThemeRouting } | undefined;

  private classifyNow(text: string): ThemeRouting {
    const scores = new Float64Array(THEME_IDS.length);
    const used: string[] = [];
    for (const feature of this.features(text)) {
      const logs = this.logLikelihood.get(feature);
      if (!logs) continue;
      used.push(feature);
      for (let t = 0; t < scores.length; t++) scores[t] += logs[t];
    }

    const ranking = softmaxRanking(scores, TEMPERATURE);
    if (used.length === 0) return { decision: { kind: 'none' }, ranking };

    const top = THEME_IDS.indexOf(ranking[0].theme);
    let evidence = 0;
    // Only words that speak for the top theme count: words pointing elsewhere lower its rank
    // already, and must not turn a clear "enfermo ... urgencias" into "nothing was said".
    for (const feature of used) evidence += Math.max(0, this.logLikelihood.get(feature)![top] - this.logBackground.get(feature)!);
    return { decision: decide(ranking, evidence), ranking };
  }

  /** Features of the words the model knows, typos mapped to the known word; unknown words are dropped. */
  private features(text: string): string[] {
    const terms: string[] = [];
    for (const term of contentTerms(text)) {
      const known = this.vocabulary.closest(term);
      if (known !== undefined) terms.push(known);
    }
    return featuresOf(terms);
  }
}

function decide(ranking: ThemeScore[], evidence: number): RoutingDecision {
  if (evidence < MIN_EVIDENCE) return { kind: 'none' };
  const [first, second] = ranking;
  if (first.confidence >= CONFIDENT_AT && first.confidence >= second.confidence * CONFIDENT_LEAD) {
    return { kind: 'confident', theme: first.theme };
  }
  const candidates = ranking
    .slice(0, MAX_CANDIDATES)
    .filter((score, i) => i < 2 || score.confidence >= first.confidence * CANDIDATE_RATIO)
    .map((score) => score.theme);
  return { kind: 'unsure', candidates };
}

/** Terms of the words that can say something about a theme (stopwords and bare numbers dropped). */
function contentTerms(text: string): string[] {
  return tokenize(text)
    .filter((token) => !STOPWORDS.has(token) && !/^\d+$/.test(token))
    .map(toTerm);
}

/** Binary features: each distinct term, and each distinct pair of neighbouring terms. */
function featuresOf(terms: readonly string[]): string[] {
  const features = new Set<string>(terms);
  for (let i = 1; i < terms.length; i++) features.add(`${terms[i - 1]} ${terms[i]}`);
  return [...features];
}

function softmaxRanking(scores: Float64Array, temperature: number): ThemeScore[] {
  const max = Math.max(...scores);
  const exps = Array.from(scores, (s) => Math.exp((s - max) / temperature));
  const sum = exps.reduce((a, b) => a + b, 0);
  return THEME_IDS.map((theme, i) => ({ theme, confidence: exps[i] / sum })).sort(
    (a, b) => b.confidence - a.confidence,
  );
}
