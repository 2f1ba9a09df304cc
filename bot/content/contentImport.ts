/**
 * What importing a content sheet would do, checked before anything is written: every row against
 * every content rule, on the merged result (the repository's files + the overrides already in force +
 * the sheet), so a row that is fine alone but breaks a fact's other locale is caught too. All or
 * nothing: any bad row is reported by line and reason, and then nothing is written.
 */
import { isKnownFact, mergeOverrides, overrideId } from './contentOverlay';
import { overrideOf, type OverrideChange } from './contentOverrides';
import type { SheetProblem, SheetRow } from './contentSheet';
import { validateContent } from './contentValidation';
import { reviewByOf } from './reviewSchedule';
import type { FactOverride, LocaleFiles } from './types';

export interface ImportPlan {
  rows: number;
  /** Changes to write (empty when there are problems). */
  changes: OverrideChange[];
  unchanged: number;
  problems: SheetProblem[];
}

/** Equal as people see them: a `reviewBy` left to the default equals the default written out (as exports do). */
function sameFact(a: FactOverride, b: FactOverride, deadline: boolean): boolean {
  const seen = (o: FactOverride) => JSON.stringify({ ...overrideOf(o), reviewBy: reviewByOf({ ...o, deadline }) });
  return seen(a) === seen(b);
}

/** The file's own fact as a row, to tell an import that brings the file's text back. */
function fileRow(base: Record<string, LocaleFiles>, key: string, locale: string): FactOverride {
  const [file, factKey] = key.split('.');
  const fact = base[locale][file].facts?.[factKey];
  if (!fact) throw new Error(`no fact ${key} in ${locale}`);
  return { key, locale, text: fact.text, sources: fact.sources, reviewed: fact.reviewed, reviewBy: fact.reviewBy, mayBeOutdated: fact.mayBeOutdated };
}

export function planContentImport(base: Record<string, LocaleFiles>, existing: readonly FactOverride[], rows: readonly SheetRow[], readProblems: readonly SheetProblem[], today: string): ImportPlan {
  const problems: SheetProblem[] = [...readProblems];
  const locales = Object.keys(base);
  const seen = new Map<string, number>();
  const valid: SheetRow[] = [];
  for (const row of rows) {
    const id = `${row.key} ${row.locale}`.trim();
    if (!locales.includes(row.locale)) {
      problems.push({ line: row.line, id, field: 'locale', value: row.locale, reason: `is not a locale of the content (${locales.join(', ')})` });
      continue;
    }
    if (!isKnownFact(base, row.key, row.locale)) {
      problems.push({ line: row.line, id, field: 'key', value: row.key, reason: 'is not a fact of the content files (theme.factKey, as in the export)' });
      continue;
    }
    const first = seen.get(overrideId(row.key, row.locale));
    if (first !== undefined) {
      problems.push({ line: row.line, id, field: 'key', value: row.key, reason: `is repeated for this locale (first on line ${first})` });
      continue;
    }
    seen.set(overrideId(row.key, row.locale), row.line);
    valid.push(row);
  }

  // The sheet's rows replace the overrides in force for the same fact and locale.
  const imported = new Set(valid.map((r) => overrideId(r.key, r.locale)));
  const merged = mergeOverrides(base, [...existing.filter((o) => !imported.has(overrideId(o.key, o.locale))), ...valid]);
  const lineOf = new Map(valid.map((r) => [overrideId(r.key, r.locale), r]));
  for (const problem of validateContent(merged, { today })) {
    const row = problem.key ? lineOf.get(overrideId(problem.key, problem.locale)) : undefined;
    if (!row) continue; // the files' own problems are the content tests' to catch
    // The reason names the value where it helps; a whole text or source list would drown it.
    problems.push({ line: row.line, id: `${row.key} ${row.locale}`, field: problem.field, reason: problem.reason });
  }
  problems.sort((a, b) => a.line - b.line);
  if (problems.length) return { rows: rows.length, changes: [], unchanged: 0, problems };

  const current = new Map(existing.map((o) => [overrideId(o.key, o.locale), o]));
  const changes: OverrideChange[] = [];
  let unchanged = 0;
  for (const row of valid) {
    const before = current.get(overrideId(row.key, row.locale)) ?? null;
    const override: FactOverride = overrideOf(row);
    const [file, factKey] = row.key.split('.');
    const deadline = !!base[row.locale][file].facts?.[factKey]?.deadline;
    if (sameFact(override, fileRow(base, row.key, row.locale), deadline)) {
      // The file's own text again: drop the override, so later fixes to the file show.
      if (before) changes.push({ action: 'remove', key: row.key, locale: row.locale, before: overrideOf(before) });
      else unchanged += 1;
    } else if (before && sameFact(override, before, deadline)) unchanged += 1;
    else changes.push({ action: 'set', override, before: before ? overrideOf(before) : null });
  }
  return { rows: rows.length, changes, unchanged, problems };
}
