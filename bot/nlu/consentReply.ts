/**
 * A typed answer to the consent question in a few words: "yes i accept", "I agree", "sí, de
 * acuerdo", "si claro", "no gracias", "no estoy de acuerdo". The buttons and their one-word
 * synonyms ("sí", "acepto", "ok") are matched exactly by the consent dialog; this reads the short
 * sentences people type instead, which were answered "tell me whether you accept" again.
 *
 * Only a short message made of nothing but agreeing (or declining) words counts: "si pero tengo una
 * pregunta del ppt" or "hola estoy bien" is not consent, and is answered as before.
 */
import { foldWords } from '../text/fold';

/** Longer than this is a sentence with more in it than yes or no. */
const MAX_WORDS = 6;
/** At least one of these says yes. */
const AGREE = new Set(['si', 'yes', 'ok', 'okay', 'vale', 'dale', 'claro', 'acepto', 'aceptar', 'accept', 'agree', 'acuerdo', 'listo', 'perfecto', 'sure', 'yeah', 'yep', 'course']);
/** Words that go with a yes without changing it ("yes, I accept", "sí, estoy de acuerdo, gracias"). */
const WITH_YES = new Set(['i', 'yo', 'de', 'estoy', 'esta', 'por', 'favor', 'please', 'gracias', 'thanks', 'thank', 'you', 'of', 'that', 's', 'it', 'is', 'fine', 'con', 'todo', 'pues', 'muy', 'bien', 'am', 'im', 'do', 'eso']);
/** At least one of these says no. */
const DECLINE = new Set(['no', 'not', 'nope', 'decline', 'don', 'dont']);
/** Words that go with a no ("no gracias", "no estoy de acuerdo", "I don't accept"). */
const WITH_NO = new Set([...WITH_YES, 'acepto', 'aceptar', 'accept', 'agree', 'acuerdo', 'quiero', 'want', 'to', 't']);

/** 'consent_yes' or 'consent_no' for a short typed answer made only of such words; otherwise undefined. */
export function consentReply(text: string): 'consent_yes' | 'consent_no' | undefined {
  const words = foldWords(text).split(' ').filter(Boolean);
  if (words.length === 0 || words.length > MAX_WORDS) return undefined;
  if (words.some((w) => DECLINE.has(w))) return words.every((w) => DECLINE.has(w) || WITH_NO.has(w)) ? 'consent_no' : undefined;
  return words.some((w) => AGREE.has(w)) && words.every((w) => AGREE.has(w) || WITH_YES.has(w)) ? 'consent_yes' : undefined;
}
