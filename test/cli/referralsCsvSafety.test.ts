/**
 * CSV injection, through the built CLI: cells a spreadsheet would run as formulas leave the export as
 * text (a leading `'`), numbers and E.164 phones stay as they are, and import reads the export back losslessly.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { REFERRAL_COLUMNS } from '../../bot/referrals';
import type { ShowResult } from '../../cli/commands/referrals/show';
import { startTestStore, TestStore } from '../support/store';
import { runCommand, runCommandJson } from '../support/inProcessCli';
import { CliEnv, cliEnv } from './runCli';

let store: TestStore;
let env: CliEnv;
let dir: string;

beforeAll(async () => {
  store = await startTestStore({ database: 'cli_csv_safety' });
  env = cliEnv(store, 'cli_csv_safety');
  dir = mkdtempSync(path.join(os.tmpdir(), 'probot-cli-csv-'));
});
afterAll(async () => {
  await store.destroy();
  rmSync(dir, { recursive: true, force: true });
});

const HEADER = REFERRAL_COLUMNS.join(',');
const ROWS = [
  // A planted formula in every free-text column, a south-west location (negative numbers) and E.164 phones.
  'csv-formula,"=HYPERLINK(""http://evil.example"",""Abrir"")","+cmd|\' /C calc\'!A0","legal","91","91001","-2+3 Calle 10","-4.2153","-69.9406","+57 604 5555555;+57 305 7341182","+57 305 7341182",,https://example.org,"@SUM(A1:A9)",,,2025-11-20,true',
  // Quoted by a person the way a spreadsheet does ('=…): read as the text after the quote; a quote before ordinary text is kept.
  "csv-quoted,'=1+1 literal,OIM,orientation,,,,,,155,,,,'hola,,,2025-11-01,true",
];

const FORMULA_START = /^[=+\-@\t\r]/;

function cellsOf(csv: string): Record<string, string>[] {
  return parse(csv, { columns: true, bom: true }) as Record<string, string>[];
}

it('export quotes formula-like cells, keeps numbers and E.164 phones, and import reads it back losslessly', async () => {
  const source = path.join(dir, 'planted.csv');
  writeFileSync(source, `${[HEADER, ...ROWS].join('\n')}\n`);
  expect((await runCommand(['referrals', 'import', source], env)).code).toBe(0);

  const first = await runCommand(['referrals', 'export'], env);
  expect(first.code).toBe(0);
  const rows = cellsOf(first.stdout);
  const planted = rows.find((r) => r.id === 'csv-formula') as Record<string, string>;
  expect(planted).toMatchObject({
    name: `'=HYPERLINK("http://evil.example","Abrir")`,
    organization: `'+cmd|' /C calc'!A0`,
    address: "'-2+3 Calle 10",
    hours: "'@SUM(A1:A9)",
    latitude: '-4.2153',
    longitude: '-69.9406',
    phone: '+576045555555;+573057341182',
    whatsapp: '+573057341182',
  });
  const numberOrPhone = new Set(['latitude', 'longitude', 'phone', 'whatsapp']);
  for (const row of rows) {
    for (const [column, cell] of Object.entries(row)) {
      if (!numberOrPhone.has(column)) expect(FORMULA_START.test(cell) ? `${column}: ${cell}` : '').toBe('');
    }
  }
  expect(rows.find((r) => r.id === 'csv-quoted')).toMatchObject({ name: "'=1+1 literal", hours: "'hola" });

  // The values stored carry no quote added for the spreadsheet.
  const shown = await runCommandJson<ShowResult>(['referrals', 'show', 'csv-quoted'], env);
  expect(shown.json.referral).toMatchObject({ name: '=1+1 literal', hours: "'hola" });

  const exported = path.join(dir, 'export.csv');
  writeFileSync(exported, first.stdout);
  const copyEnv = { ...env, COSMOS_DATABASE: 'cli_csv_safety_copy' };
  expect((await runCommand(['referrals', 'import', exported], copyEnv)).code).toBe(0);
  const [again, original, copy] = await Promise.all([
    runCommand(['referrals', 'export'], copyEnv),
    runCommandJson<ShowResult>(['referrals', 'show', 'csv-formula'], env),
    runCommandJson<ShowResult>(['referrals', 'show', 'csv-formula'], copyEnv),
  ]);
  expect(again.stdout).toBe(first.stdout);
  expect(copy.json.referral).toEqual(original.json.referral);
  expect(original.json.referral.name).toBe('=HYPERLINK("http://evil.example","Abrir")');
  expect(readFileSync(exported, 'utf8')).toBe(again.stdout);
});
