/**
 * A set of known words that also answers "which known word did the user probably mean?",
 * tolerating typos by edit distance (fastest-levenshtein).
 */
import { distance } from 'fastest-levenshtein';

/**
 * How many edits a word of this length may carry and still count as a known word.
 * Short words get none: at three letters one edit turns "mal" into "mas" or "sal".
 */
export function allowedEdits(length: number, minLength = 4): number {
  if (length < minLength) return 0;
  return length >= 9 ? 2 : 1;
}

export interface FuzzyVocabularyOptions {
  /** Words shorter than this are only matched exactly (default 4). */
  minFuzzyLength?: number;
}

// Messages repeat the same words; the cache keeps per-message cost flat. Cleared when full rather
// than LRU-evicted: simpler, and a cold miss costs only a few hundred microseconds.
const CACHE_LIMIT = 5000;

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
  private readonly cache = new Map<string, string | undefined>();
  private readonly minFuzzyLength: number;

  constructor(words: Iterable<string>, options: FuzzyVocabularyOptions = {}) {
    this.minFuzzyLength = options.minFuzzyLength ?? 4;
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
    if (this.cache.has(word)) return this.cache.get(word);
    const found = this.search(word);
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(word, found);
    return found;
  }

  private add(word: string): void {
    if (word === '' || this.words.has(word)) return;
    this.words.add(word);
    const bucket = this.byLength.get(word.length);
    if (bucket) bucket.push(word);
    else this.byLength.set(word.length, [word]);
  }

  private search(word: string): string | undefined {
    const maxEdits = allowedEdits(word.length, this.minFuzzyLength);
    if (maxEdits === 0) return undefined;
    let best: string | undefined;
    let bestDistance = maxEdits + 1;
    let tie = false;
    for (let length = word.length - maxEdits; length <= word.length + maxEdits; length++) {
      for (const candidate of this.byLength.get(length) ?? []) {
        // Comparing against a much shorter known word lets "papeles" become "pap": require the
        // candidate itself to be long enough to carry the edits.
        if (allowedEdits(candidate.length, this.minFuzzyLength) === 0) continue;
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
