/**
 * Small talk a person may send at any step, in Spanish or English: a greeting, thanks, an "ok", an
 * "I don't know" or an "I don't understand". None of them answers the open question, and none
 * deserves "I did not understand your answer": the dialogs answer briefly and ask again.
 * Only a whole message counts ("hola, necesito el PPT" is a question, not small talk).
 */
import { isUnsure } from '../nlu/uncertainty';
import { foldWords } from '../text/fold';

export type SmallTalk = 'greeting' | 'thanks' | 'ack' | 'unsure' | 'confused';

const GREETINGS = [
  'hola', 'holi', 'ola', 'buenas', 'buenos dias', 'buen dia', 'buenas tardes', 'buenas noches', 'saludos', 'que tal', 'hola buenas',
  'hola buenos dias', 'hola buenas tardes', 'hola buenas noches', 'hola que tal', 'hello', 'hi', 'hey', 'good morning', 'good afternoon', 'good evening',
];
const THANKS = [
  'gracias', 'muchas gracias', 'mil gracias', 'gracias de verdad', 'muy amable', 'ok gracias', 'vale gracias', 'listo gracias', 'bueno gracias',
  'gracias dios te bendiga', 'dios le pague', 'thanks', 'thank you', 'thank you very much', 'thanks a lot', 'many thanks', 'ok thanks', 'ok thank you',
];
const ACKS = [
  'ok', 'okay', 'okey', 'oki', 'vale', 'listo', 'entendido', 'entiendo', 'bueno', 'perfecto', 'de acuerdo', 'claro', 'bien', 'ya', 'aja',
  'got it', 'alright', 'all right', 'fine', 'sure', 'understood', 'k',
];
const CONFUSED = [
  'no entiendo', 'no entendi', 'no comprendo', 'no le entiendo', 'no te entiendo', 'no entiendo nada', 'no entendi nada', 'como asi', 'que',
  'que significa', 'no se que hacer', 'no se que elegir', 'cual', 'i dont understand', 'i do not understand', 'i don t understand',
  'what', 'what do you mean', 'i m confused', 'im confused', 'confused',
];

const PHRASES = new Map<string, SmallTalk>();
for (const [kind, phrases] of [['greeting', GREETINGS], ['thanks', THANKS], ['ack', ACKS], ['confused', CONFUSED]] as const) {
  for (const phrase of phrases) PHRASES.set(phrase, kind);
}

/** "holaaa" → "hola", "graciasss" → "gracias": people stretch words in chat. */
const collapseRepeats = (text: string): string => text.replace(/(.)\1+/g, '$1');

/**
 * The kind of small talk a whole message is, or undefined when it says something else.
 *
 * @example
 * detectSmallTalk('¡Muchas gracias!');  // 'thanks'
 * detectSmallTalk('no entiendo');       // 'confused'
 * detectSmallTalk('no sé');             // 'unsure'
 * detectSmallTalk('hola, necesito el PPT'); // undefined
 */
export function detectSmallTalk(text: string | undefined): SmallTalk | undefined {
  if (!text) return undefined;
  const normalized = foldWords(text);
  if (!normalized) return undefined;
  const kind = PHRASES.get(normalized) ?? PHRASES.get(collapseRepeats(normalized));
  if (kind) return kind;
  // "no sé", "ni idea", "not sure": checked after the phrases, so "no sé qué hacer" reads as confusion.
  return isUnsure(text) ? 'unsure' : undefined;
}

/** "hola", "buenas tardes", "hi": a greeting, not a question. */
export function isGreeting(text: string | undefined): boolean {
  return detectSmallTalk(text) === 'greeting';
}

/**
 * Small talk that says the person is lost: two of these (or two unrecognised answers) in a row
 * bring the repair offer. "No sé" is not one: the person understood and does not know the answer,
 * and the question (with its options) is the help they need.
 */
export function signalsMisunderstanding(kind: SmallTalk): boolean {
  return kind === 'confused';
}
