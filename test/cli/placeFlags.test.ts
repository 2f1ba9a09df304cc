/**
 * `--department` / `--municipality` given as digits are DIVIPOLA codes (DESIGN.md: "05", "05001",
 * never 5 or 5001). A code of the wrong length, or one no place has, is bad input: exit 2 with a
 * message naming the flag and the value and showing an example, never an exit 0 with no results.
 * Names and real codes keep working.
 */
import type { AddResult } from '../../cli/commands/referrals/add';
import type { ListResult } from '../../cli/commands/referrals/list';
import { startTestStore, TestStore } from '../support/store';
import { runCommand, runCommandJson } from '../support/inProcessCli';
import { CliEnv, cliEnv, unwrapped } from './runCli';

let store: TestStore;
let env: CliEnv;

beforeAll(async () => {
  store = await startTestStore({ database: 'cli_place_flags' });
  env = cliEnv(store, 'cli_place_flags');
  const added = await runCommandJson<AddResult>(
    ['referrals', 'add', '--id', 'pf-medellin', '--name', 'Punto PRO', '--organization', 'OIM', '--services', 'orientation', '--municipality', '05001', '--phone', '123', '--verified-at', '2025-11-20', '--actor', 'maria'],
    env,
  );
  expect(added.code).toBe(0);
});
afterAll(async () => {
  await store.destroy();
});

interface ErrorJson {
  error: { name: string; message: string; exitCode: number; details?: { flag?: string; value?: string } };
}

describe('pro referrals list: place flags given as digits', () => {
  it.each<[string[], RegExp[]]>([
    [['--department', '5'], [/department codes have 2 digits/, /Did you mean 05 \(Antioquia\)\?/]],
    [['--department', '42'], [/is not the code of any department/]],
    [['--department', '054'], [/department codes have 2 digits/]],
    [['--department', '54001'], [/54001 is Cúcuta \(Norte de Santander\): use --municipality 54001/]],
    [['--municipality', '5001'], [/municipality codes have 5 digits/, /Did you mean 05001 \(Medellín \(Antioquia\)\)\?/]],
    [['--municipality', '99999'], [/is not the code of any municipality/]],
    [['--municipality', '54'], [/54 is Norte de Santander: use --department 54/]],
    [['--municipality', '123'], [/municipality codes have 5 digits/]],
  ])('%j exits 2 naming the flag and value, with an example', async (flags, reasons) => {
    const [text, json] = await Promise.all([runCommand(['referrals', 'list', ...flags], env), runCommandJson<ErrorJson>(['referrals', 'list', ...flags], env)]);
    const [flag, value] = flags;
    const example = flag === '--department' ? '--department 05 (Antioquia)' : '--municipality 05001 (Medellín)';
    expect(text.code).toBe(2);
    expect(text.stdout).toBe('');
    const message = unwrapped(text.stderr);
    expect(message).toContain(`${flag} "${value}"`);
    expect(message).toContain(example);
    for (const reason of reasons) expect(message).toMatch(reason);
    expect(json.code).toBe(2);
    expect(json.json.error).toMatchObject({ name: 'CliInputError', exitCode: 2, details: { flag, value } });
  });

  it('refuses a municipality that is not in the given department', async () => {
    const run = await runCommand(['referrals', 'list', '--department', '05', '--municipality', '54001'], env);
    expect(run.code).toBe(2);
    expect(unwrapped(run.stderr)).toContain('--municipality 54001 is Cúcuta (Norte de Santander), not in --department 05 (Antioquia)');
  });

  it('real codes and names work as before (a real place with nothing in it is still exit 0)', async () => {
    const list = async (...flags: string[]): Promise<[number, string[]]> => {
      const run = await runCommandJson<ListResult>(['referrals', 'list', ...flags], env);
      return [run.code, run.json.referrals.map((r) => r.id)];
    };
    const results = await Promise.all([
      list('--department', '05'),
      list('--department', ' 05 '),
      list('--municipality', '05001'),
      list('--department', '05', '--municipality', '05001'),
      list('--municipality', 'medellin'),
      list('--department', 'Antioquia'),
      list('--department', '99'), // Vichada: a real department, no referrals there
      list('--municipality', '99001'), // Puerto Carreño (Vichada)
    ]);
    expect(results).toEqual([
      [0, ['pf-medellin']],
      [0, ['pf-medellin']],
      [0, ['pf-medellin']],
      [0, ['pf-medellin']],
      [0, ['pf-medellin']],
      [0, ['pf-medellin']],
      [0, []],
      [0, []],
    ]);
  });
});

describe('pro referrals add / update: place flags given as digits', () => {
  it('add with a code that lost its leading zero exits 2 and writes nothing', async () => {
    const run = await runCommand(
      ['referrals', 'add', '--id', 'pf-bad', '--name', 'X', '--organization', 'OIM', '--services', 'legal', '--municipality', '5001', '--phone', '123', '--actor', 'maria'],
      env,
    );
    expect(run.code).toBe(2);
    expect(unwrapped(run.stderr)).toContain('--municipality "5001" is not a DIVIPOLA code');
    expect(unwrapped(run.stderr)).toContain('Did you mean 05001 (Medellín (Antioquia))?');
    const show = await runCommand(['referrals', 'show', 'pf-bad'], env);
    expect(show.code).toBe(2);
  });

  it('update with an unknown department code exits 2 and leaves the entry as it was', async () => {
    const run = await runCommand(['referrals', 'update', 'pf-medellin', '--department', '42', '--actor', 'maria'], env);
    expect(run.code).toBe(2);
    expect(unwrapped(run.stderr)).toContain('--department "42" is not the code of any department in DIVIPOLA');
    const list = await runCommandJson<ListResult>(['referrals', 'list', '--department', '05'], env);
    expect(list.json.referrals.map((r) => r.id)).toEqual(['pf-medellin']);
  });
});
