import { FuzzyVocabulary } from '../../bot/text/fuzzyVocabulary';
import { cleanText, normalize, tokenize } from '../../bot/nlu/normalize';
import { foldSpelling, stem, toTerm } from '../../bot/nlu/terms';

describe('normalize', () => {
  it.each([
    ['¿Cómo SACO el PPT???', 'como saco el ppt'],
    ['¡¡Holaaaa!! 😀', 'hola'],
    ['Niño  pequeño,\nmamá', 'nino pequeno mama'],
    ['q hago xq no tng papeles', 'que hago porque no tengo papeles'],
    ['x favor pa mi hno tb', 'por favor para mi hermano tambien'],
    ['dnd queda el punto', 'donde queda el punto'],
    ["I'm sure they won't", 'i am sure they will not'],
    ['ayudaaaa por favorrrr', 'ayuda por favor'],
    ['Registraduría 2024', 'registraduria 2024'],
    ['   ', ''],
  ])('%j → %j', (input, expected) => {
    expect(normalize(input)).toBe(expected);
  });

  it('keeps doubled letters, which are real spelling', () => {
    expect(normalize('llamar carro leer')).toBe('llamar carro leer');
  });

  it('cleanText does not expand abbreviations', () => {
    expect(cleanText('Q HAGO?')).toBe('q hago');
  });

  it('tokenize splits expanded abbreviations into words', () => {
    expect(tokenize('pal colegio')).toEqual(['para', 'el', 'colegio']);
    expect(tokenize('')).toEqual([]);
  });

  it('tokenize hands the same message the same tokens, which no reader can change for the next', () => {
    const first = tokenize('q hago xq no tng papeles');
    expect(() => (first as string[]).push('extra')).toThrow(TypeError);
    expect(tokenize('q hago xq no tng papeles')).toEqual(['que', 'hago', 'porque', 'no', 'tengo', 'papeles']);
    expect(tokenize('otro mensaje')).toEqual(['otro', 'mensaje']);
    expect(tokenize('q hago xq no tng papeles')).toEqual(first);
  });
});

describe('terms', () => {
  it.each([
    ['vacuna', 'bakuna'],
    ['cedula', 'sedula'],
    ['hospital', 'ospital'],
    ['llamar', 'yamar'],
    ['colegio', 'kolejio'],
    ['pasaporte', 'pasaporte'],
    ['passaporte', 'pasaporte'],
    ['chamo', 'chamo'],
    ['ppt', 'ppt'],
  ])('foldSpelling(%j) === %j', (word, folded) => {
    expect(foldSpelling(word)).toBe(folded);
  });

  it.each([
    ['trabajando', 'trabaj'],
    ['papeles', 'papel'],
    ['eps', 'eps'],
    ['trata', 'trata'],
  ])('stem(%j) === %j', (word, stemmed) => {
    expect(stem(word)).toBe(stemmed);
  });

  it.each([
    ['sedula', 'cedula'],
    ['cedulas', 'cedula'],
    ['rejistrar', 'registrarlo'],
    ['afiliarme', 'afiliar'],
    ['ospital', 'hospital'],
    ['bacunas', 'vacuna'],
  ])('%j and %j share a term', (a, b) => {
    expect(toTerm(a)).toBe(toTerm(b));
  });

  it('keeps unrelated words apart', () => {
    expect(toTerm('trata')).not.toBe(toTerm('trataron'));
    expect(toTerm('trata')).not.toBe(toTerm('tratamiento'));
    expect(toTerm('comida')).not.toBe(toTerm('como'));
  });
});

describe('FuzzyVocabulary', () => {
  const vocabulary = new FuzzyVocabulary(['pasaporte', 'cedula', 'salud', 'saludo', 'registraduria']);

  it('returns known words as they are', () => {
    expect(vocabulary.has('cedula')).toBe(true);
    expect(vocabulary.closest('cedula')).toBe('cedula');
  });

  it('forgives one edit in medium words and two in long ones', () => {
    expect(vocabulary.closest('cedla')).toBe('cedula');
    expect(vocabulary.closest('pasaprte')).toBe('pasaporte');
    expect(vocabulary.closest('registradria')).toBe('registraduria');
    expect(vocabulary.closest('rgistradria')).toBe('registraduria');
  });

  it('does not guess between two equally close words or for short words', () => {
    expect(vocabulary.closest('saludx')).toBeUndefined(); // one edit from both "salud" and "saludo"
    expect(vocabulary.closest('sal')).toBeUndefined();
    expect(vocabulary.closest('xyzxyz')).toBeUndefined();
  });
});
