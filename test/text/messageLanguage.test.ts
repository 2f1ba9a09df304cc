/** Which language a message is written in, from its own words (bot/text/messageLanguage.ts). */
import { messageLanguage } from '../../bot/text/messageLanguage';

describe('messageLanguage', () => {
  it.each([
    'hi i need help, my employer took my passport and wont give it back',
    'they took my passport',
    'how can i get the PPT?',
    'Hello, where can my daughter go to school?',
    'im venezuelan and i have no papers',
    // A bare greeting, as first messages often are.
    'hello',
    'Hi!',
    'good morning',
  ])('English: %s', (text) => {
    expect(messageLanguage(text)).toBe('en');
  });

  it.each([
    'hola mi bebe nacio en cucuta y no lo e registrado',
    'buenas soy colombiano retornado de venezuela kiero saber q ayudas ay',
    'me quitaron el pasaporte',
    'cuanto cuesta el ppt para mi hijo',
    'se me vencio el pep',
  ])('Spanish: %s', (text) => {
    expect(messageLanguage(text)).toBe('es');
  });

  it.each(['ok', 'hola', 'PPT?', 'sos', 'hola help', 'no', 'si', 'yes', 'English', '123', 'hi hola', 'hello, buenas'])('says nothing: %s', (text) => {
    expect(messageLanguage(text)).toBeUndefined();
  });
});
