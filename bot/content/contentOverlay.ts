/**
 * Content as people see it: the repository's files with the overrides an admin imported laid over
 * them. An override that would break a rule (contentValidation.ts) is left out, never shown: a bad
 * import must not break the bot, so the file's text stays in force for that fact.
 */
import { validateContent, type ContentProblem, type ValidationOptions } from './contentValidation';
import type { Fact, FactOverride, LocaleFiles } from './types';

export interface RejectedOverride {
  key: string;
  locale: string;
  problems: ContentProblem[];
}

export interface Overlay {
  content: Record<string, LocaleFiles>;
  accepted: FactOverride[];
  rejected: RejectedOverride[];
}

/** "health.urgentCare" → ["health", "urgentCare"]; undefined when not of that shape. */
export function splitFactKey(key: string): [string, string] | undefined {
  const match = /^(\w+)\.(\w+)$/.exec(key);
  return match ? [match[1], match[2]] : undefined;
}

export function overrideId(key: string, locale: string): string {
  return `${key}:${locale}`;
}

/** The fact an override stands for, on top of the file's (whose other fields, e.g. `deadline`, it keeps). */
export function applyOverride(base: Fact, override: FactOverride): Fact {
  const fact: Fact = { ...base, text: override.text, sources: [...override.sources], reviewed: override.reviewed };
  delete fact.reviewBy;
  delete fact.mayBeOutdated;
  if (override.reviewBy) fact.reviewBy = override.reviewBy;
  if (override.mayBeOutdated) fact.mayBeOutdated = true;
  return fact;
}

/** The files with the overrides laid over them, unchecked; overrides of unknown facts are left out. */
export function mergeOverrides(base: Record<string, LocaleFiles>, overrides: readonly FactOverride[]): Record<string, LocaleFiles> {
  const merged: Record<string, LocaleFiles> = {};
  for (const [locale, files] of Object.entries(base)) {
    merged[locale] = {};
    for (const [file, data] of Object.entries(files)) merged[locale][file] = data.facts ? { ...data, facts: { ...data.facts } } : data;
  }
  for (const override of overrides) {
    const [file, factKey] = splitFactKey(override.key) ?? [];
    const facts = file && factKey ? merged[override.locale]?.[file]?.facts : undefined;
    if (!facts || !factKey || !facts[factKey]) continue;
    facts[factKey] = applyOverride(facts[factKey], override);
  }
  return merged;
}

/** True when the files know this fact in this locale. */
export function isKnownFact(base: Record<string, LocaleFiles>, key: string, locale: string): boolean {
  const [file, factKey] = splitFactKey(key) ?? [];
  return !!file && !!factKey && !!base[locale]?.[file]?.facts?.[factKey];
}

/**
 * Lays the overrides over the files and keeps only those that leave the content valid. Problems the
 * files have on their own (the content tests guard those) reject nothing.
 */
export function overlay(base: Record<string, LocaleFiles>, overrides: readonly FactOverride[], options: ValidationOptions = {}): Overlay {
  const rejected: RejectedOverride[] = [];
  let accepted = overrides.filter((o) => {
    if (isKnownFact(base, o.key, o.locale)) return true;
    rejected.push({ key: o.key, locale: o.locale, problems: [{ locale: o.locale, file: o.key.split('.')[0] ?? '', path: o.key, key: o.key, field: 'key', rule: 'sameShape', reason: 'is not a fact of the content files' }] });
    return false;
  });
  // Dropping one override can make another inconsistent (a fact's locales must agree), hence the loop.
  for (;;) {
    const content = mergeOverrides(base, accepted);
    const byOverride = new Map<string, ContentProblem[]>();
    for (const problem of validateContent(content, options)) {
      if (!problem.key) continue;
      const id = overrideId(problem.key, problem.locale);
      byOverride.set(id, [...(byOverride.get(id) ?? []), problem]);
    }
    const bad = accepted.filter((o) => byOverride.has(overrideId(o.key, o.locale)));
    if (bad.length === 0) return { content, accepted, rejected };
    for (const o of bad) rejected.push({ key: o.key, locale: o.locale, problems: byOverride.get(overrideId(o.key, o.locale)) ?? [] });
    accepted = accepted.filter((o) => !bad.includes(o));
  }
}
