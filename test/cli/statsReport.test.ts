/**
 * `pro stats`, `pro stats export` and `pro stats chart` through the built CLI, on a crafted month ×
 * channel data set written straight into the `stats` container: the breakdowns and filters, small
 * cells suppressed ("<5", "<10" for protection and emergencies) with their complements ("x"), the CSV
 * one row per month × dimension × value with formula cells neutralised, and the chart files.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { AttentionDocument } from '../../bot/stats/attentionDocument';
import { startTestStore, TestStore } from '../support/store';
import { runCommand, runCommandJson } from '../support/inProcessCli';
import { cliEnv, CliEnv, unwrapped } from './runCli';

const NOVEMBER: AttentionDocument = {
  id: 'attention:2026-11:whatsapp',
  kind: 'attention',
  month: '2026-11',
  channel: 'whatsapp',
  counts: {
    'attention.health.54.venezuelan.es': 12,
    'attention.health.08.host.es': 3,
    'attention.protection.54.venezuelan.es': 7,
    'attention.work.54.returnee.en': 20,
    people: 30,
    'useful.health.yes': 6,
    'useful.health.no': 2,
    'referral.legal.54': 9,
    'line.national_pro_line': 11,
    'emergency.gender_violence': 4,
    'consent.given': 25,
    'consent.declined': 2,
    deletion: 1,
  },
};

interface Row {
  month?: string;
  key: string;
  attentions: number | string;
  people?: number | string;
  usefulYes?: number | string;
  usefulNo?: number | string;
}

interface Report {
  from: string;
  to: string;
  by: string;
  rows: Row[];
  total: { attentions: number | string; people: number | string | null };
  referralsShown: { byServiceKind: unknown[]; byDepartment: unknown[] };
  nationalLines: unknown[];
  emergencies: unknown[];
  decisions: unknown[];
}

describe('pro stats (month × channel counters)', () => {
  let store: TestStore;
  let env: CliEnv;
  let dir: string;
  beforeAll(async () => {
    store = await startTestStore({ database: 'statsreportdb' });
    env = cliEnv(store, 'statsreportdb');
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'pro-stats-'));
    await store.containers.stats.items.create(NOVEMBER);
  });
  afterAll(async () => {
    await fs.rm(dir, { recursive: true, force: true });
    await store.destroy();
  });

  it('breaks attentions down by theme with "was this useful?", hiding small cells and a complement', async () => {
    const { code, json } = await runCommandJson<Report>(['stats', '--from', '2026-11', '--to', '2026-11', '--by', 'theme'], env);
    expect(code).toBe(0);
    expect(json).toMatchObject({ from: '2026-11', to: '2026-11', by: 'theme' });
    // 7 protection attentions are below 10; health (15) is hidden too, or 42 - 20 - 15 would give the 7.
    expect(json.rows).toEqual([
      { key: 'health', attentions: 'x', usefulYes: 6, usefulNo: '<5' },
      { key: 'protection', attentions: '<10', usefulYes: 0, usefulNo: 0 },
      { key: 'work', attentions: 20, usefulYes: 0, usefulNo: 0 },
    ]);
    expect(json.total).toEqual({ attentions: 42, people: 30 });
    expect(json.referralsShown).toEqual({ byServiceKind: [{ key: 'legal', count: 9 }], byDepartment: [{ key: '54', count: 9 }] });
    expect(json.nationalLines).toEqual([{ key: 'national_pro_line', count: 11 }]);
    expect(json.emergencies).toEqual([{ key: 'gender_violence', count: '<10' }]);
    expect(json.decisions).toEqual([
      { key: 'consent_declined', count: '<5' },
      { key: 'consent_given', count: 25 },
      { key: 'deletion', count: '<5' },
    ]);
  });

  it('breaks down by department, group, language and month, and filters by theme and department (code or name)', async () => {
    const range = ['--from', '2026-11', '--to', '2026-11'];
    const byDepartment = await runCommandJson<Report>(['stats', ...range, '--by', 'department'], env);
    expect(byDepartment.json.rows).toEqual([
      { key: '08', attentions: '<5' },
      { key: '54', attentions: 'x' },
    ]);
    const group = await runCommandJson<Report>(['stats', ...range, '--by', 'group'], env);
    expect(group.json.rows).toEqual([
      { key: 'host', attentions: '<5' },
      { key: 'returnee', attentions: 20 },
      { key: 'venezuelan', attentions: 'x' },
    ]);
    const language = await runCommandJson<Report>(['stats', ...range, '--by', 'language'], env);
    expect(language.json.rows).toEqual([
      { key: 'en', attentions: 20 },
      { key: 'es', attentions: 22 },
    ]);
    const month = await runCommandJson<Report>(['stats', ...range, '--by', 'month'], env);
    expect(month.json.rows).toEqual([{ month: '2026-11', key: '2026-11', attentions: 42, people: 30 }]);
    const healthIn54 = await runCommandJson<Report>(['stats', ...range, '--by', 'group', '--theme', 'health', '--department', 'Norte de Santander'], env);
    expect(healthIn54.json.rows).toEqual([{ key: 'venezuelan', attentions: 12 }]);
    expect(healthIn54.json.total).toEqual({ attentions: 12, people: null });
    const protection = await runCommandJson<Report>(['stats', ...range, '--by', 'department', '--theme', 'protection'], env);
    expect(protection.json.rows).toEqual([{ key: '54', attentions: '<10' }]);
  });

  it('prints a table on a terminal, with department names', async () => {
    const { code, stdout } = await runCommand(['stats', '--from', '2026-11', '--to', '2026-11', '--by', 'department'], env);
    expect(code).toBe(0);
    expect(stdout).toMatch(/Attentions 2026-11 to 2026-11 \(Colombia time\), by department/);
    expect(stdout).toMatch(/08 Atlántico\s+<5/);
    expect(stdout).toMatch(/54 Norte de Santander\s+x/);
    expect(stdout).toMatch(/total\s+42\s+people reached \(monthly, added up\) 30/);
    expect(stdout).toContain('Emergencies detected, by kind: gender_violence <10');
  });

  it('refuses a bad month, theme, department or dimension with exit 2', async () => {
    const bad = [
      [['stats', '--from', '2026-13'], /--from "2026-13" is not a month/],
      [['stats', '--from', '2026-12', '--to', '2026-11'], /--from 2026-12 is after --to 2026-11/],
      [['stats', '--theme', 'cooking'], /--theme "cooking" is not a theme; use one of regularization/],
      [['stats', '--department', '5'], /did you mean 05/i],
      [['stats', '--by', 'phone'], /Expected --by=phone to be one of/],
    ] as const;
    for (const [args, message] of bad) {
      const run = await runCommand([...args], env);
      expect({ args, code: run.code }).toEqual({ args, code: 2 });
      expect(unwrapped(run.stderr)).toMatch(message);
    }
  });

  it('exports one CSV row per month × dimension × value, suppressed as the report, formula cells neutralised', async () => {
    // A document a hostile writer slipped into the container: its channel must not run in a spreadsheet.
    await store.containers.stats.items.create({ id: 'attention:2026-10:=HYPERLINK', kind: 'attention', month: '2026-10', channel: '=HYPERLINK("http://x")', counts: { people: 6 } });
    const file = path.join(dir, 'stats.csv');
    const run = await runCommandJson<{ rows: number; output: string }>(['stats', 'export', '--format', 'csv', '--from', '2026-10', '--to', '2026-11', '--output', file], env);
    expect(run.code).toBe(0);
    const rows = parse(await fs.readFile(file, 'utf8'), { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(run.json.rows);
    const find = (month: string, measure: string, dimension: string, value: string): string | undefined =>
      rows.find((r) => r.month === month && r.measure === measure && r.dimension === dimension && r.value === value)?.count;
    expect(find('2026-11', 'attentions', 'theme', 'work')).toBe('20');
    expect(find('2026-11', 'attentions', 'theme', 'protection')).toBe('<10');
    expect(find('2026-11', 'attentions', 'theme', 'health')).toBe('x');
    expect(find('2026-11', 'attentions', 'theme', 'total')).toBe('42');
    expect(find('2026-10', 'attentions', 'theme', 'total')).toBe('0');
    expect(find('all', 'attentions', 'department', '08')).toBe('<5');
    expect(find('2026-11', 'emergencies', 'kind', 'gender_violence')).toBe('<10');
    expect(find('2026-11', 'people', 'channel', 'whatsapp')).toBe('30');
    expect(find('2026-10', 'people', 'channel', `'=HYPERLINK("http://x")`)).toBe('6');
    expect(rows.some((r) => Object.values(r).some((cell) => /^[=+\-@]/.test(cell)))).toBe(false);
    await store.containers.stats.item('attention:2026-10:=HYPERLINK', 'attention:2026-10:=HYPERLINK').delete();
  });

  it('draws the chart as PNG, SVG and self-contained HTML with the suppressed numbers', async () => {
    for (const ext of ['png', 'svg', 'html']) {
      const file = path.join(dir, `report.${ext}`);
      const run = await runCommandJson<{ format: string; bytes: number }>(['stats', 'chart', '--from', '2026-11', '--to', '2026-11', '--output', file], env);
      expect(run.code).toBe(0);
      expect(run.json.format).toBe(ext);
      const bytes = await fs.readFile(file);
      expect(bytes.length).toBe(run.json.bytes);
      expect(bytes.length).toBeGreaterThan(1000);
      if (ext === 'png') expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
      if (ext !== 'png') {
        const text = bytes.toString('utf8');
        // The month's 42 attentions, work's 20, protection's "<10", and the departments by name.
        for (const label of ['>42<', '>20<', '>&lt;10<', '>Norte de Santander<', '>Atlántico<', '>Trabajo<']) expect(text).toContain(label);
        expect(text).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
      }
    }
    const bad = await runCommand(['stats', 'chart', '--output', path.join(dir, 'report.pdf')], env);
    expect(bad.code).toBe(2);
  });
});
