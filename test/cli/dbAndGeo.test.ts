import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DivipolaData, GeoDirectory } from '../../bot/geo';
import type { DbInitResult } from '../../cli/commands/db/init';
import type { GeoRefreshResult } from '../../cli/commands/geo/refresh';
import type { ListResult } from '../../cli/commands/referrals/list';
import { startTestStore, TestStore } from '../support/store';
import { runCommand, runCommandJson } from '../support/inProcessCli';
import { CliEnv, cliEnv } from './runCli';

let store: TestStore;
let env: CliEnv;
let dir: string;

beforeAll(async () => {
  store = await startTestStore({ database: 'cli_db' });
  env = cliEnv(store, 'cli_db_init');
  dir = mkdtempSync(path.join(os.tmpdir(), 'probot-cli-geo-'));
});
afterAll(async () => {
  await store.destroy();
  rmSync(dir, { recursive: true, force: true });
});

describe('pro db init', () => {
  it('creates the database and containers, is safe to run again, and --seed loads the national lines once', async () => {
    const first = await runCommandJson<DbInitResult>(['db', 'init'], env);
    expect(first.json).toEqual({ store: 'embedded', database: 'cli_db_init', containers: ['botstate', 'referrals', 'stats', 'audit', 'processed-messages', 'pending-lists', 'content'], seeded: 0 });
    const { resources } = await store.client.database('cli_db_init').containers.readAll().fetchAll();
    expect(resources.map((c) => c.id).sort()).toEqual(['audit', 'botstate', 'content', 'pending-lists', 'processed-messages', 'referrals', 'stats']);

    const seeded = await runCommand(['db', 'init', '--seed'], env);
    expect(seeded.code).toBe(0);
    expect(seeded.stdout).toContain('Seeded 6 national line(s).');
    const [again, lines] = await Promise.all([runCommandJson<DbInitResult>(['db', 'init', '--seed'], env), runCommandJson<ListResult>(['referrals', 'list'], env)]);
    expect(again.json.seeded).toBe(0);
    expect(lines.json.referrals.map((r) => r.phone).flat()).toEqual(expect.arrayContaining(['018000180588', '123', '155', '141', '018000522020', '018000423701']));
    expect(lines.json.referrals.every((r) => r.departmentCode === undefined)).toBe(true);
  });
});

describe('pro geo refresh', () => {
  const shipped = GeoDirectory.shipped().data;

  /** DANE's layout: Spanish headers, ";" and capitals, with one municipality renamed and one added. */
  function daneFile(): string {
    const names = new Map(shipped.departments.map((d) => [d.code, d.name]));
    const rows = shipped.municipalities.map((m) => [m.departmentCode, names.get(m.departmentCode), m.code, m.code === '54001' ? 'San José de Cúcuta' : m.name].join(';'));
    rows.push('27;Chocó;27999;Municipio Nuevo');
    const file = path.join(dir, 'DIVIPOLA_Municipios.csv');
    writeFileSync(file, ['Código Departamento;Nombre Departamento;Código Municipio;Nombre Municipio', ...rows].join('\n'));
    return file;
  }

  it("validates DANE's file and writes the data file, showing the changes (--dry-run writes nothing)", async () => {
    const file = daneFile();
    const output = path.join(dir, 'divipola.json');
    const [dry, real] = await Promise.all([
      runCommandJson<GeoRefreshResult>(['geo', 'refresh', '--file', file, '--dry-run'], env),
      runCommandJson<GeoRefreshResult>(['geo', 'refresh', '--file', file, '--output', output], env),
    ]);
    expect(dry.json).toMatchObject({ departments: 33, municipalities: 1124, written: [] });
    expect(real.json).toMatchObject({ source: 'DIVIPOLA_Municipios.csv', departments: 33, municipalities: 1124, written: [output] });
    expect(real.json.changes).toMatchObject({ added: [{ code: '27999', name: 'Municipio Nuevo' }], removed: [], renamed: [{ code: '54001', from: 'Cúcuta', to: 'San José de Cúcuta' }] });
    const written = JSON.parse(readFileSync(output, 'utf8')) as DivipolaData;
    const geo = new GeoDirectory(written);
    expect(geo.municipalityName('54001')).toBe('San José de Cúcuta');
    expect(geo.resolvePlace('cucuta')).toMatchObject({ kind: 'municipality', municipality: { code: '54001' } });
  });

  it('refuses a bad file with exit 2, line by line, and writes nothing', async () => {
    const file = path.join(dir, 'bad.csv');
    const output = path.join(dir, 'never.json');
    writeFileSync(file, 'department_code,department_name,municipality_code,municipality_name\n05,Antioquia,05001,Medellín\n05,Antioquia,08001,Barranquilla\n');
    const run = await runCommand(['geo', 'refresh', '--file', file, '--output', output], env);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('line 3: municipality_code "08001" does not belong to department 05');
    expect(() => readFileSync(output)).toThrow();
  });
});

describe('exit codes for the environment', () => {
  it('exits 2 on a wrong COSMOS_* setting, naming the variable', async () => {
    const run = await runCommandJson<{ error: { name: string; variable: string; exitCode: number } }>(['referrals', 'list'], { ...env, COSMOS_KEY: 'abc' });
    expect(run.code).toBe(2);
    expect(run.json.error).toMatchObject({ name: 'ConfigError', variable: 'COSMOS_KEY', exitCode: 2 });
  });
});
