/**
 * `pro content review|export|import` as an admin runs them: the built CLI as a child process against
 * a real embedded store. Dates are relative to today, so nothing here fails as the calendar moves on.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { addDays, colombianDate } from '../../bot/content/reviewSchedule';
import { ContentOverrides } from '../../bot/content/contentOverrides';
import type { ContentImportResult } from '../../cli/commands/content/import';
import type { ReviewResult } from '../../cli/commands/content/review';
import { startTestStore, TestStore } from '../support/store';
import { runCommand, runCommandJson } from '../support/inProcessCli';
import { CliEnv, cliEnv, unwrapped } from './runCli';

let store: TestStore;
let env: CliEnv;
let dir: string;
const today = colombianDate(new Date());

beforeAll(async () => {
  store = await startTestStore({ database: 'cli_content' });
  env = cliEnv(store, 'cli_content');
  dir = mkdtempSync(path.join(os.tmpdir(), 'probot-cli-content-'));
});
afterAll(async () => {
  await store.destroy();
  rmSync(dir, { recursive: true, force: true });
});

type Row = Record<string, string>;
const readCsv = (file: string): Row[] => parse(readFileSync(file, 'utf8'), { columns: true }) as Row[];
const writeCsv = (file: string, rows: Row[]): string => {
  writeFileSync(file, stringify(rows, { header: true, columns: ['key', 'locale', 'text', 'sources', 'reviewed', 'reviewBy', 'mayBeOutdated'] }));
  return file;
};
const exportCsv = async (name: string): Promise<Row[]> => {
  const file = path.join(dir, name);
  expect((await runCommand(['content', 'export', '--format', 'csv', '--output', file], env)).code).toBe(0);
  return readCsv(file);
};

describe('pro content review', () => {
  it('lists every fact by theme with reviewed, reviewBy and sources; --due-within keeps the due and overdue ones', async () => {
    const all = await runCommandJson<ReviewResult>(['content', 'review'], env);
    expect(all.code).toBe(0);
    const facts = all.json.themes.flatMap((t) => t.facts);
    expect(facts.length).toBeGreaterThan(60);
    for (const f of facts) expect(f.reviewBy > f.reviewed && f.sources.length > 0).toBe(true);
    const due = await runCommandJson<ReviewResult>(['content', 'review', '--due-within', '30d'], env);
    expect(due.json.dueBy).toBe(addDays(today, 30));
    const dueFacts = due.json.themes.flatMap((t) => t.facts);
    expect(dueFacts.map((f) => f.key)).toEqual(facts.filter((f) => f.reviewBy <= addDays(today, 30)).map((f) => f.key));
    const bad = await runCommand(['content', 'review', '--due-within', 'soon'], env);
    expect(bad.code).toBe(2);
    expect(unwrapped(bad.stderr)).toContain('--due-within "soon" is not a window');
  });
});

describe('pro content export → import', () => {
  it('an unedited export, CSV or xlsx, imports as unchanged', async () => {
    const rows = await exportCsv('same.csv');
    const csv = await runCommandJson<ContentImportResult>(['content', 'import', path.join(dir, 'same.csv')], env);
    expect(csv.json).toMatchObject({ rows: rows.length, set: 0, reverted: 0, unchanged: rows.length });
    const xlsx = path.join(dir, 'same.xlsx');
    expect((await runCommand(['content', 'export', '--format', 'xlsx', '--output', xlsx], env)).code).toBe(0);
    expect((await runCommandJson<ContentImportResult>(['content', 'import', xlsx, '--dry-run'], env)).json).toMatchObject({ unchanged: rows.length, set: 0 });
  });

  it('rejects a sheet with bad rows: each by line and reason, exit 2, nothing written', async () => {
    const rows = await exportCsv('for-bad.csv');
    const at = (key: string, locale: string) => rows.findIndex((r) => r.key === key && r.locale === locale);
    const es = at('common.nationalLine', 'es');
    rows[es].text = `${rows[es].text} Llama al 300 123 4567.`;
    const en = at('common.nationalLine', 'en');
    rows[en].sources = 'http://insecure.example.org';
    rows[2].reviewed = '2026-02-30';
    rows[3].reviewBy = '2001-01-01';
    rows[4].text = 'x'.repeat(700);
    rows.push({ ...rows[0], key: 'health.noSuchFact' }, { ...rows[0], locale: 'fr' });
    const run = await runCommand(['content', 'import', writeCsv(path.join(dir, 'bad.csv'), rows)], env);
    expect(run.code).toBe(2);
    const err = unwrapped(run.stderr);
    expect(err).toContain(`line ${es + 2} (common.nationalLine es): text names the phone number 3001234567, which is not on the allow-list`);
    expect(err).toContain(`line ${en + 2} (common.nationalLine en): sources have no https address`);
    expect(err).toContain(`line 4 (${rows[2].key} ${rows[2].locale}): reviewed "2026-02-30" is not a date written YYYY-MM-DD`);
    expect(err).toContain(`line 5 (${rows[3].key} ${rows[3].locale}): reviewBy 2001-01-01 is not after reviewed`);
    expect(err).toMatch(new RegExp(`line 6 \\(${rows[4].key} ${rows[4].locale}\\): text is \\d+ characters with the "may be outdated" note \\(max 600`));
    expect(err).toContain(`line ${rows.length + 1} (${rows[0].key} fr): locale "fr" is not a locale`);
    expect(err).toContain(`line ${rows.length} (health.noSuchFact ${rows[0].locale}): key "health.noSuchFact" is not a fact`);
    expect(err).toContain('nothing was imported');
    expect(await new ContentOverrides(store.containers.content, store.containers.audit).list()).toEqual([]);
  });

  it('imports edited texts with who and when, keeps formula-like cells safe and lossless, and a file text again reverts', async () => {
    const rows = await exportCsv('edit.csv');
    const key = 'common.nationalLine';
    const reviewed = addDays(today, -200); // past the 180 days: overdue from today on
    for (const row of rows.filter((r) => r.key === key)) {
      row.text = row.locale === 'es' ? `=Texto revisado. ${row.text}` : `=Reviewed text. ${row.text}`;
      row.reviewed = reviewed;
      row.reviewBy = '';
    }
    const file = writeCsv(path.join(dir, 'edited.csv'), rows);
    const dry = await runCommandJson<ContentImportResult>(['content', 'import', file, '--dry-run'], env);
    expect(dry.json).toMatchObject({ dryRun: true, set: 2 });
    expect(await new ContentOverrides(store.containers.content, store.containers.audit).list()).toEqual([]);
    const done = await runCommandJson<ContentImportResult>(['content', 'import', file, '--actor', 'maria'], env);
    expect(done.json).toMatchObject({ set: 2, unchanged: rows.length - 2 });

    const overrides = new ContentOverrides(store.containers.content, store.containers.audit);
    expect((await overrides.list()).map((o) => [o.key, o.locale, o.updatedBy])).toEqual([
      [key, 'en', 'maria'],
      [key, 'es', 'maria'],
    ]);
    expect((await overrides.history(key, 'es')).map((h) => [h.action, h.actor, h.before])).toEqual([['set', 'maria', null]]);

    const review = await runCommandJson<ReviewResult>(['content', 'review', '--due-within', '0d'], env);
    expect(review.json.themes.flatMap((t) => t.facts).find((f) => f.key === key)).toMatchObject({ overdue: true, reviewed, reviewBy: addDays(reviewed, 180), overridden: ['es', 'en'] });

    const again = path.join(dir, 'again.csv');
    expect((await runCommand(['content', 'export', '--output', again], env)).code).toBe(0);
    expect(readFileSync(again, 'utf8')).toContain("'=Texto revisado.");
    expect(readCsv(again).find((r) => r.key === key && r.locale === 'es')?.text.startsWith("'=Texto revisado.")).toBe(true);
    expect((await runCommandJson<ContentImportResult>(['content', 'import', again], env)).json).toMatchObject({ set: 0, unchanged: rows.length });

    const original = path.join(dir, 'edit.csv');
    const back = await runCommandJson<ContentImportResult>(['content', 'import', original], env);
    expect(back.json).toMatchObject({ reverted: 2, set: 0 });
    expect(await overrides.list()).toEqual([]);
  });
});
