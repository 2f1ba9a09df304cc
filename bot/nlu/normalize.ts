/**
 * Text normalisation shared by every NLU component (theme routing, emergency detection, choice
 * matching), so that "¿Cómo SACO el PPT???", "como saco el ppt" and "komo saco el ppt" reach the
 * models in one canonical shape.
 *
 * People write on WhatsApp without accents, with elongated letters ("ayudaaa"), emoji, and
 * SMS abbreviations ("q", "xq", "pa", "tb"); voice-to-text gives long unpunctuated runs. The steps
 * below undo those habits and nothing more: spelling variants (v/b, s/z/c, silent h) are folded later,
 * in `terms.ts`, because emergency patterns and choice titles want the real words back.
 */
import { foldWords } from '../text/fold';

/**
 * SMS and WhatsApp abbreviations, Spanish and English, each mapped to the words they stand for.
 * Only tokens that are never a real word on their own are listed ("a", "e", "o" are left alone).
 */
const ABBREVIATIONS: Readonly<Record<string, string>> = {
  // Spanish
  q: 'que',
  k: 'que',
  ke: 'que',
  qe: 'que',
  xq: 'porque',
  xk: 'porque',
  pq: 'porque',
  pk: 'porque',
  porq: 'porque',
  x: 'por',
  xa: 'para',
  pa: 'para',
  pal: 'para el',
  tb: 'tambien',
  tmb: 'tambien',
  tbn: 'tambien',
  tambn: 'tambien',
  hno: 'hermano',
  hna: 'hermana',
  hnos: 'hermanos',
  d: 'de',
  dl: 'del',
  dnd: 'donde',
  dnde: 'donde',
  xfa: 'por favor',
  xfavor: 'por favor',
  porfa: 'por favor',
  porfis: 'por favor',
  plis: 'por favor',
  ud: 'usted',
  uds: 'ustedes',
  bn: 'bien',
  tng: 'tengo',
  tngo: 'tengo',
  kiero: 'quiero',
  qiero: 'quiero',
  kieren: 'quieren',
  toy: 'estoy',
  stoy: 'estoy',
  sta: 'esta',
  cmo: 'como',
  cm: 'como',
  nd: 'nada',
  msj: 'mensaje',
  info: 'informacion',
  tel: 'telefono',
  cel: 'celular',
  nro: 'numero',
  num: 'numero',
  mjr: 'mejor',
  dsp: 'despues',
  dps: 'despues',
  bb: 'bebe',
  bbe: 'bebe',
  doc: 'documento',
  docs: 'documentos',
  ced: 'cedula',
  cc: 'cedula',
  tmpc: 'tampoco',
  // English (apostrophes are removed before this lookup, so "I'm" arrives as "im")
  u: 'you',
  ur: 'your',
  r: 'are',
  pls: 'please',
  plz: 'please',
  im: 'i am',
  ive: 'i have',
  dont: 'do not',
  doesnt: 'does not',
  didnt: 'did not',
  cant: 'can not',
  cannot: 'can not',
  wont: 'will not',
  isnt: 'is not',
  arent: 'are not',
  whats: 'what is',
  wheres: 'where is',
  hows: 'how is',
  theyre: 'they are',
  hes: 'he is',
  shes: 'she is',
};

// Removed rather than spaced, so "I'm" stays one word ("im", then expanded).
const APOSTROPHES = /['’‘`´]/g;
// Three or more of the same letter is always emphasis in Spanish and English ("holaaa", "siiii");
// doubled letters are left alone because "ll", "rr", "cc" and "ee" are real spelling.
const ELONGATION = /([a-z])\1{2,}/g;

/**
 * Lower-case, accent-free, punctuation-free form of a message, with elongations collapsed.
 * Keeps the words as typed (no abbreviation expansion); see {@link normalize} for that.
 *
 * @example cleanText('¡¡Holaaa!! ¿Cómo estás? 😀') === 'hola como estas'
 */
export function cleanText(text: string): string {
  return foldWords(text, APOSTROPHES).replace(ELONGATION, '$1');
}

/** The word(s) an abbreviation stands for, or the token itself. */
export function expandAbbreviation(token: string): string {
  return ABBREVIATIONS[token] ?? token;
}

/**
 * The text tokenized last, and its tokens (frozen: every caller shares them). One message is read
 * by several parts in a row (danger words, the understanding, the theme router, the choice
 * matcher), each starting from its tokens. Only the one text is held, until the next is tokenized.
 */
let last: { text: string; tokens: readonly string[] } = { text: '', tokens: Object.freeze([]) };

/**
 * Normalised tokens of a message: {@link cleanText} split on spaces, with abbreviations expanded.
 *
 * @example tokenize('q hago xq no tng papeles') → ['que', 'hago', 'porque', 'no', 'tengo', 'papeles']
 */
export function tokenize(text: string): readonly string[] {
  if (text === last.text) return last.tokens;
  const cleaned = cleanText(text);
  const tokens = cleaned === '' ? [] : cleaned.split(' ').flatMap((token) => expandAbbreviation(token).split(' '));
  last = { text, tokens: Object.freeze(tokens) };
  return last.tokens;
}

/**
 * The canonical form of a message every NLU component starts from: accent- and case-free,
 * punctuation and emoji removed, elongations collapsed, abbreviations expanded, single spaces.
 *
 * @example normalize('¿Cómo SACO el PPT???') === 'como saco el ppt'
 */
export function normalize(text: string): string {
  return tokenize(text).join(' ');
}
