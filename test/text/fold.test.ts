import { foldAccents, foldWords } from '../../bot/text/fold';

describe('foldAccents', () => {
  it.each([
    ['Cúcuta', 'cucuta'],
    ['ÑAME', 'name'],
    ['¿Cómo SACO el PPT?', '¿como saco el ppt?'],
    ['Pingüino', 'pinguino'],
  ])('folds %j to %j, keeping punctuation', (text, folded) => {
    expect(foldAccents(text)).toBe(folded);
  });
});

describe('foldWords', () => {
  it.each([
    ['¡¡Hola!! ¿Cómo   estás? 😀', 'hola como estas'],
    ['  SALIR. ', 'salir'],
    ['Bogotá, D.C.', 'bogota d c'],
    ['PRO Cúcuta', 'pro cucuta'],
    ['😀', ''],
  ])('folds %j to the words %j', (text, words) => {
    expect(foldWords(text)).toBe(words);
  });

  it('removes joiners instead of spacing them, so the letters around them stay one word', () => {
    expect(foldWords('Bogotá, D.C.', /\./g)).toBe('bogota dc');
    expect(foldWords("I'm here", /'/g)).toBe('im here');
  });
});
