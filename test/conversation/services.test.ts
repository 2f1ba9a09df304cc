/**
 * "Servicios cerca de mí" end to end: an admin imports a directory with the built `pro` CLI (run in
 * process), then a person finds services by need and by place name, by location pin and by the place
 * remembered from last time. Inactive entries are never shown; a CLI change shows on the very next search.
 * Every entry below is a made-up example for tests (names start with "Ejemplo").
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cliEnv } from '../cli/runCli';
import { runCommand } from '../support/inProcessCli';
import { allText, lastChoices, startConversation, TestConversation } from '../support/conversation';
import { startTestStore, TestStore } from '../support/store';

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
  // Bogotá, the only dining hall in the directory: about 400 km from Cúcuta.
  row('ex-food-bogota', 'Ejemplo Comedor Bogotá', 'food', '11001', '4.6097', '-74.0817'),
].join('\n');

describe('services near me', () => {
  let store: TestStore;
  let env: Record<string, string>;

  beforeAll(async () => {
    store = await startTestStore();
    env = cliEnv(store, 'probot');
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'probot-services-')), 'directory.csv');
    writeFileSync(file, CSV);
    const seed = await runCommand(['db', 'init', '--seed'], env);
    expect(seed.code).toBe(0);
    const imported = await runCommand(['referrals', 'import', file, '--actor', 'test-admin'], env);
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
    // A pin about 200 m away: "less than 1 km", never "a 0.0 km".
    expect(text).toContain('📍 Calle 1 # 2-3, Villa del Rosario (Norte de Santander) · a menos de 1 km');
    expect(text).not.toMatch(/0[.,]\d km/);
  });

  it('writes distances as the person\'s locale does: "a 2,2 km" in Spanish, "2.2 km away" in English', async () => {
    const pin = { text: '', value: { location: { latitude: 7.8939, longitude: -72.5078 } } };
    const es = await consented();
    await es.say('services');
    await es.say('legal');
    const spanish = allText(await es.send(pin));
    expect(spanish).toContain('Servicios de *Asesoría legal* cerca de *tu ubicación*');
    expect(spanish).toMatch(/· a \d,\d km/);
    expect(spanish).not.toMatch(/\d\.\d km/);

    const en = startConversation(store, { env: { DEFAULT_LOCALE: 'en' } });
    await en.say('hello');
    await en.say('consent_yes');
    await en.say('services');
    await en.say('legal');
    const english = allText(await en.send(pin));
    expect(english).toMatch(/· \d\.\d km away/);
    expect(english).toContain('less than 1 km away');
  });

  it('never calls a service 400 km away "near": says how far the nearest is, then the national lines', async () => {
    const c = await consented();
    await c.say('services');
    await c.say('other_needs');
    await c.say('food');
    // A pin in Cúcuta; the only dining hall is in Bogotá.
    const replies = await c.send({ text: '', value: { location: { latitude: 7.8939, longitude: -72.5078 } } });
    const text = allText(replies);
    expect(text).not.toContain('cerca de');
    expect(text).toContain('No encontré servicios de *Comida* a menos de 50 km de tu ubicación. El más cercano está a 405 km');
    expect(text).toContain('Ejemplo Comedor Bogotá');
    expect(text).toContain('Líneas nacionales');
    expect(text.indexOf('Ejemplo Comedor Bogotá')).toBeLessThan(text.indexOf('Líneas nacionales'));
    expect(lastChoices(replies)).toEqual(['other_need', 'other_place', 'back_to_menu']);
  });

  it.each([
    ['es', 'prefiero no decir', 'no hace falta que me digas dónde estás'],
    ['es', 'no_place', 'no hace falta que me digas dónde estás'],
    ['es', 'No quiero decir', 'no hace falta que me digas dónde estás'],
    ['en', "I'd rather not say", 'you do not have to tell me where you are'],
  ])('in %s, "%s" at the place question still gets the national lines, and no place is remembered', async (locale, answer, declined) => {
    const c = startConversation(store, { env: { DEFAULT_LOCALE: locale } });
    await c.say('hola');
    await c.say('consent_yes');
    await c.say('services');
    expect(lastChoices(await c.say('legal'))).toEqual(['no_place']);
    const text = allText(await c.say(answer));
    expect(text).toContain(declined);
    expect(text).toContain('01 8000 180588');
    await c.say('back_to_menu');
    await c.say('services');
    // Nothing was remembered: the place question is the plain one again.
    expect(lastChoices(await c.say('legal'))).toEqual(['no_place']);
  });

  it('a department search says "en", not "cerca de"', async () => {
    const c = await consented();
    await c.say('services');
    await c.say('legal');
    const text = allText(await c.say('Norte de Santander'));
    expect(text).toContain('Servicios de *Asesoría legal* en *Norte de Santander*');
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
    const removed = await runCommand(['referrals', 'remove', 'ex-legal-1', '--yes', '--actor', 'test-admin'], env);
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
    expect(text).toContain('I found no *Legal advice* services in *Villa del Rosario (Norte de Santander)*. These are in other municipalities of *Norte de Santander*');
    expect(text).not.toContain('near');
    expect(text).toContain('Ejemplo Legal');
    expect(text).toContain('Cúcuta (Norte de Santander)');
  });
});
