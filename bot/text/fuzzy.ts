/**
 * Typo allowance: the one policy for how far a typed word may stray from a known word and still be
 * taken for it, and the one cache correctors keep.
 *
 * The policy: a word earns edits by its length, because in a short word one edit makes another real
 * word ("mal"/"mas"/"sal"). How long a word must be to earn its first, second or third edit depends on
 * what a wrong guess costs where the word is used; each use names its tolerance from
 * {@link TOLERANCE}, so every threshold in the bot is in this one table.
 */
import { distance } from 'fastest-levenshtein';

/** The word lengths at which a word earns its first, second, third… edit, shortest first. */
export type Tolerance = readonly number[];

export const TOLERANCE = {
  /** Everyday words (choice answers, "no sé" and its typos): one edit from 4 letters, two from 9. */
  words: [4, 9],
  /** Theme words, which route a whole message: one edit from 6 letters, two from 9. */
  themeWords: [6, 9],
  /** Keywords the understanding extractors read ("embarazada"): one edit from 7 letters ("vive"/"vivo" have too many neighbours). */
  keywords: [7],
  /** Words the emergency rules spell out: one edit from 8 letters ("matarte" must not become "matarme"). */
  dangerWords: [8],
  /** Colombian place names typed in full: one edit from 4 letters, two from 6, three from 11. */
  placeNames: [4, 6, 11],
  /** Place names compared by sound (after spelling folding, which already forgave the usual slips): one edit. */
  placeSounds: [0],
  /** Service kinds an admin mistyped in a file: three edits at any length (only a "did you mean", never applied). */
  serviceKindHints: [0, 0, 0],
} as const satisfies Record<string, Tolerance>;

/**
 * How many edits a word of this length may carry and still count as a known word.
 *
 * @example allowedEdits(3) === 0; allowedEdits(5) === 1; allowedEdits(9) === 2
 */
export function allowedEdits(length: number, tolerance: Tolerance = TOLERANCE.words): number {
  let edits = 0;
  for (const from of tolerance) if (length >= from) edits += 1;
  return edits;
}

/**
 * The edit distance between two words when it is within what both allow (the shorter word's
 * allowance), else undefined. Words too short for any edit are never within typos of each other.
 *
 * @example typoDistance('salu', 'salud') === 1; typoDistance('mal', 'mas') === undefined
 */
export function typoDistance(a: string, b: string, tolerance: Tolerance = TOLERANCE.words): number | undefined {
  const edits = Math.min(allowedEdits(a.length, tolerance), allowedEdits(b.length, tolerance));
  if (edits === 0 || Math.abs(a.length - b.length) > edits) return undefined; // no need to count: lengths alone differ too much
  const d = distance(a, b);
  return d <= edits ? d : undefined;
}

// Messages repeat the same words; a cache keeps per-message cost flat.
const CACHE_LIMIT = 5000;

/**
 * What a corrector found for each word it was asked about. Cleared when full rather than
 * LRU-evicted: simpler, and a cold miss costs only a few hundred microseconds.
 */
export class CorrectionCache<V> {
  private readonly found = new Map<string, V>();

  constructor(private readonly limit = CACHE_LIMIT) {}

  /** The cached answer for `word`, computing (and keeping) it on a miss. */
  get(word: string, compute: (word: string) => V): V {
    if (this.found.has(word)) return this.found.get(word) as V;
    const value = compute(word);
    if (this.found.size >= this.limit) this.found.clear();
    this.found.set(word, value);
    return value;
  }
}
