/**
 * The labelled routing messages (data/themeUtterances.json), typed and checked on load.
 * A third of each theme is held out of training (the `split` field, fixed in the file) so that
 * `npm run eval:nlu` measures the router on phrasings it has never seen.
 */
import data from './data/themeUtterances.json';
import type { LabelledUtterance } from './themeRouter';
import { isThemeId } from './themes';

export type DatasetSplit = 'train' | 'heldout';

/** One row of the routing data set. */
export interface ThemeUtterance extends LabelledUtterance {
  lang: 'es' | 'en';
  split: DatasetSplit;
}

/** A data-file row that breaks the schema; the message names the row so it can be fixed. */
export class DatasetError extends Error {
  constructor(readonly row: number, message: string) {
    super(`themeUtterances.json row ${row}: ${message}`);
    this.name = 'DatasetError';
  }
}

function load(): readonly ThemeUtterance[] {
  return data.rows.map((row, i) => {
    if (typeof row.text !== 'string' || row.text.trim() === '') throw new DatasetError(i, 'text is empty');
    if (!isThemeId(row.theme)) throw new DatasetError(i, `unknown theme "${row.theme}"`);
    if (row.split !== 'train' && row.split !== 'heldout') throw new DatasetError(i, `split must be train or heldout, not "${row.split}"`);
    if (row.lang !== 'es' && row.lang !== 'en') throw new DatasetError(i, `lang must be es or en, not "${row.lang}"`);
    return { text: row.text, theme: row.theme, lang: row.lang, split: row.split };
  });
}

/** Every labelled routing message, in file order. */
export const THEME_UTTERANCES: readonly ThemeUtterance[] = load();

/** The rows of one split. */
export function utterancesIn(split: DatasetSplit): ThemeUtterance[] {
  return THEME_UTTERANCES.filter((row) => row.split === split);
}
