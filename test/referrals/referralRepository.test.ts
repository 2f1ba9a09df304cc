import type { Container } from '@azure/cosmos';
import { NATIONAL_PARTITION, nationalLineSeed, ReferralConflictError, ReferralExistsError, ReferralNotFoundError, ReferralRepository, seedNationalLines } from '../../bot/referrals';
import { ReferralWriteError } from '../../bot/referrals/referralErrors';
import { startTestStore, TestStore } from '../support/store';
import { nationalLine, referral } from './referralFixtures';

let store: TestStore;
let repo: ReferralRepository;

beforeAll(async () => {
  store = await startTestStore();
  repo = new ReferralRepository(store.containers.referrals, store.containers.audit);
});
afterAll(async () => {
  await store.destroy();
});

async function rawDocuments(id: string): Promise<{ id: string; partitionKey: string }[]> {
  const { resources } = await store.containers.referrals.items
    .query<{ id: string; partitionKey: string }>({ query: 'SELECT c.id, c.partitionKey FROM c WHERE c.id = @id', parameters: [{ name: '@id', value: id }] })
    .fetchAll();
  return resources;
}

describe('ReferralRepository', () => {
  it('adds an entry in its department partition, audits it, and refuses the same id twice', async () => {
    const added = await repo.add(referral({ id: 'repo-add', name: 'Punto PRO Cúcuta' }), 'maria');
    expect(added).toMatchObject({ updatedBy: 'maria', referral: { id: 'repo-add', name: 'Punto PRO Cúcuta' } });
    expect(added.etag).not.toBe('');
    expect(await rawDocuments('repo-add')).toEqual([{ id: 'repo-add', partitionKey: '54' }]);
    await expect(repo.add(referral({ id: 'repo-add', departmentCode: '05', municipalityCode: '05001' }), 'maria')).rejects.toBeInstanceOf(ReferralExistsError);
    const history = await repo.history('repo-add');
    expect(history).toEqual([expect.objectContaining({ entityId: 'repo-add', action: 'add', actor: 'maria', before: null, after: expect.objectContaining({ id: 'repo-add' }) })]);
  });

  it('stores national lines in the "national" partition', async () => {
    await repo.add(nationalLine('repo-national'), 'maria');
    expect(await rawDocuments('repo-national')).toEqual([{ id: 'repo-national', partitionKey: NATIONAL_PARTITION }]);
  });

  it('updates with optimistic concurrency: a stale ETag is refused and nothing is written', async () => {
    const first = await repo.add(referral({ id: 'repo-update' }), 'maria');
    const outcome = await repo.update({ ...first.referral, hours: '24/7' }, first.etag, 'juan');
    expect(outcome.changed).toEqual(['hours']);
    expect(outcome.after.etag).not.toBe(first.etag);
    await expect(repo.update({ ...first.referral, hours: 'never' }, first.etag, 'pedro')).rejects.toBeInstanceOf(ReferralConflictError);
    expect((await repo.get('repo-update'))?.referral.hours).toBe('24/7');
    const history = await repo.history('repo-update');
    expect(history.map((h) => [h.action, h.actor])).toEqual([
      ['add', 'maria'],
      ['update', 'juan'],
    ]);
    expect(history[1]).toMatchObject({ before: { id: 'repo-update' }, after: { hours: '24/7' } });
    expect(history[1].before).not.toHaveProperty('hours');
  });

  it('writes nothing when an update changes nothing', async () => {
    const stored = await repo.add(referral({ id: 'repo-same' }), 'maria');
    const outcome = await repo.update(stored.referral, stored.etag, 'juan');
    expect(outcome.changed).toEqual([]);
    expect((await repo.get('repo-same'))?.etag).toBe(stored.etag);
    expect(await repo.history('repo-same')).toHaveLength(1);
  });

  it('moves an entry to its new department partition when the department changes', async () => {
    const stored = await repo.add(referral({ id: 'repo-move' }), 'maria');
    await repo.update({ ...stored.referral, departmentCode: '05', municipalityCode: '05001' }, stored.etag, 'juan');
    expect(await rawDocuments('repo-move')).toEqual([{ id: 'repo-move', partitionKey: '05' }]);
    expect((await repo.get('repo-move'))?.referral.municipalityCode).toBe('05001');
  });

  it('fails clearly when updating an id that does not exist', async () => {
    await expect(repo.update(referral({ id: 'repo-ghost' }), 'x', 'maria')).rejects.toBeInstanceOf(ReferralNotFoundError);
  });

  it('deactivates (kept, hidden) and deletes (gone, audited); doing either again is not an error', async () => {
    await repo.add(referral({ id: 'repo-remove' }), 'maria');
    expect(await repo.deactivate('repo-remove', 'juan')).toBe('deactivated');
    expect(await repo.deactivate('repo-remove', 'juan')).toBe('already_inactive');
    expect((await repo.get('repo-remove'))?.referral.active).toBe(false);
    expect(await repo.delete('repo-remove', 'juan')).toBe('deleted');
    expect(await repo.delete('repo-remove', 'juan')).toBe('not_found');
    expect(await repo.deactivate('repo-remove', 'juan')).toBe('not_found');
    expect(await repo.get('repo-remove')).toBeUndefined();
    const history = await repo.history('repo-remove');
    expect(history.map((h) => h.action)).toEqual(['add', 'remove', 'delete']);
    expect(history[2]).toMatchObject({ before: { id: 'repo-remove', active: false }, after: null });
  });
});

describe('ReferralRepository.list', () => {
  beforeAll(async () => {
    await repo.importReferrals(
      [
        referral({ id: 'list-cucuta-legal', services: ['legal'], name: 'Consultorio Jurídico' }),
        referral({ id: 'list-cucuta-health', services: ['health'], address: 'Calle de la Salud' }),
        referral({ id: 'list-rosario', municipalityCode: '54874', services: ['legal'] }),
        referral({ id: 'list-medellin', departmentCode: '05', municipalityCode: '05001', services: ['legal', 'shelter'], populations: ['mujeres'] }),
        referral({ id: 'list-inactive', services: ['legal'], active: false }),
        nationalLine('list-national', { services: ['legal'] }),
      ],
      'maria',
    );
  });

  const ids = async (filter: Parameters<ReferralRepository['list']>[0]): Promise<string[]> => (await repo.list(filter)).map((s) => s.referral.id).filter((id) => id.startsWith('list-'));

  it('filters by department, municipality, service and words; active only unless asked', async () => {
    expect(await ids({ departmentCode: '05' })).toEqual(['list-medellin']);
    expect(await ids({ municipalityCode: '54874' })).toEqual(['list-rosario']);
    expect(await ids({ municipalityCode: '54001', service: 'legal' })).toEqual(['list-cucuta-legal']);
    expect(await ids({ municipalityCode: '54001', service: 'legal', includeInactive: true })).toEqual(['list-cucuta-legal', 'list-inactive'].sort());
    expect(await ids({ search: 'JURIDICO' })).toEqual(['list-cucuta-legal']);
    expect(await ids({ search: 'salud' })).toEqual(['list-cucuta-health']);
    expect(await ids({ search: 'medellín' })).toEqual(['list-medellin']);
    expect(await ids({ search: 'Mujeres' })).toEqual(['list-medellin']);
  });

  it('adds national lines to a local query only when asked', async () => {
    expect(await ids({ municipalityCode: '54001', service: 'legal', includeNational: true })).toEqual(['list-national', 'list-cucuta-legal']);
    expect(await ids({ departmentCode: '05', includeNational: true })).toEqual(['list-national', 'list-medellin']);
    expect(await ids({ nationalOnly: true })).toEqual(['list-national']);
  });

  it('finds entries inside a box of coordinates', async () => {
    await repo.add(referral({ id: 'list-located', latitude: 7.8939, longitude: -72.5078 }), 'maria');
    expect(await ids({ within: { minLatitude: 7, maxLatitude: 8, minLongitude: -73, maxLongitude: -72 } })).toEqual(['list-located']);
    expect(await ids({ within: { minLatitude: 4, maxLatitude: 5, minLongitude: -75, maxLongitude: -74 } })).toEqual([]);
  });
});

describe('ReferralRepository.importReferrals', () => {
  it('is all or nothing: one write refused mid-import undoes the others and leaves no audit entry', async () => {
    const kept = await repo.add(referral({ id: 'roll-kept', name: 'Antes' }), 'maria');
    const stale = await repo.add(referral({ id: 'roll-stale', name: 'Antes' }), 'maria');
    // The real container, except that before its second bulk request someone edits 'roll-stale',
    // so that entry's replace (read with the old ETag) is refused by the store.
    let bulkCalls = 0;
    const items = store.containers.referrals.items;
    const racing = new Proxy(store.containers.referrals, {
      get(target, prop, receiver) {
        if (prop !== 'items') return Reflect.get(target, prop, receiver);
        return new Proxy(items, {
          get(itemsTarget, name, itemsReceiver) {
            if (name !== 'bulk') return Reflect.get(itemsTarget, name, itemsReceiver);
            return async (...args: Parameters<typeof items.bulk>) => {
              if (++bulkCalls === 2) await repo.update({ ...stale.referral, hours: 'editado por juan' }, stale.etag, 'juan');
              return items.bulk(...args);
            };
          },
        });
      },
    }) as Container;
    const importer = new ReferralRepository(racing, store.containers.audit);
    const rows = [referral({ id: 'roll-kept', name: 'Después' }), ...Array.from({ length: 148 }, (_, i) => referral({ id: `roll-new-${i}` })), referral({ id: 'roll-stale', name: 'Después' })];
    const failure = await importer.importReferrals(rows, 'maria').catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(ReferralWriteError);
    expect((failure as ReferralWriteError).failures).toEqual([{ id: 'roll-stale', statusCode: 412 }]);
    expect((failure as Error).message).toContain('nothing was imported');
    // Every other write was undone: no new entry, the replaced one back as it was; juan's edit stays.
    expect(await rawDocuments('roll-new-0')).toEqual([]);
    expect(await rawDocuments('roll-new-147')).toEqual([]);
    expect((await repo.get('roll-kept'))?.referral.name).toBe(kept.referral.name);
    expect((await repo.get('roll-stale'))?.referral).toMatchObject({ name: 'Antes', hours: 'editado por juan' });
    expect((await repo.history('roll-kept')).map((h) => h.action)).toEqual(['add']);
  });

  it('creates, updates, moves and leaves identical entries alone, auditing each change', async () => {
    const first = await repo.importReferrals([referral({ id: 'imp-a' }), referral({ id: 'imp-b' }), referral({ id: 'imp-c' })], 'maria');
    expect(first).toMatchObject({ created: 3, updated: 0, unchanged: 0, dryRun: false });
    const progress: number[] = [];
    const second = await repo.importReferrals(
      [referral({ id: 'imp-a' }), referral({ id: 'imp-b', hours: '24/7' }), referral({ id: 'imp-c', departmentCode: '05', municipalityCode: '05001' }), referral({ id: 'imp-d' })],
      'juan',
      { onProgress: (done) => progress.push(done) },
    );
    expect(second).toMatchObject({ created: 1, updated: 2, unchanged: 1 });
    expect(progress[progress.length - 1]).toBe(4); // b replaced, c created + old deleted, d created
    expect(await rawDocuments('imp-c')).toEqual([{ id: 'imp-c', partitionKey: '05' }]);
    expect((await repo.get('imp-b'))?.referral.hours).toBe('24/7');
    const historyB = await repo.history('imp-b');
    expect(historyB.map((h) => [h.action, h.actor])).toEqual([
      ['import', 'maria'],
      ['import', 'juan'],
    ]);
    expect(historyB[1].batchId).toBe(second.batchId);
    expect(await repo.history('imp-a')).toHaveLength(1);
  });

  it('writes nothing on a dry run but reports what would change', async () => {
    const outcome = await repo.importReferrals([referral({ id: 'imp-dry' }), referral({ id: 'imp-a' })], 'maria', { dryRun: true });
    expect(outcome).toMatchObject({ created: 1, unchanged: 1, dryRun: true });
    expect(await repo.get('imp-dry')).toBeUndefined();
    expect(await repo.history('imp-dry')).toEqual([]);
  });
});

describe('seedNationalLines', () => {
  it('ships valid, real national lines (PRO, 123, 155, 141, anti-trafficking, Migración Colombia)', () => {
    const seed = nationalLineSeed();
    const phones = seed.flatMap((r) => r.phone);
    expect(phones).toEqual(expect.arrayContaining(['018000180588', '123', '155', '141', '018000522020', '018000423701']));
    expect(seed.find((r) => r.id === 'national-pro-line')?.whatsapp).toEqual(['+573057341182']);
    for (const line of seed) {
      expect(line.departmentCode).toBeUndefined();
      expect(line.address).toBeUndefined();
    }
  });

  it('fills an empty national partition once and never again', async () => {
    const fresh = await startTestStore();
    try {
      const freshRepo = new ReferralRepository(fresh.containers.referrals, fresh.containers.audit);
      expect(await seedNationalLines(freshRepo)).toBe(nationalLineSeed().length);
      await freshRepo.deactivate('national-emergency-123', 'maria');
      expect(await seedNationalLines(freshRepo)).toBe(0);
      expect((await freshRepo.get('national-emergency-123'))?.referral.active).toBe(false);
      expect((await freshRepo.history('national-pro-line'))[0]).toMatchObject({ action: 'import', actor: 'pro-bot (seed)' });
    } finally {
      await fresh.destroy();
    }
  });

  it('seeds once when several instances start together on a fresh store (none fails with 409)', async () => {
    const fresh = await startTestStore();
    try {
      const instances = [1, 2, 3].map(() => new ReferralRepository(fresh.containers.referrals, fresh.containers.audit));
      const seeded = await Promise.all(instances.map((r) => seedNationalLines(r)));
      expect(seeded.reduce((a, b) => a + b, 0)).toBe(nationalLineSeed().length);
      const { resources } = await fresh.containers.referrals.items.query({ query: 'SELECT VALUE c.id FROM c' }).fetchAll();
      expect([...resources].sort()).toEqual(nationalLineSeed().map((r) => r.id).sort());
    } finally {
      await fresh.destroy();
    }
  });
});
