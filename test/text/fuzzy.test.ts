import { allowedEdits, CorrectionCache, TOLERANCE, typoDistance } from '../../bot/text/fuzzy';
import { SpellingCorrector } from '../../bot/text/spellingCorrector';
import { foldSpelling } from '../../bot/nlu/terms';

describe('allowedEdits', () => {
  it.each([
    [TOLERANCE.words, [[3, 0], [4, 1], [8, 1], [9, 2]]],
    [TOLERANCE.themeWords, [[5, 0], [6, 1], [9, 2]]],
    [TOLERANCE.keywords, [[6, 0], [7, 1], [20, 1]]],
    [TOLERANCE.dangerWords, [[7, 0], [8, 1], [20, 1]]],
    [TOLERANCE.placeNames, [[3, 0], [4, 1], [5, 1], [6, 2], [10, 2], [11, 3]]],
    [TOLERANCE.placeSounds, [[1, 1], [12, 1]]],
  ] as const)('grows with word length (%j)', (tolerance, table) => {
    for (const [length, edits] of table) expect({ length, edits: allowedEdits(length, tolerance) }).toEqual({ length, edits });
  });
});

describe('typoDistance', () => {
  it('counts edits only when both words allow them', () => {
    expect(typoDistance('salu', 'salud')).toBe(1);
    expect(typoDistance('regularisacion', 'regularizacion')).toBe(1);
    // Three letters earn no edit: "mal" is not a typo of "mas".
    expect(typoDistance('mal', 'mas')).toBeUndefined();
    expect(typoDistance('pasaporte', 'pasaporte')).toBe(0);
    expect(typoDistance('papeles', 'pap')).toBeUndefined();
  });
});

describe('CorrectionCache', () => {
  it('computes a word once, and starts over when full', () => {
    const cache = new CorrectionCache<string>(2);
    const seen: string[] = [];
    const upper = (word: string): string => {
      seen.push(word);
      return word.toUpperCase();
    };
    expect([cache.get('a', upper), cache.get('a', upper), cache.get('b', upper)]).toEqual(['A', 'A', 'B']);
    expect(seen).toEqual(['a', 'b']);
    cache.get('c', upper); // full: cleared, then "c" kept
    cache.get('a', upper);
    expect(seen).toEqual(['a', 'b', 'c', 'a']);
  });
});

describe('SpellingCorrector', () => {
  const danger = new SpellingCorrector(['amenazaron', 'secuestrada', 'secuestrado', 'matarme'], { soundOf: foldSpelling, tolerance: TOLERANCE.dangerWords, typosOn: 'sound' });

  it('puts a word that sounds the same right', () => {
    expect(danger.correct('amenasaron')).toBe('amenazaron');
  });

  it('forgives one edit in a long word only, and never guesses between two', () => {
    expect(danger.correct('amenazaro')).toBe('amenazaron');
    expect(danger.correct('matarte')).toBe('matarte');
    expect(danger.correct('secuestrad')).toBe('secuestrad'); // one edit from both "secuestrada" and "secuestrado"
  });

  it('leaves short and unknown words alone', () => {
    expect(danger.correct('casa')).toBe('casa');
    expect(danger.correct('que')).toBe('que');
  });

  it('counts typos on the letters as typed when asked to', () => {
    const keywords = new SpellingCorrector(['embarazada', 'venezolano'], { soundOf: foldSpelling, tolerance: TOLERANCE.keywords, typosOn: 'letters' });
    expect(keywords.correct('embarasada')).toBe('embarazada'); // same sound
    expect(keywords.correct('embarazda')).toBe('embarazada'); // one letter missing
    expect(keywords.correct('venesolanos')).toBe('venesolanos'); // a sound change plus a letter: two edits
  });
});
