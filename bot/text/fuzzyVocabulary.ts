/**
 * A set of known words that also answers "which known word did the user probably mean?",
 * tolerating typos by edit distance within the allowance of `fuzzy.ts`.
 */
import { distance } from 'fastest-levenshtein';
import { allowedEdits, CorrectionCache, TOLERANCE, type Tolerance } from './fuzzy';

export interface FuzzyVocabularyOptions {
  /** How many typos a word may carry, by its length (default {@link TOLERANCE.words}). */
  tolerance?: Tolerance;
}

/**
 * Known words bucketed by length, so a lookup only compares against words whose length could be
 * within the allowed number of edits.
 *
 * @example
 * const vocab = new FuzzyVocabulary(['pasaporte', 'cedula']);
 * vocab.closest('pasaprte'); // 'pasaporte'
 * vocab.closest('xyz');      // undefined
 */
export class FuzzyVocabulary {
  private readonly words = new Set<string>();
  private readonly byLength = new Map<number, string[]>();
  private readonly cache = new CorrectionCache<string | undefined>();
  private readonly tolerance: Tolerance;

  constructor(words: Iterable<string>, options: FuzzyVocabularyOptions = {}) {
    this.tolerance = options.tolerance ?? TOLERANCE.words;
    for (const word of words) this.add(word);
  }

  get size(): number {
    return this.words.size;
  }

  has(word: string): boolean {
    return this.words.has(word);
  }

  /**
   * The word itself when known; otherwise the single nearest known word within the allowed edits.
   * A tie between two different nearest words returns undefined: guessing would be a coin toss.
   */
  closest(word: string): string | undefined {
    if (this.words.has(word)) return word;
    return this.cache.get(word, (typed) => this.search(typed));
  }

  private add(word: string): void {
    if (word === '' || this.words.has(word)) return;
    this.words.add(word);
    const bucket = this.byLength.get(word.length);
    if (bucket) bucket.push(word);
    else this.byLength.set(word.length, [word]);
  }

  private search(word: string): string | undefined {
    const maxEdits = allowedEdits(word.length, this.tolerance);
    if (maxEdits === 0) return undefined;
    let best: string | undefined;
    let bestDistance = maxEdits + 1;
    let tie = false;
    for (let length = word.length - maxEdits; length <= word.length + maxEdits; length++) {
      for (const candidate of this.byLength.get(length) ?? []) {
        // Comparing against a much shorter known word lets "papeles" become "pap": require the
        // candidate itself to be long enough to carry the edits.
        if (allowedEdits(candidate.length, this.tolerance) === 0) continue;
        const d = distance(word, candidate);
        if (d < bestDistance) {
          best = candidate;
          bestDistance = d;
          tie = false;
        } else if (d === bestDistance) {
          tie = true;
        }
      }
    }
    return tie ? undefined : best;
  }
}
