/**
 * The rules every piece of content must meet, whoever wrote it (the repository's files, an import from
 * a spreadsheet, an override loaded by the running bot):
 * - every locale has the same files, UI keys, choice groups (same ids, same order) and facts;
 * - every fact has text, at least one https source (all of them web addresses), a real `reviewed` date
 *   (not after today), a `reviewBy` after it, and the same sources, dates and flags in every locale;
 * - no {placeholder} the code does not fill; phone numbers only from the allow-list (contentPhones.ts);
 * - WhatsApp limits (bot/channels/whatsapp/limits.ts), and the reading budget: one fact, filled and with
 *   the "may be outdated" note it gets once past `reviewBy`, at most 600 characters.
 * Returns every problem found, each naming where it is and why, so a person can fix them all at once.
 */
import { LIMITS } from '../channels/whatsapp/limits';
import { isAllowedLine, phoneNumbersIn } from './contentPhones';
import { isIsoDate, reviewByOf } from './reviewSchedule';
import type { ContentFile, Fact, LocaleFiles } from './types';

/** One message of a fact: a few short paragraphs read on a small screen. */
export const FACT_BUDGET = 600;

/**
 * The placeholders the code fills (ProBot's privacy notice, MainDialog, the services dialog), with long
 * values on purpose so length checks hold for any real value.
 */
export const FILLED_PLACEHOLDERS: Readonly<Record<string, string | number>> = {
  ttlDays: 365,
  topic: 'Regularización y PPT',
  place: 'San Andrés de Tumaco (Nariño)',
  need: 'Documentos y trámites',
  km: 1234,
  department: 'Archipiélago de San Andrés, Providencia y Santa Catalina',
  distance: 'less than 1 km away',
  // The hand-off texts (bot/handoff/handoffTexts.ts).
  hours: 'lunes, martes, miércoles, jueves, viernes, sábado y domingo, 08:00 a 17:00',
  day: 'miércoles',
  time: '08:00',
  theme: 'civil_registry',
  group: 'venezuelan',
  language: 'es',
  channel: 'whatsapp',
  kinds: 'trafficking, gender_violence, suicide, child_at_risk',
  template: 'pro_advisor_reply_waiting_for_you_please_write_back_0001',
  count: 99,
  // A child's age in the "Entiendo:" line (bot/nlu/understanding/describeUnderstanding.ts).
  years: 17,
};

export type ContentField = 'file' | 'key' | 'ui' | 'choices' | 'text' | 'sources' | 'reviewed' | 'reviewBy' | 'mayBeOutdated' | 'deadline';

export interface ContentProblem {
  locale: string;
  file: string;
  /** Where in the file: "facts.urgentCare", "ui.welcome", "choices.menu.health.title". */
  path: string;
  /** For a fact, its key in the content sheet: "health.urgentCare". */
  key?: string;
  field: ContentField;
  /** Which rule it breaks, so checks (and people) can look at one kind at a time. */
  rule: ContentRule;
  reason: string;
}

export type ContentRule =
  | 'sameShape' // every locale has the same files, keys, choice ids
  | 'sameFact' // a fact's sources, dates and flags agree across locales
  | 'empty'
  | 'source'
  | 'date'
  | 'reviewBy'
  | 'placeholder'
  | 'phone'
  | 'whatsappLimit'
  | 'budget';

export interface ValidationOptions {
  /** YYYY-MM-DD: `reviewed` may not be after it (nobody checked a fact tomorrow). Not checked when absent. */
  today?: string;
  /** The repository's files must state `reviewBy`; an override may leave it to the default. */
  requireReviewBy?: boolean;
}

/** "es/health.facts.urgentCare", for messages. */
export function whereOf(problem: Pick<ContentProblem, 'locale' | 'file' | 'path'>): string {
  return `${problem.locale}/${problem.file}.${problem.path}`;
}

export function describeProblem(problem: ContentProblem): string {
  return `${whereOf(problem)}: ${problem.field} ${problem.reason}`;
}

type Report = (problem: Omit<ContentProblem, 'locale' | 'file'>) => void;

export function validateContent(content: Record<string, LocaleFiles>, options: ValidationOptions = {}): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const locales = Object.keys(content);
  const [base] = locales;
  for (const locale of locales) {
    for (const [file, data] of Object.entries(content[locale])) {
      const report: Report = (p) => problems.push({ locale, file, ...p });
      checkFile(data, file, content[locale], options, report);
    }
  }
  if (base) for (const other of locales.slice(1)) checkSameShape(content, base, other, problems);
  checkSameFactMetadata(content, problems);
  return problems;
}

function checkFile(data: ContentFile, file: string, localeFiles: LocaleFiles, options: ValidationOptions, report: Report): void {
  const retry = localeFiles.common?.ui?.choiceNotUnderstood ?? '';
  const note = localeFiles.common?.ui?.outdatedNote ?? '';
  for (const [key, text] of Object.entries(data.ui ?? {})) {
    const path = `ui.${key}`;
    if (typeof text !== 'string' || text.trim() === '') {
      report({ path, field: 'ui', rule: 'empty', reason: 'is empty' });
      continue;
    }
    checkText(text, path, 'ui', report);
    const filled = fill(text);
    if (filled.length > LIMITS.textBody) report({ path, field: 'ui', rule: 'whatsappLimit', reason: `is ${filled.length} characters (max ${LIMITS.textBody})` });
    // Any UI string may be a question: with the retry line it is the body of a buttons/list message.
    const asQuestion = `${retry}\n\n${filled}`;
    if (asQuestion.length > LIMITS.interactiveBody) {
      report({ path, field: 'ui', rule: 'whatsappLimit', reason: `as a question with the retry line is ${asQuestion.length} characters (max ${LIMITS.interactiveBody})` });
    }
  }
  for (const [group, choices] of Object.entries(data.choices ?? {})) checkChoiceGroup(group, choices, report);
  for (const [factKey, fact] of Object.entries(data.facts ?? {})) checkFact(fact, `${file}.${factKey}`, `facts.${factKey}`, note, options, report);
}

function checkChoiceGroup(group: string, choices: NonNullable<ContentFile['choices']>[string], report: Report): void {
  const entries = Object.entries(choices ?? {});
  const path = `choices.${group}`;
  if (entries.length === 0) report({ path, field: 'choices', rule: 'empty', reason: 'has no choices' });
  if (entries.length > LIMITS.listRowsMax) report({ path, field: 'choices', rule: 'whatsappLimit', reason: `has ${entries.length} choices (max ${LIMITS.listRowsMax})` });
  const titles = entries.map(([, c]) => (c.title ?? '').toLocaleLowerCase());
  if (new Set(titles).size !== titles.length) report({ path, field: 'choices', rule: 'whatsappLimit', reason: 'repeats a title (WhatsApp rejects it)' });
  // ≤ 3 choices are reply buttons, 4-10 a list.
  const asButtons = entries.length <= LIMITS.buttonsMax;
  const titleMax = asButtons ? LIMITS.buttonTitle : LIMITS.listRowTitle;
  const idMax = asButtons ? LIMITS.buttonId : LIMITS.listRowId;
  for (const [id, choice] of entries) {
    const at = `${path}.${id}`;
    if (id.length > idMax) report({ path: at, field: 'choices', rule: 'whatsappLimit', reason: `id is ${id.length} characters (max ${idMax})` });
    const title = choice.title ?? '';
    if (title.trim() === '') report({ path: `${at}.title`, field: 'choices', rule: 'empty', reason: 'is empty' });
    if (title.length > titleMax) report({ path: `${at}.title`, field: 'choices', rule: 'whatsappLimit', reason: `is ${title.length} characters (max ${titleMax} for ${asButtons ? 'a button' : 'a list row'})` });
    checkText(title, `${at}.title`, 'choices', report);
    if (choice.description !== undefined) {
      if (choice.description.trim() === '') report({ path: `${at}.description`, field: 'choices', rule: 'empty', reason: 'is empty' });
      if (choice.description.length > LIMITS.listRowDescription) {
        report({ path: `${at}.description`, field: 'choices', rule: 'whatsappLimit', reason: `is ${choice.description.length} characters (max ${LIMITS.listRowDescription})` });
      }
      checkText(choice.description, `${at}.description`, 'choices', report);
    }
    for (const synonym of choice.synonyms ?? []) checkText(synonym, `${at}.synonyms`, 'choices', report);
  }
}

function checkFact(fact: Fact, key: string, path: string, note: string, options: ValidationOptions, report: Report): void {
  const at = { path, key };
  if (typeof fact.text !== 'string' || fact.text.trim() === '') report({ ...at, field: 'text', rule: 'empty', reason: 'is empty' });
  else {
    checkText(fact.text, path, 'text', (p) => report({ ...p, key }));
    // Past reviewBy every fact gets the note, so the budget holds with it.
    const shown = `${fill(fact.text)}\n\n${note}`;
    if (shown.length > FACT_BUDGET) {
      report({ ...at, field: 'text', rule: 'budget', reason: `is ${shown.length} characters with the "may be outdated" note (max ${FACT_BUDGET}: split it, or shorten it by ${shown.length - FACT_BUDGET})` });
    }
  }
  checkSources(fact.sources, (reason) => report({ ...at, field: 'sources', rule: 'source', reason }));
  const reviewedOk = isIsoDate(fact.reviewed);
  if (!reviewedOk) report({ ...at, field: 'reviewed', rule: 'date', reason: `"${String(fact.reviewed ?? '')}" is not a date written YYYY-MM-DD` });
  else if (options.today && fact.reviewed > options.today) report({ ...at, field: 'reviewed', rule: 'date', reason: `${fact.reviewed} is after today (${options.today})` });
  if (fact.reviewBy === undefined || fact.reviewBy === '') {
    if (options.requireReviewBy) report({ ...at, field: 'reviewBy', rule: 'reviewBy', reason: 'is missing (reviewed + 180 days, or + 60 for a fact with a deadline)' });
  } else if (!isIsoDate(fact.reviewBy)) report({ ...at, field: 'reviewBy', rule: 'date', reason: `"${String(fact.reviewBy)}" is not a date written YYYY-MM-DD` });
  else if (reviewedOk && fact.reviewBy <= fact.reviewed) report({ ...at, field: 'reviewBy', rule: 'reviewBy', reason: `${fact.reviewBy} is not after reviewed (${fact.reviewed})` });
  if (fact.mayBeOutdated !== undefined && typeof fact.mayBeOutdated !== 'boolean') report({ ...at, field: 'mayBeOutdated', rule: 'date', reason: 'must be true or false' });
  if (fact.deadline !== undefined && typeof fact.deadline !== 'boolean') report({ ...at, field: 'deadline', rule: 'date', reason: 'must be true or false' });
}

function checkSources(sources: unknown, report: (reason: string) => void): void {
  if (!Array.isArray(sources) || sources.length === 0) {
    report('are missing: give at least one https address the text was checked against');
    return;
  }
  if (!sources.some((s) => typeof s === 'string' && s.startsWith('https://'))) report('have no https address');
  for (const source of sources) {
    if (!isWebAddress(source)) report(`"${String(source)}" is not a web address`);
  }
}

function isWebAddress(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return ['https:', 'http:'].includes(url.protocol) && url.hostname.includes('.') && !/\s/.test(value);
  } catch {
    return false;
  }
}

/** Rules on any text a person can be sent or may type: placeholders and phone numbers. */
function checkText(text: string, path: string, field: ContentField, report: Report): void {
  for (const match of text.matchAll(/\{(\w*)\}/g)) {
    if (!(match[1] in FILLED_PLACEHOLDERS)) report({ path, field, rule: 'placeholder', reason: `has the placeholder ${match[0]}, which the code does not fill` });
  }
  for (const digits of phoneNumbersIn(text)) {
    if (!isAllowedLine(digits)) report({ path, field, rule: 'phone', reason: `names the phone number ${digits}, which is not on the allow-list of sourced lines (bot/content/contentPhones.ts)` });
  }
}

function fill(text: string): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in FILLED_PLACEHOLDERS ? String(FILLED_PLACEHOLDERS[name]) : whole));
}

function checkSameShape(content: Record<string, LocaleFiles>, base: string, other: string, problems: ContentProblem[]): void {
  const files = new Set([...Object.keys(content[base]), ...Object.keys(content[other])]);
  for (const file of files) {
    const a = content[base][file];
    const b = content[other][file];
    if (!a || !b) {
      problems.push({ locale: a ? other : base, file, path: '(file)', field: 'file', rule: 'sameShape', reason: `exists in ${a ? base : other} only` });
      continue;
    }
    const missing = (locale: string, path: string, field: ContentField, key?: string) =>
      problems.push({ locale, file, path, key, field, rule: 'sameShape', reason: `is missing (it exists in ${locale === base ? other : base})` });
    for (const key of new Set([...Object.keys(a.ui ?? {}), ...Object.keys(b.ui ?? {})])) {
      if (!(key in (a.ui ?? {}))) missing(base, `ui.${key}`, 'ui');
      else if (!(key in (b.ui ?? {}))) missing(other, `ui.${key}`, 'ui');
    }
    for (const key of new Set([...Object.keys(a.facts ?? {}), ...Object.keys(b.facts ?? {})])) {
      if (!(key in (a.facts ?? {}))) missing(base, `facts.${key}`, 'key', `${file}.${key}`);
      else if (!(key in (b.facts ?? {}))) missing(other, `facts.${key}`, 'key', `${file}.${key}`);
    }
    for (const group of new Set([...Object.keys(a.choices ?? {}), ...Object.keys(b.choices ?? {})])) {
      const idsA = Object.keys(a.choices?.[group] ?? {}).join(',');
      const idsB = Object.keys(b.choices?.[group] ?? {}).join(',');
      if (idsA !== idsB) {
        problems.push({ locale: other, file, path: `choices.${group}`, field: 'choices', rule: 'sameShape', reason: `ids differ from ${base} (${idsB || 'none'} vs ${idsA || 'none'}; same ids, same order)` });
      }
    }
  }
}

/**
 * A fact is one claim told in several languages: every locale cites the same sources and carries the
 * same dates and flags. Reported in every locale, so an import names each row involved.
 */
function checkSameFactMetadata(content: Record<string, LocaleFiles>, problems: ContentProblem[]): void {
  const locales = Object.keys(content);
  const byKey = new Map<string, { locale: string; file: string; factKey: string; fact: Fact }[]>();
  for (const locale of locales) {
    for (const [file, data] of Object.entries(content[locale])) {
      for (const [factKey, fact] of Object.entries(data.facts ?? {})) {
        const key = `${file}.${factKey}`;
        byKey.set(key, [...(byKey.get(key) ?? []), { locale, file, factKey, fact }]);
      }
    }
  }
  const fields: { field: ContentField; value: (f: Fact) => string }[] = [
    { field: 'sources', value: (f) => (Array.isArray(f.sources) ? [...f.sources].sort().join(' ') : '') },
    { field: 'reviewed', value: (f) => String(f.reviewed) },
    { field: 'reviewBy', value: (f) => String(reviewByOf(f)) },
    { field: 'mayBeOutdated', value: (f) => String(!!f.mayBeOutdated) },
    { field: 'deadline', value: (f) => String(!!f.deadline) },
  ];
  for (const [key, versions] of byKey) {
    if (versions.length < 2) continue;
    for (const { field, value } of fields) {
      const values = new Set(versions.map((v) => value(v.fact)));
      if (values.size === 1) continue;
      for (const v of versions) {
        const others = versions.filter((o) => o !== v && value(o.fact) !== value(v.fact)).map((o) => o.locale);
        problems.push({ locale: v.locale, file: v.file, path: `facts.${v.factKey}`, key, field, rule: 'sameFact', reason: `differs from ${others.join(', ')} (a fact has the same ${field} in every language)` });
      }
    }
  }
}
