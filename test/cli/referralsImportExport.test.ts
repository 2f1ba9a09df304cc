import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REFERRAL_COLUMNS } from '../../bot/referrals';
import type { ExportResult } from '../../cli/commands/referrals/export';
import type { ImportResult } from '../../cli/commands/referrals/import';
import type { ListResult } from '../../cli/commands/referrals/list';
import type { ShowResult } from '../../cli/commands/referrals/show';
import { startTestStore, TestStore } from '../support/store';
import { runCommand, runCommandJson } from '../support/inProcessCli';
import { CliEnv, cliEnv, unwrapped } from './runCli';

let store: TestStore;
let env: CliEnv;
let dir: string;

beforeAll(async () => {
  store = await startTestStore({ database: 'cli_import' });
  env = cliEnv(store, 'cli_import');
  dir = mkdtempSync(path.join(os.tmpdir(), 'probot-cli-import-'));
});
afterAll(async () => {
  await store.destroy();
  rmSync(dir, { recursive: true, force: true });
});

const HEADER = REFERRAL_COLUMNS.join(',');
const ROWS = [
  'imp-cucuta,"Punto PRO, Cúcuta",OIM,orientation;legal,54,54001,"Calle 10 # 5-20",7.8939,-72.5078,607 5755555;+57 305 7341182,+57 305 7341182,pro@example.org,https://example.org,"Lun-Vie 8:00-17:00",migrants;returnees,es;en,2025-11-20,true',
  'imp-maicao,Centro de atención,ACNUR,shelter;food,44,44430,,,,+57 605 7268000,,,,,,,2025-10-01,',
  'imp-line,Línea 141,ICBF,child_protection,,,,,,141;01 8000 918080,,,,24/7,children,,2025-11-01,true',
  'imp-old,Servicio cerrado,ONG,health,11,11001,,,,601 3808400,,,,,,,2024-01-01,false',
];

function write(name: string, lines: string[]): string {
  const file = path.join(dir, name);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

describe('pro referrals import', () => {
  it('rejects a file with bad rows: every problem by line, exit 2, nothing written', async () => {
    const file = write('bad.csv', [
      HEADER,
      ROWS[0],
      ROWS[1].replace(',44,44430,', ',44,54001,'),
      ROWS[2].replace('2025-11-01', '01/11/2025'),
      ROWS[3].replace('601 3808400', '12'),
    ]);
    const run = await runCommand(['referrals', 'import', file], env);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('line 3 (imp-maicao): municipality_code "54001" is Cúcuta in Norte de Santander (54), not in department 44 (La Guajira)');
    expect(run.stderr).toContain('line 4 (imp-line): verified_at "01/11/2025" is not a date written YYYY-MM-DD');
    expect(run.stderr).toContain('line 5 (imp-old): phone "12" is not a valid phone number');
    expect(unwrapped(run.stderr)).toContain('bad.csv: 3 of 4 row(s) have problems; nothing was imported');
    const json = await runCommandJson<{ error: { name: string; exitCode: number; rows: number; problems: { line: number; field: string }[] } }>(['referrals', 'import', file], env);
    expect(json.code).toBe(2);
    expect(json.json.error).toMatchObject({ name: 'ReferralImportRejectedError', exitCode: 2, rows: 4 });
    expect(json.json.error.problems.map((p) => [p.line, p.field])).toEqual([
      [3, 'municipality_code'],
      [4, 'verified_at'],
      [5, 'phone'],
    ]);
    expect((await runCommandJson<ListResult>(['referrals', 'list', '--include-inactive'], env)).json.count).toBe(0);
  });

  it('reports unknown and missing columns clearly, with exit 2', async () => {
    const file = write('columns.csv', [HEADER.replace('whatsapp', 'wasap').replace(',active', ''), ROWS[0]]);
    const run = await runCommand(['referrals', 'import', file], env);
    expect(run.code).toBe(2);
    expect(unwrapped(run.stderr)).toContain('unknown column(s): wasap');
    expect(unwrapped(run.stderr)).toContain('missing column(s): whatsapp, active');
    const missingFile = await runCommand(['referrals', 'import', path.join(dir, 'nope.csv')], env);
    expect(missingFile.code).toBe(2);
    expect(unwrapped(missingFile.stderr)).toContain('no such file');
  });

  it('--dry-run validates and counts without writing', async () => {
    const file = write('good.csv', [HEADER, ...ROWS]);
    const run = await runCommandJson<ImportResult>(['referrals', 'import', file, '--dry-run'], env);
    expect(run.code).toBe(0);
    expect(run.json).toMatchObject({ dryRun: true, created: 4, updated: 0, unchanged: 0, rows: 4, skipped: [] });
    expect((await runCommandJson<ListResult>(['referrals', 'list', '--include-inactive'], env)).json.count).toBe(0);
  });

  it('imports a good file, then upserts by id: changed rows updated, identical ones untouched', async () => {
    const file = write('good.csv', [HEADER, ...ROWS]);
    const first = await runCommand(['referrals', 'import', file, '--actor', 'maria'], env);
    expect(first.code).toBe(0);
    expect(first.stdout).toBe('Created 4, updated 0, unchanged 0 (of 4 row(s)).\n'); // no progress bar outside a terminal
    const changed = write('changed.csv', [HEADER, ROWS[0], ROWS[1].replace('Centro de atención', 'Centro de atención integral'), ROWS[2], ROWS[3]]);
    const second = await runCommandJson<ImportResult>(['referrals', 'import', changed, '--actor', 'juan'], env);
    expect(second.json).toMatchObject({ created: 0, updated: 1, unchanged: 3, dryRun: false });
    const [show, list] = await Promise.all([
      runCommandJson<ShowResult>(['referrals', 'show', 'imp-maicao', '--history'], env),
      runCommandJson<ListResult>(['referrals', 'list', '--municipality', 'maicao'], env),
    ]);
    expect(show.json.referral.name).toBe('Centro de atención integral');
    expect(show.json.history?.map((h) => [h.action, h.actor])).toEqual([
      ['import', 'maria'],
      ['import', 'juan'],
    ]);
    expect(list.json.referrals.map((r) => r.id)).toEqual(['imp-maicao']);
  });

  it('--skip-invalid imports the good rows and reports the bad ones', async () => {
    const file = write('mixed.csv', [HEADER, ROWS[0], 'imp-broken,X,Y,nothing,,,,,,123,,,,,,,2025-01-01,true']);
    const run = await runCommandJson<ImportResult>(['referrals', 'import', file, '--skip-invalid'], env);
    expect(run.code).toBe(0);
    expect(run.json).toMatchObject({ rows: 2, unchanged: 1, created: 0 });
    expect(run.json.skipped).toEqual([expect.objectContaining({ line: 3, id: 'imp-broken', field: 'services', value: 'nothing' })]);
  });
});

describe('pro referrals export', () => {
  it('exports CSV and JSON that import into an empty database as the very same directory', async () => {
    const csv = path.join(dir, 'export.csv');
    const json = path.join(dir, 'export.json');
    const [csvRun, jsonRun, stdoutRun] = await Promise.all([
      runCommandJson<ExportResult>(['referrals', 'export', '--output', csv], env),
      runCommandJson<ExportResult>(['referrals', 'export', '--format', 'json', '--output', json], env),
      runCommand(['referrals', 'export'], env),
    ]);
    expect(csvRun.json).toEqual({ format: 'csv', output: csv, count: 4 });
    expect(jsonRun.json.count).toBe(4);
    expect(stdoutRun.stdout).toBe(readFileSync(csv, 'utf8'));
    expect(stdoutRun.stdout.split('\n')[0]).toBe(HEADER);
    expect(stdoutRun.stdout).toContain('imp-old'); // inactive entries are exported too

    const copyEnv = { ...env, COSMOS_DATABASE: 'cli_import_copy' };
    const copyJsonEnv = { ...env, COSMOS_DATABASE: 'cli_import_copy_json' };
    const [fromCsv, fromJson] = await Promise.all([
      runCommandJson<ImportResult>(['referrals', 'import', csv], copyEnv),
      runCommandJson<ImportResult>(['referrals', 'import', json], copyJsonEnv),
    ]);
    expect(fromCsv.json).toMatchObject({ created: 4, format: 'csv' });
    expect(fromJson.json).toMatchObject({ created: 4, format: 'json' });
    const [again, againFromJson, originalJson] = await Promise.all([
      runCommand(['referrals', 'export'], copyEnv),
      runCommand(['referrals', 'export', '--format', 'json'], copyJsonEnv),
      runCommand(['referrals', 'export', '--format', 'json'], env),
    ]);
    expect(again.stdout).toBe(stdoutRun.stdout);
    expect(againFromJson.stdout).toBe(originalJson.stdout);
    expect(JSON.parse(originalJson.stdout)).toEqual(expect.arrayContaining([expect.objectContaining({ id: 'imp-line', phone: ['141', '018000918080'] })]));
  });

  it('with --json and no --output, returns the entries inside the result', async () => {
    const run = await runCommandJson<ExportResult>(['referrals', 'export', '--active-only'], env);
    expect(run.json).toMatchObject({ format: 'csv', output: null, count: 3 });
    expect(run.json.referrals?.map((r) => r.id).sort()).toEqual(['imp-cucuta', 'imp-line', 'imp-maicao']);
  });
});
