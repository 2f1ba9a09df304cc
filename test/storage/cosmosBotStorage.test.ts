import { CosmosBotStorage, documentIdFor, StorageConflictError } from '../../bot/storage/cosmosBotStorage';
import { startTestStore, TestStore } from '../support/store';

describe('CosmosBotStorage against the Cosmos-compatible server', () => {
  let store: TestStore;
  let storage: CosmosBotStorage;

  beforeAll(async () => {
    store = await startTestStore();
    storage = new CosmosBotStorage(store.containers.state, 3600);
  });
  afterAll(() => store.destroy());

  it('writes, reads and deletes an item, with keys that contain "/" and a phone number', async () => {
    const key = 'whatsapp/conversations/573001234567/';
    await storage.write({ [key]: { step: 2, locale: 'es' } });
    const read = await storage.read([key, 'missing/key']);
    expect(read[key]).toMatchObject({ step: 2, locale: 'es' });
    expect(typeof read[key].eTag).toBe('string');
    expect(read['missing/key']).toBeUndefined();
    await storage.delete([key]);
    expect(await storage.read([key])).toEqual({});
  });

  it('never stores the raw key (it holds the phone number) as a document id', async () => {
    const key = 'whatsapp/users/573009998877/';
    await storage.write({ [key]: { locale: 'en' } });
    const { resources } = await store.containers.state.items.query('SELECT * FROM c').fetchAll();
    const raw = JSON.stringify(resources);
    expect(raw).not.toContain('573009998877');
    expect(resources.map((r) => r.id)).toContain(documentIdFor(key));
  });

  it('rejects a write whose eTag is stale and keeps the newer data', async () => {
    const key = 'emulator/conversations/etag-test/';
    await storage.write({ [key]: { n: 1 } });
    const first = (await storage.read([key]))[key];
    await storage.write({ [key]: { n: 2, eTag: first.eTag } });
    await expect(storage.write({ [key]: { n: 3, eTag: first.eTag } })).rejects.toBeInstanceOf(StorageConflictError);
    expect((await storage.read([key]))[key].n).toBe(2);
  });

  it('puts the new eTag back on the written object so a second save in one turn succeeds', async () => {
    const key = 'emulator/conversations/double-save/';
    await storage.write({ [key]: { n: 1 } });
    const state = (await storage.read([key]))[key];
    state.n = 2;
    await storage.write({ [key]: state });
    state.n = 3;
    await storage.write({ [key]: state });
    expect((await storage.read([key]))[key].n).toBe(3);
  });

  it('"*" means last writer wins', async () => {
    const key = 'emulator/conversations/star/';
    await storage.write({ [key]: { n: 1 } });
    await storage.write({ [key]: { n: 5, eTag: '*' } });
    expect((await storage.read([key]))[key].n).toBe(5);
  });

  it('deleting what is already gone is not an error', async () => {
    await expect(storage.delete(['never/written'])).resolves.toBeUndefined();
  });

  it('treats expired state as gone even where the store ignores TTL', async () => {
    const shortLived = new CosmosBotStorage(store.containers.state, -1);
    const key = 'emulator/users/expired/';
    await shortLived.write({ [key]: { locale: 'es' } });
    expect(await storage.read([key])).toEqual({});
    // …and a new state can be created in its place.
    await storage.write({ [key]: { locale: 'en' } });
    expect((await storage.read([key]))[key].locale).toBe('en');
  });

  it('a new document written without an eTag conflicts when another turn created it first', async () => {
    const key = 'whatsapp/users/573000000099/';
    await storage.write({ [key]: { consent: 'given' } });
    await expect(storage.write({ [key]: { locale: 'es' } })).rejects.toBeInstanceOf(StorageConflictError);
    expect((await storage.read([key]))[key].consent).toBe('given');
  });

  it('conflict errors name the pseudonymous document, never the key with the phone number', async () => {
    const key = 'whatsapp/users/573000000123/';
    await storage.write({ [key]: { n: 1 } });
    const error = await storage.write({ [key]: { n: 2 } }).catch((err: Error) => err);
    expect(error).toBeInstanceOf(StorageConflictError);
    expect((error as Error).message).not.toContain('573000000123');
  });

  it('reads and writes more than 100 items', async () => {
    const changes: Record<string, { i: number }> = {};
    for (let i = 0; i < 130; i++) changes[`bulk/conversations/${i}/`] = { i };
    await storage.write(changes);
    const read = await storage.read(Object.keys(changes));
    expect(Object.keys(read)).toHaveLength(130);
    expect(read['bulk/conversations/129/'].i).toBe(129);
    const { resources } = await store.containers.state.items.readAll().fetchAll();
    expect(resources.length).toBeGreaterThanOrEqual(130);
  });
});
