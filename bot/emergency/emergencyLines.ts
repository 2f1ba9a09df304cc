/**
 * Which free lines to give for which danger. 123 always comes first: it is the line for any
 * immediate danger to life. Numbers and texts live in content (common.json facts line*).
 */
import type { EmergencyKind } from './emergencyRules';

const LINES_BY_KIND: Record<EmergencyKind, string[]> = {
  immediate_danger: ['line123'],
  // Someone thinking of harming themselves needs a person to talk to, not only the police line.
  suicide: ['line123', 'line106'],
  trafficking: ['line123', 'lineTrafficking'],
  gender_violence: ['line123', 'line155'],
  child_at_risk: ['line123', 'line141'],
};

/** Content fact keys of the lines for these kinds, 123 first, each once. Unknown kinds get every line. */
export function emergencyLineKeys(kinds: readonly string[]): string[] {
  const known = kinds.filter((k): k is EmergencyKind => k in LINES_BY_KIND);
  if (known.length === 0) return ['line123', 'line155', 'line141', 'lineTrafficking'];
  return [...new Set(known.flatMap((k) => LINES_BY_KIND[k]))];
}
