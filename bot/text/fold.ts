/**
 * Folding: the one way text is made case- and accent-free before two spellings are compared.
 * People write "Cúcuta", "CUCUTA" and "cucuta" for one place, "SALÍR" and "salir" for one command;
 * every matcher (NLU, commands, place names, ids) starts from these two functions, so they agree.
 */

// Combining accents left by NFD: "á" → "a" + U+0301, "ñ" → "n" + U+0303.
const COMBINING_MARKS = /[\u0300-\u036f]/g;
const NOT_ALPHANUMERIC = /[^a-z0-9]+/g;

/**
 * Lower-case and accent-free, nothing else: punctuation, emoji and spacing stay.
 *
 * @example foldAccents('¿Cómo SACO el PPT?') === '¿como saco el ppt?'
 */
export function foldAccents(text: string): string {
  return text.normalize('NFD').replace(COMBINING_MARKS, '').toLowerCase();
}

/**
 * {@link foldAccents}, then every run of anything but a-z and 0-9 (punctuation, emoji, spaces) as one
 * space, trimmed: the words of a text as a matcher compares them. `joiners` are removed instead, so
 * the letters around them stay one word (apostrophes: "I'm" → "im"; dots: "D.C." → "dc").
 *
 * @example foldWords('¡¡Hola!! ¿Cómo   estás? 😀') === 'hola como estas'
 * @example foldWords('Bogotá, D.C.', /\./g) === 'bogota dc'
 */
export function foldWords(text: string, joiners?: RegExp): string {
  const folded = foldAccents(text);
  return (joiners ? folded.replace(joiners, '') : folded).replace(NOT_ALPHANUMERIC, ' ').trim();
}
