/**
 * Puts a typed word right against the fixed words a matcher looks for (the emergency rules' words,
 * the understanding keywords): a word that sounds like one of them ("amenasaron", "biolaron") or is
 * within the typo allowance of one ("secuestrda") is replaced by it, so the matcher's patterns meet it.
 */
import { CorrectionCache, type Tolerance } from './fuzzy';
import { FuzzyVocabulary } from './fuzzyVocabulary';

// Shorter tokens are function words and acronyms ("que", "ppt"): correcting them would invent words.
const MIN_CORRECTED_LENGTH = 4;

export interface SpellingCorrectorOptions {
  /** Spelling folding: two words with one sound are one word ("vacuna"/"bakuna"). */
  soundOf(word: string): string;
  /** How many typos a word may carry beyond its sound, by its length (from `TOLERANCE`). */
  tolerance: Tolerance;
  /** Whether typos are counted between sounds or between the letters as typed. */
  typosOn: 'sound' | 'letters';
}

/**
 * @example
 * const danger = new SpellingCorrector(['amenazaron', 'secuestrada'], { soundOf: foldSpelling, tolerance: TOLERANCE.dangerWords, typosOn: 'sound' });
 * danger.correct('amenasaron');  // 'amenazaron' (same sound)
 * danger.correct('secuestrda');  // 'secuestrada' (one edit in a long word)
 * danger.correct('casa');        // 'casa' (nothing near)
 */
export class SpellingCorrector {
  private readonly known = new Set<string>();
  /** Sound → the first word with that sound. */
  private readonly bySound = new Map<string, string>();
  private readonly vocabulary: FuzzyVocabulary;
  private readonly cache = new CorrectionCache<string>();

  constructor(words: Iterable<string>, private readonly options: SpellingCorrectorOptions) {
    for (const word of words) {
      this.known.add(word);
      const sound = options.soundOf(word);
      if (!this.bySound.has(sound)) this.bySound.set(sound, word);
    }
    const compared = options.typosOn === 'sound' ? this.bySound.keys() : this.known;
    this.vocabulary = new FuzzyVocabulary(compared, { tolerance: options.tolerance });
  }

  /** The word a token was probably meant to be, or the token itself. */
  correct(token: string): string {
    if (token.length < MIN_CORRECTED_LENGTH || this.known.has(token)) return token;
    return this.cache.get(token, (typed) => this.nearest(typed));
  }

  private nearest(token: string): string {
    const sound = this.options.soundOf(token);
    const same = this.bySound.get(sound);
    if (same !== undefined) return same;
    if (this.options.typosOn === 'letters') return this.vocabulary.closest(token) ?? token;
    const found = this.vocabulary.closest(sound);
    return found === undefined ? token : (this.bySound.get(found) as string);
  }
}
