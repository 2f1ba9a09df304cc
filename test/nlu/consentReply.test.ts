/**
 * consentReply: the few words people type instead of tapping "Sí, acepto" / "No acepto" are read
 * as the answer, and nothing with more in it (a question, a greeting) is taken for consent.
 */
import { consentReply } from '../../bot/nlu/consentReply';

describe('consentReply', () => {
  it.each(['yes i accept', 'Yes, I agree', 'I agree', 'si claro', 'sí, de acuerdo', 'Sí estoy de acuerdo', 'ok, gracias', 'of course', 'dale pues', 'SI ACEPTO!!'])('"%s" is a yes', (text) => {
    expect(consentReply(text)).toBe('consent_yes');
  });

  it.each(['no gracias', 'No estoy de acuerdo', "I don't accept", 'no quiero', 'i do not agree', 'nope'])('"%s" is a no', (text) => {
    expect(consentReply(text)).toBe('consent_no');
  });

  it.each(['hola estoy bien', 'si pero tengo una pregunta del ppt', 'si tengo ppt', 'no se', 'no tengo papeles', 'muy bien', 'gracias', '', 'si si si si si si si'])('"%s" is neither', (text) => {
    expect(consentReply(text)).toBeUndefined();
  });
});
