/** Shared helpers for the field extractors: first match of several patterns, with its words as evidence. */

/** The first pattern that matches `padded`, and the words it matched (trimmed). */
export function firstMatch(padded: string, patterns: readonly RegExp[]): string | undefined {
  for (const pattern of patterns) {
    const match = pattern.exec(padded);
    if (match) return match[0].trim();
  }
  return undefined;
}

/** A pattern over padded normalised text, from alternatives listed one per line for reading. */
export function anyOf(alternatives: readonly string[]): RegExp {
  return new RegExp(alternatives.join('|'));
}
