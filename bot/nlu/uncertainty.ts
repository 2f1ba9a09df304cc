/**
 * Recognises an answer that says "I don't know" ("no sé", "ni idea", "no estoy segura", "idk",
 * "not sure"), so a choice prompt asks again instead of reading the "no" in "no sé" as a definite
 * "no" and sending an unsure person down the wrong branch.
 *
 * A message is unsure when an uncertainty phrase dominates it:
 * - the phrase, with only filler around it ("la verdad no sé", "mmm ni idea", "no sé, creo que no");
 * - or the phrase first, then what the person is unsure about ("no sé si tengo PPT",
 *   "no estoy seguro de la fecha", "not sure which one").
 * A phrase inside a longer answer about something else stays an answer: "no se registró" (it was
 * not registered) is a "no", and "tengo PPT pero no sé si está vigente" is about the PPT.
 */
import { typoDistance } from '../text/fuzzy';
import { tokenize } from './normalize';
import { STOPWORDS } from './stopwords';

/** Spellings of "sé" after "no", and of "no sé" run together ("nose", "ns", "no c"). */
const SE_SPELLINGS: Readonly<Record<string, string>> = {
  ce: 'se', ze: 'se', see: 'se', sep: 'se', c: 'se', s: 'se',
  nose: 'no se', nosee: 'no se', noce: 'no se', nosep: 'no se', nse: 'no se', ns: 'no se', nc: 'no se',
  nolose: 'no lo se', nidea: 'ni idea', niidea: 'ni idea',
  idk: 'do not know', idek: 'do not know', dunno: 'do not know', dno: 'do not know', dk: 'do not know',
  kno: 'know', knw: 'know', nkow: 'know',
};

/** Key words of the phrases, with typos forgiven ("segurp", "estoi", "sabira"); forms map to one word. */
const TYPO_TOLERANT: Readonly<Record<string, string>> = {
  seguro: 'seguro', segura: 'seguro', seguros: 'seguro', seguras: 'seguro', segure: 'seguro',
  estoy: 'estoy', idea: 'idea', sabria: 'sabria', sabemos: 'sabemos', recuerdo: 'recuerdo',
  acuerdo: 'acuerdo', desconozco: 'desconozco', know: 'know', sure: 'sure', certain: 'certain',
  remember: 'remember',
};
const TOLERANT_WORDS = Object.keys(TYPO_TOLERANT);

const PHRASES: readonly string[] = [
  // Spanish: "no sé", "yo no lo sé", "no sabría decirte", "no estoy segura", "no me acuerdo"
  String.raw`no (lo |la )?(se|sabe|sabemos|sabia|sabria|sabriamos)( decir(te|le|les)?)?`,
  String.raw`no ((lo )?(estoy|esta|estamos) )?(muy |del todo |tan |totalmente |completamente )?seguro`,
  String.raw`no (lo )?tengo (muy )?(claro|clara)`,
  String.raw`no (lo )?(recuerdo|acuerdo|me acuerdo)`,
  String.raw`no tengo (ni )?(la )?(mas )?(menor |minima |remota )?idea`,
  String.raw`ni (la )?(mas )?(menor |minima |remota |puta |pinche )?idea`,
  String.raw`yo que se( yo)?|que se yo|ni se`,
  String.raw`(lo )?desconozco`,
  String.raw`quien (sabe|sabra)`,
  String.raw`sepa dios|sabra dios|(solo )?dios (sabe|sabra)`,
  String.raw`tal vez|quizas|quiza|a lo mejor|puede ser`,
  // English: "I don't know", "idk", "not sure", "no idea"
  String.raw`(i )?(do|did) not (really )?know`,
  String.raw`(i am |i m |im )?(not|un) ?(really |totally |completely |so |too |very )?(sure|certain)`,
  String.raw`(i )?(have )?no (idea|clue)`,
  String.raw`(i )?(can not|do not) (remember|recall)|(i )?can not say`,
  String.raw`(who|nobody) knows?|hard to say|maybe|perhaps`,
];
const PHRASE = new RegExp(String.raw`(?<= |^)(${PHRASES.join('|')})(?= |$)`, 'g');

/** Words that, right after the phrase, say what the person is unsure about: "no sé *si*…", "not sure *which*…". */
const COMPLEMENTS: ReadonlySet<string> = new Set([
  'si', 'de', 'del', 'que', 'cual', 'cuales', 'como', 'donde', 'cuando', 'quien', 'quienes', 'cuanto', 'cuanta',
  'cuantos', 'cuantas', 'porque', 'about', 'if', 'whether', 'which', 'what', 'how', 'when', 'where', 'who', 'of',
]);

/** Words around the phrase that add nothing: function words, hedges, interjections, and yes/no. */
const FILLER: ReadonlySet<string> = new Set([
  ...STOPWORDS, 'si', 'no', 'yes', 'creo', 'pienso', 'supongo', 'think', 'guess', 'verdad', 'realmente',
  'sinceramente', 'honestamente', 'exactamente', 'ahorita', 'm', 'mm', 'hm', 'hmm', 'em', 'eh', 'ah', 'uh',
  'um', 'ay', 'uy', 'ps', 'really', 'honestly', 'exactly', 'actually', 'sorry', 'siento', 'yet', 'well',
]);

/** The token itself, its known misspelling fixed, or the nearest key word within the allowed typos. */
function correct(token: string): string {
  if (SE_SPELLINGS[token]) return SE_SPELLINGS[token];
  if (TYPO_TOLERANT[token] || FILLER.has(token)) return TYPO_TOLERANT[token] ?? token;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const word of TOLERANT_WORDS) {
    const d = typoDistance(token, word);
    if (d === undefined) continue;
    if (d < bestDistance) {
      best = TYPO_TOLERANT[word];
      bestDistance = d;
    } else if (d === bestDistance && best !== TYPO_TOLERANT[word]) {
      best = undefined; // two different words fit equally: leave the token alone
    }
  }
  return best ?? token;
}

const correctedText = (text: string): string => tokenize(text).map(correct).join(' ');
const words = (text: string): string[] => (text === '' ? [] : text.split(' '));
const allFiller = (tokens: readonly string[]): boolean => tokens.every((token) => FILLER.has(token));

/**
 * Whether a typed answer says the person does not know or is not sure.
 *
 * @example
 * isUnsure('No sé');                 // true
 * isUnsure('la verdad no estoy segura'); // true
 * isUnsure('no sé si tengo ppt');    // true
 * isUnsure('no');                    // false
 * isUnsure('no se registró');        // false
 */
export function isUnsure(text: string): boolean {
  const corrected = correctedText(text);
  if (corrected === '') return false;
  PHRASE.lastIndex = 0;
  const first = PHRASE.exec(corrected);
  if (!first) return false;
  // Before the phrase: only filler ("pues", "la verdad", "no,").
  if (!allFiller(words(corrected.slice(0, first.index).trim()))) return false;
  const after = words(corrected.slice(first.index + first[0].length).trim());
  // Right after it, what the person is unsure about: "no sé si…", "no estoy seguro de la fecha".
  if (after.length > 0 && COMPLEMENTS.has(after[0])) return true;
  // Otherwise only filler or more of the same may follow: "no sé, ni idea", "no lo sé bien".
  const rest = after.join(' ').replace(PHRASE, ' ').trim();
  return allFiller(words(rest.replace(/\s+/g, ' ')));
}

// A phrase with the "if" that follows it: "no sé si", "not sure whether".
const PHRASE_WITH_IF = new RegExp(String.raw`${PHRASE.source}( (si|if|whether)(?= |$))?`, 'g');

/**
 * The normalised message without its uncertainty phrases, for word matching when the phrase does
 * not dominate: in "tengo PPT pero no sé si está vigente" neither the "no" nor the "si" of
 * "no sé si" is an answer. A message with no such phrase comes back as `normalize` gives it.
 *
 * @example withoutUncertainty('tengo ppt pero no sé si está vigente') === 'tengo ppt pero esta vigente'
 */
export function withoutUncertainty(text: string): string {
  const corrected = correctedText(text);
  PHRASE.lastIndex = 0;
  if (!PHRASE.test(corrected)) return tokenize(text).join(' ');
  const stripped = corrected.replace(PHRASE_WITH_IF, (match: string, ...rest: unknown[]) => {
    // "no se" before a verb is reflexive, not "I don't know": "no se registró" stays a "no".
    const offset = rest[rest.length - 2] as number;
    const next = corrected.slice(offset + match.length).trim().split(' ')[0];
    return /^no se$/.test(match) && next !== '' && !COMPLEMENTS.has(next) ? match : ' ';
  });
  return stripped.trim().replace(/\s+/g, ' ');
}
