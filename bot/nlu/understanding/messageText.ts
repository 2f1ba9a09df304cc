/**
 * A message prepared once for every field extractor: normalised (see `../normalize.ts`), split into
 * clauses at punctuation (so "nació en Cúcuta, yo soy venezolana" never reads "Cúcuta yo" as one
 * place), and with misspelt keywords put right ("embarasada", "venesolano").
 */
import { TOLERANCE } from '../../text/fuzzy';
import { SpellingCorrector } from '../../text/spellingCorrector';
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

const keywords = new SpellingCorrector(KEYWORDS, { soundOf: foldSpelling, tolerance: TOLERANCE.keywords, typosOn: 'letters' });

/** The keyword a token was probably meant to be, or the token itself. */
export function correctKeyword(token: string): string {
  return keywords.correct(token);
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
