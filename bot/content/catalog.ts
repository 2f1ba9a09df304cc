/**
 * The content catalog: every string the bot says, per locale, from the JSON files in ./locales.
 * Code asks for keys; a missing key is a bug caught by the content tests, and at run time falls back
 * to Spanish rather than showing nothing.
 */
import type { Locale } from '../config';
import { files as en } from './locales/en';
import { files as es } from './locales/es';
import type { ChoiceText, Fact } from './types';

export type ContentFileName = keyof typeof es;

/** A choice as dialogs and channels use it: a stable id plus its localized texts. */
export interface Choice extends ChoiceText {
  id: string;
}

interface ContentFile {
  ui: Record<string, string>;
  choices?: Record<string, Record<string, ChoiceText>>;
  facts?: Record<string, Fact>;
}

export class ContentError extends Error {
  constructor(readonly locale: Locale, readonly file: string, readonly key: string) {
    super(`Content "${file}.${key}" is missing for locale "${locale}" (add it to bot/content/locales/${locale}/${file}.json)`);
    this.name = 'ContentError';
  }
}

const ALL: Record<Locale, Record<string, ContentFile>> = { es, en } as unknown as Record<Locale, Record<string, ContentFile>>;

/** Replaces {name} placeholders; unknown placeholders stay visible so tests catch them. */
export function fill(template: string, vars: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

export class ContentCatalog {
  constructor(private readonly locales: Record<Locale, Record<string, ContentFile>> = ALL) {}

  /** The raw files of a locale, for validation tests and tools. */
  filesOf(locale: Locale): Record<string, ContentFile> {
    return this.locales[locale];
  }

  private file(locale: Locale, file: string): ContentFile | undefined {
    return this.locales[locale]?.[file] ?? this.locales.es[file];
  }

  /** A UI string (question, label, notice). */
  ui(locale: Locale, file: ContentFileName, key: string, vars?: Record<string, string | number>): string {
    const text = this.file(locale, file)?.ui[key] ?? this.locales.es[file]?.ui[key];
    if (typeof text !== 'string') throw new ContentError(locale, file, `ui.${key}`);
    return fill(text, vars);
  }

  /** A sourced fact's text; facts whose deadlines may have passed get the standard warning appended. */
  fact(locale: Locale, file: ContentFileName, key: string, vars?: Record<string, string | number>): string {
    const fact = this.file(locale, file)?.facts?.[key] ?? this.locales.es[file]?.facts?.[key];
    if (!fact) throw new ContentError(locale, file, `facts.${key}`);
    const text = fill(fact.text, vars);
    return fact.mayBeOutdated ? `${text}\n\n${this.ui(locale, 'common', 'outdatedNote')}` : text;
  }

  hasFact(locale: Locale, file: ContentFileName, key: string): boolean {
    return !!this.file(locale, file)?.facts?.[key];
  }

  /** A group of choices in file order, e.g. choices('es', 'common', 'menu'). */
  choices(locale: Locale, file: ContentFileName, group: string): Choice[] {
    const entries = this.file(locale, file)?.choices?.[group];
    if (!entries) throw new ContentError(locale, file, `choices.${group}`);
    return Object.entries(entries).map(([id, text]) => ({ id, ...text }));
  }
}
