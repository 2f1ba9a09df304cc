/**
 * Where the person is, as a DIVIPOLA code: "en Cúcuta", "vivo en Soacha", "Cúcuta" alone, "estoy en
 * Villa del Rosario", "vivo en Bello Antioquia". Place names are resolved by `GeoDirectory` (accents,
 * typos, short forms, "municipality department"); this file only decides which words might be a place.
 *
 * Careful on purpose: a place is read after "vivo en"/"estoy en" (typos forgiven), after a plain
 * "en"/"cerca de" (exact names only, not everyday words like "la playa"), or when the whole message
 * is a place name. A birthplace ("nació en Cúcuta") is the child's, and a job offer's place ("trabajo
 * en Bogotá, me pagan el bus") is the offer's: neither says where the person is.
 */
import { GeoDirectory, type PlaceResolution } from '../../geo/geoDirectory';
import { PlaceKeys } from './placeKeys';
import { CLAUSE_BREAK, type MessageText } from './messageText';
import { EVERYDAY_WORD_PLACES, FOREIGN_PLACES } from './placeNames';
import type { PlaceCode, Understood } from './understanding';

/** Words after which the person says where they are. */
const STRONG_CUES: readonly string[][] = [
  ['vivo', 'en'], ['vivimos', 'en'], ['estoy', 'en'], ['estamos', 'en'], ['encuentro', 'en'], ['resido', 'en'],
  ['residimos', 'en'], ['llegue', 'a'], ['llegamos', 'a'], ['aqui', 'en'], ['aca', 'en'], ['ando', 'en'],
  ['live', 'in'], ['am', 'in'], ['are', 'in'], ['staying', 'in'],
];
/** Plain place prepositions (exact names only after these). */
const WEAK_CUES = new Set(['en', 'in', 'near']);
/** "cerca de Pamplona", "la terminal de Bogotá": "de" introduces a place only after these. */
const BEFORE_DE = new Set(['cerca', 'terminal', 'ciudad', 'municipio', 'departamento', 'hospital', 'alcaldia']);
/** Strong cue verbs may stand a word away from their preposition ("llegué ayer a Bucaramanga"). */
const STRONG_VERBS = new Set(STRONG_CUES.map(([verb]) => verb));

/** Words that end a place name span. */
const SPAN_END = new Set([
  CLAUSE_BREAK, 'y', 'e', 'pero', 'con', 'porque', 'que', 'para', 'sin', 'no', 'a', 'desde', 'hace', 'and', 'with',
  'but', 'for', 'since', 'recien', 'ayer', 'hoy', 'ahora', 'esta', 'este', 'donde', 'mi', 'mis', 'my', 'is',
]);
/** Births and job offers: their places are not where the person is. */
const NOT_HERE_BEFORE = new Set(['nacio', 'nacieron', 'nacida', 'nacido', 'born', 'naci']);
const OFFER = /\b(ofrec\w*|oferta\w*|offer\w*)\b/;
const MAX_SPAN = 4;
/** The whole message is tried as a place when it is this short. */
const SHORT_MESSAGE = 4;

function codeOf(resolution: PlaceResolution): PlaceCode | undefined {
  if (resolution.kind === 'municipality') {
    return { departmentCode: resolution.department.code, municipalityCode: resolution.municipality.code };
  }
  if (resolution.kind === 'department') return { departmentCode: resolution.department.code };
  return undefined;
}

/**
 * A place named by the tokens starting at `start` (up to {@link MAX_SPAN} words, longest first).
 * `forgiving` allows typos; `everyday` also allows names that are everyday words ("la playa"), which
 * only a plain "vivo en …" or a message that is nothing but the name makes a place.
 */
export function placeAt(tokens: readonly string[], start: number, forgiving: boolean, geo = GeoDirectory.shipped(), everyday = forgiving): Understood<PlaceCode> | undefined {
  const keys = PlaceKeys.of(geo);
  const words: string[] = [];
  // Digits end a name too: "en el 2017" is a year.
  for (let i = start; i < tokens.length && words.length < MAX_SPAN && !SPAN_END.has(tokens[i]) && !/\d/.test(tokens[i]); i++) words.push(tokens[i]);
  for (let n = words.length; n >= 1; n--) {
    const span = words.slice(0, n).join(' ');
    if (FOREIGN_PLACES.has(span) || words.slice(0, n).some((w) => FOREIGN_PLACES.has(w))) return undefined;
    // "Colombia" is the country here, never the municipality in Huila.
    if (span === 'colombia' || (!everyday && EVERYDAY_WORD_PLACES.has(span))) continue;
    // Only known names reach the directory (its own typo search is far too slow for every phrase);
    // a typo is forgiven after "vivo en" and the like, and only one edit away once spelling is folded.
    const name = forgiving && span.length >= 5 ? keys.closest(span) : keys.has(span) ? span : undefined;
    if (name === undefined) continue;
    const code = codeOf(geo.resolvePlace(name));
    if (code) return { value: code, evidence: span };
  }
  return undefined;
}

/** Where the person says they are, when they say it. */
export function extractPlace(message: MessageText, geo = GeoDirectory.shipped()): Understood<PlaceCode> | undefined {
  const { tokens } = message;
  if (tokens.length <= SHORT_MESSAGE && !tokens.includes(CLAUSE_BREAK)) {
    // Only the whole message counts here: in "tengo ppt vigente" no word is a place, however close to one.
    const start = tokens[0] === 'en' ? 1 : 0;
    const whole = placeAt(tokens, start, true, geo);
    if (whole && whole.evidence.split(' ').length === tokens.length - start) return whole;
  }
  let found: Understood<PlaceCode> | undefined;
  let clauseHasOffer = false;
  let clauseStart = 0;
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i] === CLAUSE_BREAK || i === 0) {
      clauseStart = tokens[i] === CLAUSE_BREAK ? i + 1 : 0;
      const end = tokens.indexOf(CLAUSE_BREAK, clauseStart);
      clauseHasOffer = OFFER.test(tokens.slice(clauseStart, end === -1 ? undefined : end).join(' '));
    }
    if (clauseHasOffer) continue;
    const strong =
      STRONG_CUES.some(([a, b]) => tokens[i - 1] === a && tokens[i] === b) ||
      (['en', 'a', 'in'].includes(tokens[i]) && STRONG_VERBS.has(tokens[i - 2]) && tokens[i - 1] !== CLAUSE_BREAK);
    const weak = WEAK_CUES.has(tokens[i]) || (tokens[i] === 'de' && BEFORE_DE.has(tokens[i - 1]));
    if (!strong && !weak) continue;
    // "nació en marzo en Cúcuta": any "en" up to a few words after a birth verb is the birth's.
    const recent = tokens.slice(Math.max(clauseStart, i - 5), i);
    if (recent.some((t) => NOT_HERE_BEFORE.has(t))) continue;
    const place = placeAt(tokens, i + 1, strong, geo);
    if (place && (strong || !found)) {
      found = place;
      if (strong) break;
    }
  }
  return found;
}
