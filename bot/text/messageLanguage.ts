/**
 * The language a message is written in, when its own words say so. WhatsApp tells no locale, and
 * PRO Bot speaks Spanish first: without this, someone who writes "my employer took my passport"
 * gets the emergency lines and the welcome in Spanish, and must first find the word "English".
 *
 * Counts words that only one of the two languages uses (function words and the commonest verbs of
 * a request, with the spellings people type: "im", "dont", "q", "xq"). Cautious on purpose: a
 * short or mixed message ("ok", "hola", "hola help", "PPT?") says nothing, and the caller keeps its default.
 */
import { foldWords } from './fold';

const ENGLISH = new Set([
  'the', 'my', 'i', 'im', 'is', 'are', 'am', 'and', 'to', 'of', 'have', 'had', 'need', 'help', 'what',
  'how', 'can', 'where', 'with', 'took', 'take', 'dont', 'wont', 'cant', 'please', 'hi', 'hello', 'want',
  'do', 'does', 'get', 'got', 'for', 'this', 'it', 'was', 'they', 'there', 'work', 'job', 'live',
  'from', 'will', 'would', 'could', 'should', 'not', 'your', 'our', 'we', 'you', 'he', 'she', 'who', 'why',
  'when', 'which', 'any', 'some', 'daughter', 'baby', 'born', 'school', 'passport', 'boss', 'employer',
]);
const SPANISH = new Set([
  'el', 'la', 'los', 'las', 'de', 'del', 'que', 'q', 'y', 'mi', 'mis', 'es', 'en', 'por', 'para', 'con',
  'una', 'un', 'tengo', 'hola', 'necesito', 'como', 'donde', 'quiero', 'kiero', 'puedo', 'estoy', 'soy',
  'su', 'se', 'lo', 'al', 'pero', 'tiene', 'hay', 'buenas', 'buenos', 'gracias', 'ayuda', 'porque', 'xq',
  'cuando', 'cual', 'esta', 'este', 'hijo', 'hija', 'bebe', 'trabajo', 'tienen', 'nos', 'le', 'les', 'ya',
  'muy', 'quitaron', 'pasaporte', 'jefe', 'vivo', 'somos', 'nacio',
]);
// Words both use ("a", "no", "me", "he", "son", "has", "doctor", "hospital", "ok", "sos", the
// names of permits) count for neither.

// A first message is often a bare greeting: "hello" alone says English as clearly as a sentence.
const ENGLISH_GREETING = /^(hi|hello|hey|good (morning|afternoon|evening))( there)?$/;

/** 'en' or 'es' when the message's words clearly say so; undefined when short, mixed or unknown. */
export function messageLanguage(text: string): 'en' | 'es' | undefined {
  const words = foldWords(text);
  if (ENGLISH_GREETING.test(words)) return 'en';
  let english = 0;
  let spanish = 0;
  for (const word of words.split(' ')) {
    if (ENGLISH.has(word)) english++;
    else if (SPANISH.has(word)) spanish++;
  }
  if (english >= 2 && english >= 3 * spanish) return 'en';
  if (spanish >= 2 && spanish >= 3 * english) return 'es';
  return undefined;
}
