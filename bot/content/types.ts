/**
 * Shapes of the content files. Everything the bot says lives in bot/content/locales/<locale>/*.json;
 * code only picks keys. A *fact* (anything a person could act on: a number, a law, a deadline)
 * carries its sources and the date someone last checked it against them.
 */
import type { ChoiceText } from './choice';

export interface Fact {
  text: string;
  /** Public URLs the text was checked against. */
  sources: string[];
  /** YYYY-MM-DD: when the text was last checked against its sources. */
  reviewed: string;
  /**
   * YYYY-MM-DD: when the text must be checked again; after it the bot adds the "may be outdated, confirm
   * with the PRO line" note by itself. When absent: `reviewed` + 180 days, + 60 with `deadline` or `mayBeOutdated`.
   */
  reviewBy?: string;
  /** The fact states a date people must act by (a deadline, a programme's end): checked every 60 days, not 180. */
  deadline?: boolean;
  /** Set when the fact is known to have an end date that may have passed; the text must say so. */
  mayBeOutdated?: boolean;
}

/** One content file as the catalog holds it: UI strings, choice groups, facts. */
export interface ContentFile {
  ui: Record<string, string>;
  choices?: Record<string, Record<string, ChoiceText>>;
  facts?: Record<string, Fact>;
}

/** Every content file of one locale, by file name (the theme: "health", "common", …). */
export type LocaleFiles = Record<string, ContentFile>;

/** Every theme file has UI strings (questions, labels) and facts (answers with sources). */
export interface ThemeFile {
  ui: Record<string, string | Record<string, ChoiceText>>;
  facts: Record<string, Fact>;
}

/**
 * A fact's text and review data as edited outside the repository (a row of the content sheet): it
 * replaces those fields of the fact in the files, which stay the default.
 */
export interface FactOverride {
  /** "theme.factKey", e.g. "health.urgentCare". */
  key: string;
  locale: string;
  text: string;
  sources: string[];
  reviewed: string;
  /** Empty: the default from `reviewed`. */
  reviewBy?: string;
  mayBeOutdated?: boolean;
}
