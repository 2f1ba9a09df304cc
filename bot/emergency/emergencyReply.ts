/**
 * What a person who wrote words of danger is told, and in which language: the emergency header and
 * the free lines that fit the danger in one message, sent at once (before consent, before any store
 * call); a person who already consented also hears that the conversation continues where it was.
 */
import type { Locale } from '../content/locale';
import type { ContentCatalog } from '../content/catalog';
import { emergencyLineKeys } from './emergencyLines';

/**
 * The language of an emergency message: the language its words are written in when they say
 * (`written`, bot/text/messageLanguage.ts; some rules read both languages), else from the rules that
 * fired: English-only rules ("_en") mean English, another sentence rule means Spanish; bare keywords
 * say nothing (then `fallback`).
 */
export function emergencyLocale(signals: string[] | undefined, fallback: Locale, written?: Locale): Locale {
  if (written) return written;
  const sentences = (signals ?? []).filter((id) => !id.startsWith('word_') && id !== 'sos');
  if (sentences.length === 0) return fallback;
  return sentences.every((id) => id.endsWith('_en')) ? 'en' : 'es';
}

/** The lines that fit the danger, one plain sentence each, under the header (one message). */
export function emergencyReply(content: ContentCatalog, locale: Locale, kinds: string[]): string {
  const lines = emergencyLineKeys(kinds).map((key) => content.fact(locale, 'common', key));
  return [content.ui(locale, 'common', 'emergencyHeader'), ...lines].join('\n');
}

/** Said after the lines to a person who consented: their conversation stays where it was. */
export function emergencyFollowUp(content: ContentCatalog, locale: Locale): string {
  return content.ui(locale, 'common', 'emergencyFollowUp');
}
