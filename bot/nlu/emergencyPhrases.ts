/**
 * The labelled emergency messages (data/emergencyPhrases.json), typed and checked on load: messages
 * that must raise given kinds of danger, and messages that must not (questions about trafficking or
 * violence, global commands, look-alike words, negations). The detector does not read them; the
 * tests and `npm run eval:nlu` hold it to them.
 */
import data from './data/emergencyPhrases.json';
import { EMERGENCY_KINDS, EmergencyKind } from '../emergency/emergencyRules';
import { isThemeId, ThemeId } from './themes';

export interface EmergencyPhrase {
  text: string;
  lang: 'es' | 'en';
  /** Exactly the kinds the detector must report; empty: it must report nothing. */
  kinds: EmergencyKind[];
  /** For informational messages: the theme they must be routed to instead. */
  theme?: ThemeId;
}

const isKind = (value: string): value is EmergencyKind => (EMERGENCY_KINDS as readonly string[]).includes(value);

function load(): readonly EmergencyPhrase[] {
  return data.rows.map((row, i) => {
    const where = `emergencyPhrases.json row ${i} ("${row.text}")`;
    if (row.lang !== 'es' && row.lang !== 'en') throw new Error(`${where}: lang must be es or en`);
    const kinds = row.kinds.map((kind) => {
      if (!isKind(kind)) throw new Error(`${where}: unknown kind "${kind}"; use one of ${EMERGENCY_KINDS.join(', ')}`);
      return kind;
    });
    const theme = 'theme' in row ? row.theme : undefined;
    if (theme !== undefined && !isThemeId(theme)) throw new Error(`${where}: unknown theme "${theme}"`);
    return { text: row.text, lang: row.lang, kinds, ...(theme ? { theme } : {}) };
  });
}

/** Every labelled emergency message, in file order. */
export const EMERGENCY_PHRASES: readonly EmergencyPhrase[] = load();
