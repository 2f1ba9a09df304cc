/**
 * Folding of place names typed by people: accents, case, punctuation and spacing never decide a match
 * ("Cúcuta", "CUCUTA", "cucuta." and "Bogotá, D.C." vs "bogota dc" must compare equal).
 */

import { foldWords } from '../text/fold';

// Abbreviation dots join rather than split: "D.C." → "dc", "Sta." → "sta".
const DOTS = /\./g;

/** Lower-case, accent-free, punctuation-free text with single spaces: the key for place-name lookups. */
export function foldPlaceText(text: string): string {
  return foldWords(text, DOTS);
}
