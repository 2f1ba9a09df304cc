import type { AddResult } from '../../cli/commands/referrals/add';
import type { ListResult } from '../../cli/commands/referrals/list';
import type { RemoveResult } from '../../cli/commands/referrals/remove';
import type { ShowResult } from '../../cli/commands/referrals/show';
import type { UpdateResult } from '../../cli/commands/referrals/update';
import { startTestStore, TestStore } from '../support/store';
import { runCommand, runCommandJson } from '../support/inProcessCli';
import { CliEnv, cliEnv, unwrapped } from './runCli';

let store: TestStore;
let env: CliEnv;

beforeAll(async () => {
  store = await startTestStore({ database: 'cli_referrals' });
  env = cliEnv(store, 'cli_referrals');
});
afterAll(async () => {
  await store.destroy();
});

const PHONE = ['--phone', '607 5755555'];
const common = ['--organization', 'OIM', '--verified-at', '2025-11-20', '--actor', 'maria', ...PHONE];

describe('pro referrals add / list / show', () => {
  beforeAll(async () => {
    const adds = [
      ['--id', 'cli-cucuta-legal', '--name', 'Consultorio Jurídico', '--services', 'legal,documentation', '--municipality', 'cucuta', '--latitude', '7.8939', '--longitude', '-72.5078'],
      ['--id', 'cli-rosario-health', '--name', 'Puesto de salud', '--services', 'health', '--municipality', 'villa del rosario'],
      ['--id', 'cli-narino', '--name', 'Casa de derechos', '--services', 'legal', '--municipality', 'la union narino', '--populations', 'mujeres'],
    ];
    const national = ['--id', 'cli-national', '--name', 'Línea nacional', '--services', 'legal', '--national', '--phone', '155'];
    const runs = await Promise.all([
      ...adds.map((args) => runCommand(['referrals', 'add', ...common, ...args], env)),
      runCommand(['referrals', 'add', ...common.slice(0, -PHONE.length), ...national], env),
    ]);
    for (const run of runs) expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(runs[0].stdout).toContain('Added cli-cucuta-legal (Cúcuta (Norte de Santander))');
  });

  it('add --json returns the stored referral, with names resolved to DIVIPOLA codes and phones in E.164', async () => {
    const run = await runCommandJson<AddResult>(['referrals', 'add', ...common, '--id', 'cli-json', '--name', 'Punto PRO', '--services', 'orientation', '--department', 'Norte de Santander'], env);
    expect(run.code).toBe(0);
    expect(run.json.referral).toEqual({
      id: 'cli-json',
      name: 'Punto PRO',
      organization: 'OIM',
      services: ['orientation'],
      departmentCode: '54',
      phone: ['+576075755555'],
      whatsapp: [],
      email: [],
      populations: [],
      languages: [],
      verifiedAt: '2025-11-20',
      active: true,
    });
  });

  it('add refuses bad input with exit 2, naming each problem, and writes nothing', async () => {
    const [run, json, ambiguous] = await Promise.all([
      runCommand(['referrals', 'add', ...common, '--id', 'cli-bad', '--name', 'X', '--services', 'lawyers', '--municipality', '54001', '--email', 'nope'], env),
      runCommandJson<{ error: { name: string; exitCode: number } }>(['referrals', 'add', ...common, '--name', 'X', '--services', 'legal'], env),
      runCommand(['referrals', 'add', ...common, '--name', 'X', '--services', 'legal', '--municipality', 'la union'], env),
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('services "lawyers" is not a service');
    expect(run.stderr).toContain('email "nope" is not an e-mail address');
    expect(json.code).toBe(2);
    expect(json.json.error).toMatchObject({ name: 'CliInputError', exitCode: 2 });
    expect(ambiguous.code).toBe(2);
    expect(unwrapped(ambiguous.stderr)).toContain('52399 La Unión (Nariño)');
    const show = await runCommand(['referrals', 'show', 'cli-bad'], env);
    expect(show.code).toBe(2);
  });

  it('list filters by department, municipality (code or name), service, words and national lines', async () => {
    const list = async (...args: string[]): Promise<string[]> => {
      const run = await runCommandJson<ListResult>(['referrals', 'list', ...args], env);
      expect(run.code).toBe(0);
      expect(run.json.count).toBe(run.json.referrals.length);
      return run.json.referrals.map((r) => r.id);
    };
    const [all, department, municipalityName, municipalityCode, service, search, withNational, departmentName] = await Promise.all([
      list(),
      list('--department', '54'),
      list('--municipality', 'Cúcuta'),
      list('--municipality', '54874'),
      list('--service', 'legal'),
      list('--search', 'JURIDICO'),
      list('--municipality', 'la unión, nariño', '--include-national'),
      list('--department', 'narino'),
    ]);
    expect(all).toEqual(expect.arrayContaining(['cli-cucuta-legal', 'cli-rosario-health', 'cli-narino', 'cli-national']));
    expect(department.sort()).toEqual(['cli-cucuta-legal', 'cli-json', 'cli-rosario-health']);
    expect(municipalityName).toEqual(['cli-cucuta-legal']);
    expect(municipalityCode).toEqual(['cli-rosario-health']);
    expect(service.sort()).toEqual(['cli-cucuta-legal', 'cli-narino', 'cli-national']);
    expect(search).toEqual(['cli-cucuta-legal']);
    expect(withNational).toEqual(['cli-national', 'cli-narino']);
    expect(departmentName).toEqual(['cli-narino']);
  });

  it('list prints one line per referral for people', async () => {
    const run = await runCommand(['referrals', 'list', '--department', '54', '--service', 'health'], env);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('cli-rosario-health  |  Puesto de salud  |  Villa del Rosario (Norte de Santander)  |  health\n1 referral(s).\n');
  });

  it('show prints every field; --json gives the referral and who changed it last', async () => {
    const [text, json] = await Promise.all([
      runCommand(['referrals', 'show', 'cli-cucuta-legal'], env),
      runCommandJson<ShowResult>(['referrals', 'show', 'cli-cucuta-legal', '--history'], env),
    ]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/place\s+Cúcuta \(Norte de Santander\) \[54001\]/);
    expect(text.stdout).toMatch(/phone\s+\+57 607 5755555/);
    expect(json.json).toMatchObject({
      referral: { id: 'cli-cucuta-legal', municipalityCode: '54001', latitude: 7.8939, services: ['legal', 'documentation'] },
      updatedBy: 'maria',
      history: [{ action: 'add', actor: 'maria', before: null }],
    });
  });
});

describe('pro referrals update', () => {
  it('changes only the given fields, moves places by name, clears with "", and audits the actor', async () => {
    await runCommand(['referrals', 'add', ...common, '--id', 'cli-upd', '--name', 'Antes', '--services', 'legal', '--municipality', 'cucuta', '--hours', '8-17'], env);
    const run = await runCommandJson<UpdateResult>(['referrals', 'update', 'cli-upd', '--name', 'Después', '--municipality', 'medellin', '--hours', '', '--actor', 'juan'], env);
    expect(run.code).toBe(0);
    expect(run.json.changed).toEqual(['name', 'department_code', 'municipality_code', 'hours']);
    expect(run.json.referral).toMatchObject({ name: 'Después', departmentCode: '05', municipalityCode: '05001', services: ['legal'] });
    expect(run.json.referral).not.toHaveProperty('hours');
    const show = await runCommandJson<ShowResult>(['referrals', 'show', 'cli-upd', '--history'], env);
    expect(show.json.history?.map((h) => [h.action, h.actor])).toEqual([
      ['add', 'maria'],
      ['update', 'juan'],
    ]);
  });

  it('refuses invalid changes and unknown ids with exit 2', async () => {
    const [invalid, unknown] = await Promise.all([
      runCommand(['referrals', 'update', 'cli-upd', '--latitude', '95', '--longitude', '-72'], env),
      runCommandJson<{ error: { name: string; id: string } }>(['referrals', 'update', 'cli-nope', '--name', 'x'], env),
    ]);
    expect(invalid.code).toBe(2);
    expect(unwrapped(invalid.stderr)).toContain('latitude "95" is outside Colombia');
    expect(unknown.code).toBe(2);
    expect(unknown.json.error).toMatchObject({ name: 'ReferralNotFoundError', id: 'cli-nope' });
  });
});

describe('pro referrals remove', () => {
  beforeAll(async () => {
    await runCommand(['referrals', 'add', ...common, '--id', 'cli-rm', '--name', 'Quitar', '--services', 'food', '--department', '54'], env);
  });

  it('refuses without --yes when nobody can be asked (not a terminal), with exit 2', async () => {
    const run = await runCommand(['referrals', 'remove', 'cli-rm'], env);
    expect(run.code).toBe(2);
    expect(unwrapped(run.stderr)).toContain('Add --yes to confirm');
    expect((await runCommandJson<ShowResult>(['referrals', 'show', 'cli-rm'], env)).json.referral.active).toBe(true);
  });

  it('deactivates (hidden from list, still shown), again is not an error, --hard deletes, deleting again is not an error', async () => {
    const first = await runCommandJson<RemoveResult>(['referrals', 'remove', 'cli-rm', '--yes'], env);
    expect(first).toMatchObject({ code: 0, json: { id: 'cli-rm', outcome: 'deactivated' } });
    const [again, listed, listedAll] = await Promise.all([
      runCommandJson<RemoveResult>(['referrals', 'remove', 'cli-rm', '--yes'], env),
      runCommandJson<ListResult>(['referrals', 'list', '--service', 'food'], env),
      runCommandJson<ListResult>(['referrals', 'list', '--service', 'food', '--include-inactive'], env),
    ]);
    expect(again.json.outcome).toBe('already_inactive');
    expect(listed.json.count).toBe(0);
    expect(listedAll.json.referrals.map((r) => [r.id, r.active])).toEqual([['cli-rm', false]]);
    const hard = await runCommand(['referrals', 'remove', 'cli-rm', '--hard', '--yes'], env);
    expect(hard.code).toBe(0);
    expect(hard.stdout).toContain('Deleted cli-rm for good');
    const [hardAgain, show] = await Promise.all([runCommandJson<RemoveResult>(['referrals', 'remove', 'cli-rm', '--hard', '-y'], env), runCommand(['referrals', 'show', 'cli-rm'], env)]);
    expect(hardAgain).toMatchObject({ code: 0, json: { outcome: 'not_found' } });
    expect(show.code).toBe(2);
  });
});
