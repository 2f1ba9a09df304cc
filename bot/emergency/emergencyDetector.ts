/**
 * Finds messages that signal immediate danger, so the bot can answer with the free emergency lines
 * before anything else (before consent, at any step of any dialog). This is the engine; the rules it
 * runs, and what their strengths mean, are data in emergencyRules.ts.
 *
 * Typos: before matching, a word that is not one of the rules' words but is spelled like one
 * (same sound after spelling folding: "amenasaron", "suisidarme", "biolaron"), or is within the
 * danger-word typo allowance of a long one ("secuestrda"), is replaced by it.
 */
import { tokenize } from '../nlu/normalize';
import { foldSpelling } from '../nlu/terms';
import { TOLERANCE } from '../text/fuzzy';
import { SpellingCorrector } from '../text/spellingCorrector';
import {
  EMERGENCY_KINDS,
  EMERGENCY_RULES,
  EmergencyKind,
  HELD_RULES,
  HELP_SEEKING,
  INFORMATIONAL,
  MINOR,
  SHORT_MESSAGE,
  SOS_AS_TYPED,
  TRAFFICKING_CONTEXT,
} from './emergencyRules';

export { EMERGENCY_KINDS, type EmergencyKind } from './emergencyRules';

/** What was detected: the kinds of danger (in {@link EMERGENCY_KINDS} order) and the rules that fired. */
export interface EmergencyDetection {
  kinds: EmergencyKind[];
  /** Ids of the rules that fired, for logs and tests (never the message text). */
  signals: string[];
}

/** Words the rules spell out (four letters or more), so typos can be mapped onto them. */
function ruleWords(): string[] {
  return EMERGENCY_RULES.flatMap(({ pattern }) => pattern.source.replace(/\\[a-zA-Z]/g, ' ').match(/[a-z]{4,}/g) ?? []);
}

const corrector = new SpellingCorrector(ruleWords(), { soundOf: foldSpelling, tolerance: TOLERANCE.dangerWords, typosOn: 'sound' });

/**
 * Detects words and phrases that signal danger in a message, Spanish or English, typos included.
 * Returns undefined when there is none. Runs in microseconds; call it on every message first.
 *
 * @example
 * detectEmergency('me quitaron el pasaporte y no me dejan ir');
 * // → { kinds: ['immediate_danger', 'trafficking'], signals: ['not_let_go', 'documents_taken'] }
 * detectEmergency('que es la trata'); // → undefined (a question for the protection theme)
 */
export function detectEmergency(text: string): EmergencyDetection | undefined {
  const tokens = tokenize(text).map((token) => corrector.correct(token));
  if (tokens.length === 0) return undefined;
  const padded = ` ${tokens.join(' ')} `;
  const informational = INFORMATIONAL.test(padded);
  const keywordsCount = tokens.length <= SHORT_MESSAGE || HELP_SEEKING.test(padded);

  const kinds = new Set<EmergencyKind>();
  const signals: string[] = [];
  for (const rule of EMERGENCY_RULES) {
    if (rule.strength === 'thirdParty' && informational) continue;
    if (rule.strength === 'keyword' && (informational || !keywordsCount)) continue;
    if (!rule.pattern.test(padded)) continue;
    signals.push(rule.id);
    for (const kind of rule.kinds) kinds.add(kind);
  }
  if (SOS_AS_TYPED.test(text) || padded === ' sos ') {
    signals.push('sos');
    kinds.add('immediate_danger');
  }
  if (kinds.size === 0) return undefined;

  if (signals.some((id) => HELD_RULES.has(id)) && TRAFFICKING_CONTEXT.test(padded)) kinds.add('trafficking');
  if ((kinds.has('gender_violence') || kinds.has('immediate_danger')) && MINOR.test(padded)) kinds.add('child_at_risk');
  return { kinds: EMERGENCY_KINDS.filter((kind) => kinds.has(kind)), signals };
}
