/**
 * Folding of place names typed by people: accents, case, punctuation and spacing never decide a match
 * ("Cúcuta", "CUCUTA", "cucuta." and "Bogotá, D.C." vs "bogota dc" must compare equal).
 */

/** Lower-case, accent-free, punctuation-free text with single spaces: the key for place-name lookups. */
export function foldPlaceText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '') // combining accents, so "á" → "a" and "ñ" → "n"
    .toLowerCase()
    .replace(/\./g, '') // "D.C." → "dc", "Sta." → "sta"
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}
