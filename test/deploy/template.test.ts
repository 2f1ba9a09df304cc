/**
 * main.bicep kept valid by construction (no Bicep compiler runs here): every app setting the code
 * reads (bot/config.ts) is set by the template or listed as optional in deploymentTemplates/README.md,
 * every setting the template sets is one the code reads, the Key Vault secret names agree between
 * the template, that README's table and its `az keyvault secret set` lines, and the containers are
 * exactly bot/storage/containers.ts.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { containerSpecs } from '../../bot/storage/containers';

const ROOT = path.resolve(__dirname, '../..');
const read = (file: string): string => readFileSync(path.join(ROOT, file), 'utf8');
const template = read('deploymentTemplates/main.bicep');
const readme = read('deploymentTemplates/README.md');
const config = read('bot/config.ts');

const all = (text: string, pattern: RegExp): string[][] => [...text.matchAll(pattern)].map((m) => m.slice(1));
/** The README section under `## title`, up to the next `## `. */
const section = (title: string): string => {
  const start = readme.indexOf(`\n## ${title}`);
  expect(start).toBeGreaterThan(-1);
  const end = readme.indexOf('\n## ', start + 4);
  return readme.slice(start, end < 0 ? undefined : end);
};

const readByCode = new Set(all(config, /\(env, '([A-Za-z0-9_]+)'/g).map(([name]) => name));
const settings = all(template, /\{ name: '([A-Za-z0-9_]+)', value: /g).map(([name]) => name);
/** The platform's own settings (App Service reads them, not the bot). */
const PLATFORM = ['SCM_DO_BUILD_DURING_DEPLOYMENT'];
const optional = new Set(all(section('App settings the template does not set'), /`([A-Za-z0-9_]+)`/g).map(([name]) => name));
/** app setting → Key Vault secret, as the template references it. */
const templateSecrets = Object.fromEntries(all(template, /\{ name: '([A-Za-z0-9_]+)', value: '\$\{secret\}([A-Za-z0-9]+)\)' \}/g));
const readmeSecrets = Object.fromEntries(all(section('3. The secrets'), /^\| `([A-Za-z0-9]+)` \| `([A-Za-z0-9_]+)` \|/gm).map(([secret, setting]) => [setting, secret]));

describe('deployment template', () => {
  it('reads the settings from bot/config.ts (the parse found them)', () => {
    expect(readByCode.size).toBeGreaterThan(20);
    expect(settings.length).toBeGreaterThan(10);
  });

  it('sets, or documents as optional, every app setting the code reads', () => {
    expect([...readByCode].filter((name) => !settings.includes(name) && !optional.has(name))).toEqual([]);
  });

  it('sets only settings the code or the platform reads, each once', () => {
    expect(settings.filter((name) => !readByCode.has(name) && !PLATFORM.includes(name))).toEqual([]);
    expect(settings.filter((name, i) => settings.indexOf(name) !== i)).toEqual([]);
    expect([...optional].filter((name) => settings.includes(name))).toEqual([]);
  });

  it('names the same Key Vault secrets as the README, for settings the code reads', () => {
    expect(Object.keys(templateSecrets).length).toBeGreaterThanOrEqual(7);
    expect(templateSecrets).toEqual(readmeSecrets);
    for (const setting of Object.keys(templateSecrets)) expect(readByCode.has(setting)).toBe(true);
    const setInReadme = all(readme, /az keyvault secret set --vault-name \$VAULT --name ([A-Za-z0-9]+)/g).map(([name]) => name);
    expect([...new Set(setInReadme)].sort()).toEqual(Object.values(templateSecrets).sort());
  });

  it('creates exactly the containers the code uses, with their partition keys and TTLs', () => {
    const defaultTtlDays = Number(/param stateTtlDays int = (\d+)/.exec(template)?.[1]);
    const inTemplate = all(template, /\{ name: '([a-z-]+)', pk: '([^']+)', ttl: ([A-Za-z0-9-]+) \}/g).map(([id, pk, ttl]) => ({
      id,
      partitionKey: pk,
      ttl: ttl === 'stateTtlSeconds' ? defaultTtlDays * 24 * 3600 : Number(ttl),
    }));
    const inCode = containerSpecs(defaultTtlDays).map((spec) => ({ id: spec.id, partitionKey: spec.partitionKey.paths?.[0], ttl: spec.defaultTtl ?? -1 }));
    expect(inTemplate).toEqual(inCode);
    // Both create version-2 (large) partition keys: the SDK's cheaper bulk hash (containers.ts).
    expect(template).toContain("partitionKey: { paths: [ c.pk ], kind: 'Hash', version: 2 }");
    expect(new Set(containerSpecs(defaultTtlDays).map((spec) => spec.partitionKey.version))).toEqual(new Set([2]));
  });

  it('targets a supported Node LTS and an engines range that includes it', () => {
    const allowed = all(template, /^\s+'(\d+)-lts'$/gm).map(([major]) => major);
    expect(allowed.sort()).toEqual(['22', '24']);
    expect(template).toContain("linuxFxVersion: 'NODE|${nodeVersion}'");
    const engines = (JSON.parse(read('package.json')) as { engines: { node: string } }).engines.node;
    for (const major of ['20', ...allowed]) expect(engines).toContain(`^${major}.`);
  });
});
