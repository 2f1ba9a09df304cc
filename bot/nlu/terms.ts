/**
 * Terms: the canonical form two spellings of one word share, so a statistical model trained on
 * "cedula" also recognises "sedula", "cédulas" and "cedulas".
 *
 * Two steps, both deliberately crude and both applied identically to training data, lexicon and
 * incoming messages (only consistency matters, not linguistic correctness):
 * 1. {@link foldSpelling}: the spelling confusions common in Latin American writing (b/v, s/z/c,
 *    silent h, ll/y, qu/k/c, g/j) collapse to one letter.
 * 2. {@link stem}: one inflectional suffix is removed (plural, gender, common verb endings,
 *    -ción/-miento), plus a trailing clitic pronoun ("afiliarme" → "afiliar").
 */

/**
 * Folds Spanish spelling variants that sound alike. Words shorter than four letters are kept
 * as they are: they are mostly acronyms ("ppt", "eps", "pep") whose letters matter.
 *
 * @example foldSpelling('vacuna') === 'bakuna'; foldSpelling('cedula') === 'sedula'
 */
export function foldSpelling(word: string): string {
  if (word.length < 4 || /\d/.test(word)) return word;
  return (
    word
      // "ch" is its own sound; protect it (upper case never occurs in normalised input).
      .replace(/ch/g, 'C')
      .replace(/h/g, '')
      .replace(/ll/g, 'y')
      .replace(/v/g, 'b')
      .replace(/z/g, 's')
      .replace(/c([ei])/g, 's$1')
      .replace(/qu/g, 'k')
      .replace(/c/g, 'k')
      .replace(/g([ei])/g, 'j$1')
      .replace(/gu([ei])/g, 'g$1')
      .replace(/C/g, 'ch')
      // Doubled letters are a frequent typo in both directions ("pasaporte"/"passaporte").
      .replace(/([a-z])\1+/g, '$1')
  );
}

// Clitic pronouns glued to an infinitive or gerund: "afiliarme", "registrarlo", "ayudandome".
const CLITIC = /(ar|er|ir|ando|iendo)(me|te|se|lo|la|le|los|las|les|nos)$/;

// Longest first, in folded spelling ("-ción" is "-sion" here). English "-ing"/"-ed" share the list
// because the same pipeline serves both languages.
const SUFFIXES = [
  'asiones', 'isiones', 'asion', 'ision', 'mente',
  'ando', 'iendo', 'adas', 'idas', 'ados', 'idos', 'aron', 'ieron', 'aban',
  'ada', 'ida', 'ado', 'ido', 'aba', 'ing',
  'ar', 'er', 'ir', 'an', 'en', 'as', 'es', 'os', 'ia', 'ed',
  'a', 'e', 'o', 's',
];

const MIN_STEM = 3;

// Words whose stem would collide with an unrelated word: "trata" (trafficking) must not become
// "trat" like "trataron" (they treated me) or "tratamiento" (medical treatment).
const UNSTEMMED: ReadonlySet<string> = new Set(['trata']);

/**
 * Removes one inflectional ending (and a clitic pronoun), keeping at least three letters.
 *
 * @example stem('trabajando') === 'trabaj'; stem('papeles') === 'papel'; stem('eps') === 'eps'
 */
export function stem(word: string): string {
  if (UNSTEMMED.has(word)) return word;
  let base = word;
  const clitic = CLITIC.exec(base);
  if (clitic && base.length - clitic[2].length >= MIN_STEM + 2) {
    base = base.slice(0, base.length - clitic[2].length);
  }
  for (const suffix of SUFFIXES) {
    // Long endings need a longer stem left: "comida" must not end as "kom", like "como".
    const minStem = suffix.length >= 3 ? MIN_STEM + 1 : MIN_STEM;
    if (base.endsWith(suffix) && base.length - suffix.length >= minStem) {
      return base.slice(0, base.length - suffix.length);
    }
  }
  return base;
}

/**
 * The term for one normalised token: spelling folded, then stemmed.
 *
 * @example toTerm('registrarlo') === toTerm('rejistrar') // 'rejistr'
 */
export function toTerm(token: string): string {
  return stem(foldSpelling(token));
}
