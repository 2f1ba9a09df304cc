/**
 * A message prepared once for every field extractor: normalised (see `../normalize.ts`), split into
 * clauses at punctuation (so "nació en Cúcuta, yo soy venezolana" never reads "Cúcuta yo" as one
 * place), and with misspelt keywords put right ("embarasada", "venesolano").
 */
import { distance } from 'fastest-levenshtein';
import { tokenize } from '../normalize';
import { foldSpelling } from '../terms';
import { KEYWORDS } from './keywords';

/** Stands between clauses in {@link MessageText.padded}; never part of a word, so `\w` windows stop at it. */
export const CLAUSE_BREAK = '|';

export interface MessageText {
  /** Tokens of every clause, with {@link CLAUSE_BREAK} between clauses. */
  tokens: string[];
  /** The tokens joined by spaces and padded with one space at each end, for regular expressions. */
  padded: string;
}

const CLAUSE_PUNCTUATION = /[,.;:!?¿¡\n()]+/;

const KEYWORD_SET: ReadonlySet<string> = new Set(KEYWORDS);
const BY_FOLDING = new Map<string, string>();
for (const word of KEYWORDS) if (!BY_FOLDING.has(foldSpelling(word))) BY_FOLDING.set(foldSpelling(word), word);
// One edit only in long words: short ones have too many neighbours ("vive"/"vivo").
const MIN_EDIT_LENGTH = 7;
const corrections = new Map<string, string>();
const CORRECTIONS_LIMIT = 5000;

/** The keyword a token was probably meant to be, or the token itself. */
export function correctKeyword(token: string): string {
  if (token.length < 4 || KEYWORD_SET.has(token)) return token;
  let corrected = corrections.get(token);
  if (corrected === undefined) {
    corrected = nearestKeyword(token);
    if (corrections.size >= CORRECTIONS_LIMIT) corrections.clear();
    corrections.set(token, corrected);
  }
  return corrected;
}

function nearestKeyword(token: string): string {
  const folded = foldSpelling(token);
  const same = BY_FOLDING.get(folded);
  if (same !== undefined) return same;
  if (token.length < MIN_EDIT_LENGTH) return token;
  let found: string | undefined;
  for (const word of KEYWORDS) {
    if (word.length >= MIN_EDIT_LENGTH && Math.abs(word.length - token.length) <= 1 && distance(word, token) === 1) {
      if (found !== undefined && found !== word) return token; // two equally close keywords: leave it
      found = word;
    }
  }
  return found ?? token;
}

/** Prepares a message for the extractors. */
export function prepareMessage(text: string): MessageText {
  const tokens: string[] = [];
  for (const clause of text.split(CLAUSE_PUNCTUATION)) {
    const words = tokenize(clause).map(correctKeyword);
    if (words.length === 0) continue;
    if (tokens.length > 0) tokens.push(CLAUSE_BREAK);
    tokens.push(...words);
  }
  return { tokens, padded: ` ${tokens.join(' ')} ` };
}
