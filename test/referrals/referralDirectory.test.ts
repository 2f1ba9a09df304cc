import { DirectoryQueryError, distanceKm, ReferralDirectory, ReferralRepository } from '../../bot/referrals';
import { startTestStore, TestStore } from '../support/store';
import { nationalLine, referral } from './referralFixtures';

/** Places used below (approximate centres). */
const CUCUTA = { lat: 7.8939, lon: -72.5078 };
const ROSARIO = { lat: 7.8336, lon: -72.4742 };
const BOGOTA = { lat: 4.711, lon: -74.0721 };

let store: TestStore;
let repo: ReferralRepository;
let directory: ReferralDirectory;

beforeAll(async () => {
  store = await startTestStore();
  repo = new ReferralRepository(store.containers.referrals, store.containers.audit);
  directory = new ReferralDirectory(repo);
  await repo.importReferrals(
    [
      // Cúcuta: two located (one near the centre, one 3 km away), one without coordinates
      referral({ id: 'cuc-centre', name: 'Z Centro', services: ['legal'], latitude: 7.894, longitude: -72.508 }),
      referral({ id: 'cuc-north', name: 'A Norte', services: ['legal'], latitude: 7.92, longitude: -72.51 }),
      referral({ id: 'cuc-nocoords', name: 'B Sin coordenadas', services: ['legal'] }),
      // Villa del Rosario (same department), with and without coordinates
      referral({ id: 'ros-located', name: 'Rosario ubicado', municipalityCode: '54874', services: ['legal'], latitude: ROSARIO.lat, longitude: ROSARIO.lon }),
      referral({ id: 'ros-nocoords', name: 'Rosario sin coordenadas', municipalityCode: '54874', services: ['legal'] }),
      // Department-wide entry (no municipality)
      referral({ id: 'dept-wide', name: 'Gobernación', municipalityCode: undefined, services: ['legal', 'health'] }),
      referral({ id: 'cuc-health', name: 'Hospital', services: ['health'], latitude: 7.9, longitude: -72.5 }),
      referral({ id: 'cuc-inactive', name: 'Cerrado', services: ['legal'], latitude: 7.8939, longitude: -72.5078, active: false }),
      // Bogotá, far away
      referral({ id: 'bog-legal', name: 'Bogotá jurídico', departmentCode: '11', municipalityCode: '11001', services: ['legal'], latitude: BOGOTA.lat, longitude: BOGOTA.lon }),
      nationalLine('nat-legal', { name: 'Línea jurídica nacional', services: ['legal'] }),
      nationalLine('nat-gbv', { name: 'Línea 155', services: ['gbv'] }),
    ],
    'test',
  );
});
afterAll(async () => {
  await store.destroy();
});

const ids = (results: { id: string }[]): string[] => results.map((r) => r.id);

describe('ReferralDirectory.findServices', () => {
  it('by municipality: that municipality first, then the rest of the department; active entries only', async () => {
    const page = await directory.findServices({ service: 'legal', municipalityCode: '54001', limit: 10 });
    expect(ids(page.results)).toEqual(['cuc-north', 'cuc-nocoords', 'cuc-centre', 'dept-wide', 'ros-nocoords', 'ros-located']); // by name within each group
    expect(page.hasMore).toBe(false);
  });

  it('with a location too: located entries nearest first, then the same municipality, then the department', async () => {
    const page = await directory.findServices({ service: 'legal', municipalityCode: '54001', near: CUCUTA, limit: 10 });
    expect(ids(page.results)).toEqual(['cuc-centre', 'cuc-north', 'ros-located', 'cuc-nocoords', 'dept-wide', 'ros-nocoords']);
    expect(page.results[0].distanceKm).toBeLessThan(0.1);
    expect(page.results[1].distanceKm).toBeCloseTo(distanceKm(CUCUTA, { lat: 7.92, lon: -72.51 }), 1);
    expect(page.results[3].distanceKm).toBeUndefined();
  });

  it('pages with limit and offset, saying when there is more', async () => {
    const query = { service: 'legal' as const, municipalityCode: '54001', near: CUCUTA };
    const first = await directory.findServices({ ...query, limit: 4 });
    const second = await directory.findServices({ ...query, limit: 4, offset: 4 });
    expect(first.hasMore).toBe(true);
    expect(second.hasMore).toBe(false);
    expect([...ids(first.results), ...ids(second.results)]).toEqual(['cuc-centre', 'cuc-north', 'ros-located', 'cuc-nocoords', 'dept-wide', 'ros-nocoords']);
  });

  it('a location pin alone searches by distance across departments, widening until it finds enough', async () => {
    const near = await directory.findServices({ service: 'legal', near: CUCUTA, limit: 2 });
    expect(ids(near.results)).toEqual(['cuc-centre', 'cuc-north']);
    expect(near.hasMore).toBe(true);
    const all = await directory.findServices({ service: 'legal', near: CUCUTA, limit: 10 });
    expect(ids(all.results)).toEqual(['cuc-centre', 'cuc-north', 'ros-located', 'bog-legal']);
    expect(all.hasMore).toBe(false);
    expect(all.results[3].distanceKm).toBeGreaterThan(300);
    const fromBogota = await directory.findServices({ service: 'legal', near: BOGOTA, limit: 1 });
    expect(ids(fromBogota.results)).toEqual(['bog-legal']);
  });

  it('appends national lines after local results when asked', async () => {
    const page = await directory.findServices({ service: 'legal', departmentCode: '11', includeNational: true, limit: 10 });
    expect(ids(page.results)).toEqual(['bog-legal', 'nat-legal']);
    const pin = await directory.findServices({ service: 'legal', near: BOGOTA, includeNational: true, limit: 10 });
    expect(ids(pin.results).slice(-1)).toEqual(['nat-legal']);
  });

  it('with neither place nor location: local services of every department, no national lines', async () => {
    const page = await directory.findServices({ service: 'health', limit: 10 });
    expect(ids(page.results).sort()).toEqual(['cuc-health', 'dept-wide']);
  });

  it('refuses a page size below 1', async () => {
    await expect(directory.findServices({ limit: 0 })).rejects.toBeInstanceOf(DirectoryQueryError);
  });

  it('sees a change made through the repository (e.g. by the CLI) on the next call: no cache', async () => {
    const before = await directory.findServices({ service: 'legal', departmentCode: '11', limit: 10 });
    expect(ids(before.results)).toEqual(['bog-legal']);
    await repo.deactivate('bog-legal', 'test');
    const after = await directory.findServices({ service: 'legal', departmentCode: '11', limit: 10 });
    expect(after.results).toEqual([]);
  });
});

describe('ReferralDirectory.nationalLines and get', () => {
  it('lists active national lines, optionally for one service', async () => {
    expect(ids(await directory.nationalLines())).toEqual(['nat-gbv', 'nat-legal']);
    expect(ids(await directory.nationalLines('gbv'))).toEqual(['nat-gbv']);
  });

  it('gets one active entry for a details view, not an inactive one', async () => {
    expect((await directory.get('cuc-centre'))?.name).toBe('Z Centro');
    expect(await directory.get('cuc-inactive')).toBeUndefined();
    expect(await directory.get('nope')).toBeUndefined();
  });
});
