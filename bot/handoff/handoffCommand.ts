/**
 * "Hablar con una persona": the words that ask for a human advisor, as a whole message, in Spanish
 * or English, with or without accents (folded like every other command).
 */
import { foldWords } from '../text/fold';

const PHRASES = new Set(
  [
    'hablar con una persona', 'hablar con alguien', 'hablar con un asesor', 'hablar con una asesora', 'hablar con asesor',
    'quiero hablar con una persona', 'quiero hablar con un asesor', 'una persona', 'persona real', 'humano',
    'asesor', 'asesora', 'asesoria', 'un asesor', 'una asesora', 'agente',
    'talk to a person', 'talk to someone', 'talk to a human', 'talk to an advisor', 'speak to a person', 'human', 'advisor', 'agent',
    'handoff',
  ].map((p) => foldWords(p)),
);

/** True when the whole message asks to talk to a person. */
export function asksForPerson(text: string | undefined): boolean {
  return !!text && PHRASES.has(foldWords(text));
}
