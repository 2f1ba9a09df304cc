/**
 * Shapes of the content files. Everything the bot says lives in bot/content/locales/<locale>/*.json;
 * code only picks keys. A *fact* (anything a person could act on: a number, a law, a deadline)
 * carries its sources and the date someone last checked it against them.
 */

export interface Fact {
  text: string;
  /** Public URLs the text was checked against. */
  sources: string[];
  /** YYYY-MM-DD: when the text was last checked against its sources. */
  reviewed: string;
  /** Set when the fact is known to have an end date that may have passed; the text must say so. */
  mayBeOutdated?: boolean;
}

/** A choice the bot offers; `title` is shown on a WhatsApp button/list row, `description` under it. */
export interface ChoiceText {
  title: string;
  description?: string;
  /** Extra words a person may type to pick this choice. */
  synonyms?: string[];
}

/** Every theme file has UI strings (questions, labels) and facts (answers with sources). */
export interface ThemeFile {
  ui: Record<string, string | Record<string, ChoiceText>>;
  facts: Record<string, Fact>;
}
