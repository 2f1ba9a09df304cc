/**
 * Matches a typed answer against the choices a prompt offered: a tapped button or list row (its
 * id), the row number ("2", "la 2", "opción dos"), the title or a synonym, or words of them with
 * typos ("salu", "regularisacion"). Used by every choice prompt, so it must never guess: when two
 * choices fit equally, or the message is a longer sentence only partly about one choice, it returns
 * undefined and the prompt can ask again or route the text as a free question. An unsure answer
 * ("no sé", "ni idea", "not sure") picks nothing either, although "no" is an answer word: the
 * person has not chosen, and the prompt asks again. Nor does an answer without a negation pick a
 * choice by its negated words: "tengo permiso de trabajo" shares "tengo permiso" with "No tengo
 * permiso", and means the opposite.
 */
import type { Choice } from '../content/choice';
import { CorrectionCache, typoDistance } from '../text/fuzzy';
import { normalize, tokenize } from './normalize';
import { STOPWORDS } from './stopwords';
import { toTerm } from './terms';
import { isUnsure, withoutUncertainty } from './uncertainty';

const NUMBER_WORDS: Readonly<Record<string, number>> = {
  uno: 1, una: 1, primero: 1, primera: 1, one: 1, first: 1,
  dos: 2, segundo: 2, segunda: 2, two: 2, second: 2,
  tres: 3, tercero: 3, tercera: 3, three: 3, third: 3,
  cuatro: 4, cuarto: 4, cuarta: 4, four: 4, fourth: 4,
  cinco: 5, quinto: 5, quinta: 5, five: 5, fifth: 5,
  seis: 6, sexto: 6, sexta: 6, six: 6, sixth: 6,
  siete: 7, septimo: 7, septima: 7, seven: 7, seventh: 7,
  ocho: 8, octavo: 8, octava: 8, eight: 8, eighth: 8,
  nueve: 9, noveno: 9, novena: 9, nine: 9, ninth: 9,
  diez: 10, decimo: 10, decima: 10, ten: 10, tenth: 10,
};

// "la 2", "opción 3", "number 4", "#5", "el numero 1".
const NUMBER_ANSWER = /^(?:(?:la|el|lo|opcion|option|numero|number|nro|no|choice)\s)*(\S+)$/;

// "sí" and "no" are answers here, not filler.
const ANSWER_WORDS = new Set(['si', 'no', 'yes']);
const isFiller = (token: string): boolean => !ANSWER_WORDS.has(token) && (STOPWORDS.has(token) || /^\d+$/.test(token));

/** Words that turn a phrase into its opposite ("no tengo", "sin permiso", "without a permit"). */
const NEGATIONS: ReadonlySet<string> = new Set(['no', 'sin', 'ni', 'ninguno', 'ninguna', 'nada', 'nunca', 'not', 'without', 'none', 'never', 'nothing']);
const isNegated = (text: string): boolean => tokenize(text).some((token) => NEGATIONS.has(token));

/** What matching needs of one of a choice's phrases (title, id, synonym, description). */
interface Phrase {
  normalized: string;
  terms: string[];
  negated: boolean;
}
// Choices come from the content files, so the same few thousand phrases are analysed every turn: once is enough.
const phrases = new CorrectionCache<Phrase>();
const phrase = (text: string): Phrase => phrases.get(text, () => ({ normalized: normalize(text), terms: contentTerms(text), negated: isNegated(text) }));

/** Weight of a match on a description word, relative to title, id and synonym words. */
const DESCRIPTION_WEIGHT = 0.5;
/** A match by typo tolerance counts a little less than an exact one, so exact wins a tie. */
const FUZZY_FACTOR = 0.8;
/** Sentences longer than this many content words must be mostly about the choice to match it. */
const SHORT_ANSWER = 2;
const MIN_COVERAGE = 0.5;

/**
 * The id of the choice a typed answer picks, or undefined when it picks none or is ambiguous.
 *
 * @example
 * const choices = [{ id: 'health', title: 'Salud', synonyms: ['eps'] }, { id: 'work', title: 'Trabajo' }];
 * matchChoice('2', choices);        // 'work'
 * matchChoice('salu', choices);     // 'health'
 * matchChoice('mi eps', choices);   // 'health'
 * matchChoice('hola', choices);     // undefined
 * matchChoice('no sé', [{ id: 'yes', title: 'Sí' }, { id: 'no', title: 'No' }]); // undefined
 */
export function matchChoice(text: string, choices: readonly Choice[]): string | undefined {
  const last = lastMatch.get(choices);
  if (last?.text === text) return last.id;
  const id = matchAnew(text, choices);
  lastMatch.set(choices, { text, id });
  return id;
}

/**
 * The last answer matched against each list of choices. A turn matches the same message against
 * the same open question three times (the repair check, then botbuilder's prompt, which recognises
 * once when the message arrives and again when it continues); the choices are the prompt's saved
 * options, one array for the whole turn. Keyed weakly by that array, so the message text goes
 * when the turn's state does.
 */
const lastMatch = new WeakMap<readonly Choice[], { text: string; id: string | undefined }>();

function matchAnew(text: string, choices: readonly Choice[]): string | undefined {
  const trimmed = text.trim();
  if (trimmed === '' || choices.length === 0) return undefined;
  // Buttons and list rows send the id itself.
  const byId = choices.find((choice) => choice.id === trimmed);
  if (byId) return byId.id;

  const cleaned = normalize(trimmed);
  if (cleaned === '') return undefined;

  const position = numberIn(cleaned);
  if (position !== undefined) return position >= 1 && position <= choices.length ? choices[position - 1].id : undefined;

  const exact = choices.find((choice) => phrasesOf(choice).some((text) => phrase(text).normalized === cleaned));
  if (exact) return exact.id;

  // "No sé" is not "no": an unsure person must not be sent down a definite branch. Only a choice
  // that is itself "I don't know" can take the answer.
  if (isUnsure(trimmed)) {
    const unsureChoices = choices.filter((choice) => phrasesOf(choice).some(isUnsure));
    return unsureChoices.length === 1 ? unsureChoices[0].id : undefined;
  }
  // Nor is the "no" of a "no sé" inside a longer answer: "tengo PPT pero no sé si está vigente".
  return bestByWords(withoutUncertainty(trimmed), choices);
}

/** The 1-based position an answer names ("2", "la segunda", "option 3"), if it is only that. */
function numberIn(cleaned: string): number | undefined {
  const match = NUMBER_ANSWER.exec(cleaned);
  if (!match) return undefined;
  const word = match[1];
  if (/^\d{1,2}$/.test(word)) return Number(word);
  return NUMBER_WORDS[word];
}

function phrasesOf(choice: Choice): string[] {
  return [choice.title, choice.id.replace(/_/g, ' '), ...(choice.synonyms ?? [])];
}

interface Candidate {
  id: string;
  /** Sum of the weights of the answer's words found among the choice's words. */
  score: number;
  /** How many of the answer's words were found. */
  matched: number;
  /** Which of the answer's words were found (joined), to tell "same words" from "different words". */
  matchedKey: string;
  /** Share of the best-covered title/synonym the answer covers: "ya tengo el ppt" fits "tengo ppt" better than "no tengo ppt". */
  completeness: number;
}

/** Scores each choice by the answer's words found among its words; a unique best wins. */
function bestByWords(cleaned: string, choices: readonly Choice[]): string | undefined {
  const answerTerms = [...new Set(contentTerms(cleaned))];
  if (answerTerms.length === 0) return undefined;
  const affirmative = !isNegated(cleaned);

  let best: Candidate | undefined;
  let tie = false;
  for (const choice of choices) {
    const candidate = score(choice, answerTerms, affirmative);
    if (candidate.score === 0) continue;
    const order = best ? compare(candidate, best) : 1;
    if (order > 0) {
      best = candidate;
      tie = false;
    } else if (order === 0) {
      tie = true;
    }
  }
  if (!best || tie) return undefined;
  const coverage = best.matched / answerTerms.length;
  return answerTerms.length <= SHORT_ANSWER || coverage >= MIN_COVERAGE ? best.id : undefined;
}

function contentTerms(text: string): string[] {
  return tokenize(text)
    .filter((token) => !isFiller(token))
    .map(toTerm);
}

/** `affirmative`: the answer has no negation, so the choice's negated phrases do not count. */
function score(choice: Choice, answerTerms: readonly string[], affirmative: boolean): Candidate {
  const keep = (analysed: Phrase): boolean => !affirmative || !analysed.negated;
  // Title, id and synonym words weigh 1, description words less.
  const kept = phrasesOf(choice).map(phrase).filter(keep).map((analysed) => analysed.terms).filter((terms) => terms.length > 0);
  const vocabulary = new Map<string, number>();
  const description = phrase(choice.description ?? '');
  if (keep(description)) for (const term of description.terms) vocabulary.set(term, DESCRIPTION_WEIGHT);
  for (const terms of kept) for (const term of terms) vocabulary.set(term, 1);

  let total = 0;
  const found: string[] = [];
  for (const answer of answerTerms) {
    let weight = 0;
    for (const [term, termWeight] of vocabulary) weight = Math.max(weight, termWeight * likeness(answer, term));
    if (weight > 0) {
      total += weight;
      found.push(answer);
    }
  }
  let completeness = 0;
  for (const terms of kept) {
    const covered = terms.filter((term) => answerTerms.some((answer) => likeness(answer, term) > 0)).length;
    completeness = Math.max(completeness, covered / terms.length);
  }
  return { id: choice.id, score: total, matched: found.length, matchedKey: found.join(' '), completeness };
}

/**
 * Positive when `a` fits better than `b`, zero when they fit equally. Completeness only separates
 * choices that matched the same words: "registro salud" names two choices and stays ambiguous.
 */
function compare(a: Candidate, b: Candidate): number {
  if (a.score !== b.score) return a.score - b.score;
  return a.matchedKey === b.matchedKey ? a.completeness - b.completeness : 0;
}

/** 1 for the same term, {@link FUZZY_FACTOR} within the allowed typos, else 0. */
function likeness(answer: string, term: string): number {
  if (answer === term) return 1;
  return typoDistance(answer, term) === undefined ? 0 : FUZZY_FACTOR;
}
