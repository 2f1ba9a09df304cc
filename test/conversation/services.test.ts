/**
 * "Servicios cerca de mí" end to end: an admin imports a directory with the built `pro` CLI, then a
 * person finds services by need and by place name, by location pin and by the place remembered from
 * last time. Inactive entries are never shown; a CLI change shows on the very next search.
 * Every entry below is a made-up example for tests (names start with "Ejemplo").
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cliEnv, runCli } from '../cli/runCli';
import { allText, lastChoices, startConversation, TestConversation } from '../support/conversation';
import { startTestStore, TestStore } from '../support/store';

jest.setTimeout(60000);

const HEADER = 'id,name,organization,services,department_code,municipality_code,address,latitude,longitude,phone,whatsapp,email,url,hours,populations,languages,verified_at,active';
const row = (id: string, name: string, services: string, municipality: string, lat: string, lon: string, active = 'true'): string =>
  [id, name, 'Organización de ejemplo', services, municipality.slice(0, 2), municipality, 'Calle 1 # 2-3', lat, lon, '+576075755555', '', '', '', 'Lunes a viernes 8:00-17:00', 'migrants', 'es', '2026-11-20', active].join(',');

const CSV = [
  HEADER,
  // Cúcuta, legal aid at increasing distances from the centre (7.8939, -72.5078).
  row('ex-legal-1', 'Ejemplo Legal Uno', 'legal', '54001', '7.8940', '-72.5080'),
  row('ex-legal-2', 'Ejemplo Legal Dos', 'legal;orientation', '54001', '7.9000', '-72.5100'),
  row('ex-legal-3', 'Ejemplo Legal Tres', 'legal', '54001', '7.9100', '-72.5200'),
  row('ex-legal-4', 'Ejemplo Legal Cuatro', 'legal', '54001', '7.9200', '-72.5300'),
  row('ex-legal-5', 'Ejemplo Legal Cinco', 'legal', '54001', '7.9300', '-72.5400'),
  row('ex-legal-6', 'Ejemplo Legal Seis', 'legal', '54001', '7.9400', '-72.5500'),
  row('ex-legal-closed', 'Ejemplo Legal Cerrado', 'legal', '54001', '7.8941', '-72.5079', 'false'),
  // Villa del Rosario, orientation.
  row('ex-orient-vdr', 'Ejemplo Orientación Villa', 'orientation', '54874', '7.8336', '-72.4742'),
].join('\n');

describe('services near me', () => {
  let store: TestStore;
  let env: Record<string, string>;

  beforeAll(async () => {
    store = await startTestStore();
    env = cliEnv(store, 'probot');
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'probot-services-')), 'directory.csv');
    writeFileSync(file, CSV);
    const seed = await runCli(['db', 'init', '--seed'], env);
    expect(seed.code).toBe(0);
    const imported = await runCli(['referrals', 'import', file, '--actor', 'test-admin'], env);
    expect(imported).toMatchObject({ code: 0 });
  });
  afterAll(() => store.destroy());

  async function consented(): Promise<TestConversation> {
    const conversation = startConversation(store);
    await conversation.say('hola');
    await conversation.say('consent_yes');
    return conversation;
  }

  it('finds services by need and place name, nearest page first, never the inactive one, then pages on', async () => {
    const c = await consented();
    expect(lastChoices(await c.say('services'))).toEqual(['orientation', 'documentation', 'legal', 'health', 'mental_health', 'gbv', 'child_protection', 'education', 'employment', 'other_needs']);
    expect(allText(await c.say('Asesoría legal'))).toContain('¿En qué municipio estás?');

    const first = await c.say('cucuta');
    const text = allText(first);
    expect(text).toContain('Cúcuta (Norte de Santander)');
    expect(text).toContain('📞 +57 607 5755555');
    expect(text).toContain('Lunes a viernes 8:00-17:00');
    expect(lastChoices(first)).toEqual(['more_results', 'other_need', 'other_place', 'back_to_menu']);

    const second = allText(await c.say('ver más'));
    expect(second).toContain('Líneas nacionales');
    // Five on the first page, the sixth on the next; the inactive entry on neither.
    const names = (page: string): string[] => page.match(/Ejemplo Legal \w+/g) ?? [];
    expect(names(text)).toHaveLength(5);
    expect([...names(text), ...names(second)].sort()).toEqual(
      ['Ejemplo Legal Cinco', 'Ejemplo Legal Cuatro', 'Ejemplo Legal Dos', 'Ejemplo Legal Seis', 'Ejemplo Legal Tres', 'Ejemplo Legal Uno'],
    );
  });

  it('finds the nearest services to a shared location pin, with distances', async () => {
    const c = await consented();
    await c.say('services');
    await c.say('orientation');
    const replies = await c.send({ text: '', value: { location: { latitude: 7.835, longitude: -72.475 } } });
    const text = allText(replies);
    expect(text).toContain('tu ubicación');
    expect(text.indexOf('Ejemplo Orientación Villa')).toBeLessThan(text.indexOf('Ejemplo Legal Dos'));
    expect(text).toMatch(/a 0\.\d km/);
  });

  it('offers the place remembered from last time', async () => {
    const c = await consented();
    await c.say('services');
    await c.say('legal');
    await c.say('Cucuta');
    await c.say('back_to_menu');
    await c.say('services');
    const ask = await c.say('legal');
    expect(allText(ask)).toContain('¿Buscamos en *Cúcuta (Norte de Santander)*?');
    expect(allText(await c.say('use_remembered'))).toContain('Servicios de *Asesoría legal* cerca de *Cúcuta (Norte de Santander)*');
  });

  it('asks for the department when a name is shared, and gives national lines when nothing is near', async () => {
    const c = await consented();
    await c.say('services');
    await c.say('gbv');
    const ask = await c.say('la union');
    expect(allText(ask)).toContain('varios lugares');
    expect(lastChoices(ask)).toContain('52399');
    const none = allText(await c.say('52399'));
    expect(none).toContain('No tengo registrados servicios');
    expect(none).toContain('155');
  });

  it('after two unknown places it stops asking and gives the national lines', async () => {
    const c = await consented();
    await c.say('services');
    await c.say('other_needs');
    await c.say('food');
    expect(allText(await c.say('zzxxqq'))).toContain('No encontré');
    const giveUp = allText(await c.say('qqzzxx'));
    expect(giveUp).toContain('líneas nacionales');
    expect(giveUp).toContain('01 8000 180588');
  });

  it('shows a CLI change on the very next search (no restart, no cache)', async () => {
    const removed = await runCli(['referrals', 'remove', 'ex-legal-1', '--yes', '--actor', 'test-admin'], env);
    expect(removed.code).toBe(0);
    const c = await consented();
    await c.say('services');
    await c.say('legal');
    const text = allText(await c.say('cucuta'));
    expect(text).not.toContain('Ejemplo Legal Uno');
    expect(text).toContain('Ejemplo Legal Dos');
  });

  it('works in English too', async () => {
    const c = startConversation(store, { env: { DEFAULT_LOCALE: 'en' } });
    await c.say('hello');
    await c.say('consent_yes');
    await c.say('services');
    await c.say('legal');
    const text = allText(await c.say('Villa del Rosario'));
    // Nothing legal in Villa del Rosario itself: the rest of its department comes next.
    expect(text).toContain('services near *Villa del Rosario (Norte de Santander)*');
    expect(text).toContain('Ejemplo Legal');
    expect(text).toContain('Cúcuta (Norte de Santander)');
  });
});
