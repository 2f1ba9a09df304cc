/**
 * The content catalog: every string the bot says, per locale, from the JSON files in ./locales, with
 * the overrides an admin imported laid over them (contentOverlay.ts). Code asks for keys; a missing
 * key is a bug caught by the content tests, and at run time falls back to Spanish rather than showing
 * nothing. A fact past its review date is shown with the "may be outdated" note, by the catalog's clock.
 */
import type { Locale } from './locale';
import { overlay, type RejectedOverride } from './contentOverlay';
import type { ValidationOptions } from './contentValidation';
import { files as en } from './locales/en';
import { files as es } from './locales/es';
import { colombianDate, isOverdue, reviewByOf } from './reviewSchedule';
import type { Choice } from './choice';
import type { ContentFile, Fact, FactOverride, LocaleFiles } from './types';

export type { ContentFile, LocaleFiles } from './types';
export type ContentFileName = keyof typeof es;

/** A fact as it stands (file or override), with its review date worked out. */
export interface FactEntry {
  /** "theme.factKey". */
  key: string;
  file: string;
  factKey: string;
  locale: Locale;
  fact: Fact & { reviewBy: string };
  /** True when an imported override replaces the file's text. */
  overridden: boolean;
}

export interface OverrideOutcome {
  applied: number;
  rejected: RejectedOverride[];
}

export interface ContentCatalogOptions {
  /** The clock that decides when a fact is past its review date (tests set it). */
  now?: () => Date;
}

export class ContentError extends Error {
  constructor(readonly locale: Locale, readonly file: string, readonly key: string) {
    super(`Content "${file}.${key}" is missing for locale "${locale}" (add it to bot/content/locales/${locale}/${file}.json)`);
    this.name = 'ContentError';
  }
}

/** The repository's content files, per locale. */
export const CONTENT_FILES: Record<Locale, LocaleFiles> = { es, en } as unknown as Record<Locale, LocaleFiles>;

/** Replaces {name} placeholders; unknown placeholders stay visible so tests catch them. */
export function fill(template: string, vars: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

export class ContentCatalog {
  private current: Record<Locale, LocaleFiles>;
  private overridden = new Set<string>();
  private readonly now: () => Date;

  constructor(private readonly base: Record<Locale, LocaleFiles> = CONTENT_FILES, options: ContentCatalogOptions = {}) {
    this.current = base;
    this.now = options.now ?? (() => new Date());
  }

  /** The files of a locale as the bot uses them (overrides included), for validation and tools. */
  filesOf(locale: Locale): LocaleFiles {
    return this.current[locale];
  }

  /** Every locale's files as the bot uses them. */
  content(): Record<Locale, LocaleFiles> {
    return this.current;
  }

  /** The repository's files, without overrides. */
  baseContent(): Record<Locale, LocaleFiles> {
    return this.base;
  }

  locales(): Locale[] {
    return Object.keys(this.base) as Locale[];
  }

  /**
   * Replaces the imported overrides in force. Each is checked against every content rule with the
   * others; one that fails is left out (the file's text stays) and returned with its problems.
   */
  applyOverrides(overrides: readonly FactOverride[], options: ValidationOptions = { today: this.today() }): OverrideOutcome {
    const result = overlay(this.base, overrides, options);
    this.current = result.content as Record<Locale, LocaleFiles>;
    this.overridden = new Set(result.accepted.map((o) => `${o.locale}:${o.key}`));
    return { applied: result.accepted.length, rejected: result.rejected };
  }

  /** Today in Colombia, by the catalog's clock. */
  today(): string {
    return colombianDate(this.now());
  }

  private file(locale: Locale, file: string): ContentFile | undefined {
    return this.current[locale]?.[file] ?? this.current.es[file];
  }

  /** A UI string (question, label, notice). */
  ui(locale: Locale, file: ContentFileName, key: string, vars?: Record<string, string | number>): string {
    const text = this.file(locale, file)?.ui[key] ?? this.current.es[file]?.ui[key];
    if (typeof text !== 'string') throw new ContentError(locale, file, `ui.${key}`);
    return fill(text, vars);
  }

  /**
   * A sourced fact's text. Facts whose deadlines may have passed, and any fact past its review date,
   * get the standard "may be outdated, confirm with the PRO line" note.
   */
  fact(locale: Locale, file: ContentFileName, key: string, vars?: Record<string, string | number>): string {
    const fact = this.file(locale, file)?.facts?.[key] ?? this.current.es[file]?.facts?.[key];
    if (!fact) throw new ContentError(locale, file, `facts.${key}`);
    const text = fill(fact.text, vars);
    return this.showsOutdatedNote(fact) ? `${text}\n\n${this.ui(locale, 'common', 'outdatedNote')}` : text;
  }

  /** True when the fact is sent with the "may be outdated" note today. */
  showsOutdatedNote(fact: Fact): boolean {
    return !!fact.mayBeOutdated || isOverdue(fact, this.today());
  }

  hasFact(locale: Locale, file: ContentFileName, key: string): boolean {
    return !!this.file(locale, file)?.facts?.[key];
  }

  /** Every fact of every locale, in file order, as it stands now. */
  facts(): FactEntry[] {
    const entries: FactEntry[] = [];
    for (const locale of this.locales()) {
      for (const [file, data] of Object.entries(this.current[locale])) {
        for (const [factKey, fact] of Object.entries(data.facts ?? {})) {
          const key = `${file}.${factKey}`;
          entries.push({ key, file, factKey, locale, fact: { ...fact, reviewBy: reviewByOf(fact) ?? '' }, overridden: this.overridden.has(`${locale}:${key}`) });
        }
      }
    }
    return entries;
  }

  /** A group of choices in file order, e.g. choices('es', 'common', 'menu'). */
  choices(locale: Locale, file: ContentFileName, group: string): Choice[] {
    const entries = this.file(locale, file)?.choices?.[group];
    if (!entries) throw new ContentError(locale, file, `choices.${group}`);
    return Object.entries(entries).map(([id, text]) => ({ id, ...text }));
  }
}
