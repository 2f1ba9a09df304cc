import { CosmosChoicePageStore, dropFormerPendingLists, MemoryChoicePageStore } from '../../bot/channels/whatsapp/choicePages';
import type { PagedChoiceList } from '../../bot/channels/whatsapp/outbound';
import { claimId, ProcessedMessages } from '../../bot/channels/whatsapp/processedMessages';
import { PENDING_LIST_TTL_SECONDS, PROCESSED_MESSAGE_TTL_SECONDS } from '../../bot/storage/containers';
import { startTestStore, TestStore } from '../support/store';
import { WA_ID, wamid } from './helpers';

describe('ProcessedMessages (embedded Cosmos-compatible store)', () => {
  let store: TestStore;

  beforeAll(async () => {
    store = await startTestStore();
  });
  afterAll(async () => {
    await store.destroy();
  });

  it('claims a message id once; the second claim is a duplicate', async () => {
    const ledger = new ProcessedMessages(store.containers.processedMessages);
    const id = wamid();
    expect(await ledger.claim(id)).toBe(true);
    expect(await ledger.claim(id)).toBe(false);
  });

  it('stores a hashed id with ttl and expiresAt (wamids may contain "/")', async () => {
    const id = wamid();
    expect(id).toContain('/');
    await new ProcessedMessages(store.containers.processedMessages).claim(id);
    const { resource } = await store.containers.processedMessages.item(claimId(id), claimId(id)).read();
    expect(resource).toMatchObject({ id: claimId(id), ttl: PROCESSED_MESSAGE_TTL_SECONDS });
    expect(resource.expiresAt).toBeGreaterThan(Date.now() / 1000 + PROCESSED_MESSAGE_TTL_SECONDS - 60);
  });

  it('lets exactly one of two instances win a race for the same id', async () => {
    const a = new ProcessedMessages(store.containers.processedMessages);
    const b = new ProcessedMessages(store.containers.processedMessages);
    for (let round = 0; round < 10; round += 1) {
      const id = wamid();
      const results = await Promise.all([a.claim(id), b.claim(id), a.claim(id), b.claim(id)]);
      expect(results.filter(Boolean)).toHaveLength(1);
    }
  });

  it('makes an expired id processable again, once', async () => {
    const id = wamid();
    const start = Date.now();
    const early = new ProcessedMessages(store.containers.processedMessages, { ttlSeconds: 60, now: () => start });
    expect(await early.claim(id)).toBe(true);
    const late = (): ProcessedMessages => new ProcessedMessages(store.containers.processedMessages, { ttlSeconds: 60, now: () => start + 61_000 });
    const results = await Promise.all([late().claim(id), late().claim(id)]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await late().claim(id)).toBe(false);
  });

  describe('choice page stores', () => {
    const list: PagedChoiceList = { listId: 'abc123', body: 'Elige', button: 'Ver', sectionTitle: 'Opciones', choices: [{ id: 'a', title: 'A' }] };

    it.each([
      ['Cosmos', (now: () => number) => new CosmosChoicePageStore(store.containers.pendingLists, 60, now)],
      ['memory', (now: () => number) => new MemoryChoicePageStore(10, 60, now)],
    ])('%s: returns the latest list by id until it expires', async (_name, make) => {
      let now = Date.now();
      const pages = make(() => now);
      await pages.save(WA_ID, list);
      expect(await pages.load(WA_ID, 'abc123')).toEqual(list);
      expect(await pages.load(WA_ID, 'other')).toBeUndefined();
      expect(await pages.load('573000000000', 'abc123')).toBeUndefined();
      now += 61_000;
      expect(await pages.load(WA_ID, 'abc123')).toBeUndefined();
    });

    const allIds = async (container: typeof store.containers.pendingLists): Promise<string[]> =>
      (await container.items.query<{ id: string }>('SELECT c.id FROM c').fetchAll()).resources.map((r) => r.id);

    it('Cosmos: keeps lists in their own container under a pseudonym for a day; "borrar mis datos" erases them', async () => {
      const person = '573000000123';
      const pages = new CosmosChoicePageStore(store.containers.pendingLists);
      const before = await allIds(store.containers.pendingLists);
      await pages.save(person, list);
      const added = (await allIds(store.containers.pendingLists)).filter((id) => !before.includes(id));
      expect(added).toHaveLength(1);
      expect(added[0]).toMatch(/^choices-/);
      expect(added[0]).not.toContain(person);
      const { resource } = await store.containers.pendingLists.item(added[0], added[0]).read<{ ttl: number }>();
      expect(resource?.ttl).toBe(PENDING_LIST_TTL_SECONDS);
      expect(await allIds(store.containers.processedMessages)).not.toContain(added[0]);
      await pages.forget(person);
      expect(await pages.load(person, 'abc123')).toBeUndefined();
      expect((await allIds(store.containers.pendingLists)).sort()).toEqual([...before].sort());
      await expect(pages.forget(person)).resolves.toBeUndefined(); // already gone is fine
    });

    it('lists an earlier release kept among the processed message ids are removed, and the message ids stay', async () => {
      const claimed = wamid();
      await new ProcessedMessages(store.containers.processedMessages).claim(claimed);
      // As releases before the pending-lists container saved them.
      await new CosmosChoicePageStore(store.containers.processedMessages).save('573000000456', list);
      await new CosmosChoicePageStore(store.containers.processedMessages).save('573000000789', list);
      expect(await dropFormerPendingLists(store.containers.processedMessages)).toBe(2);
      const left = await allIds(store.containers.processedMessages);
      expect(left.some((id) => id.startsWith('choices-'))).toBe(false);
      expect(left).toContain(claimId(claimed));
      expect(await dropFormerPendingLists(store.containers.processedMessages)).toBe(0);
    });

    it('memory: forgets the oldest user beyond its bound', async () => {
      const pages = new MemoryChoicePageStore(2);
      await pages.save('1', list);
      await pages.save('2', list);
      await pages.save('3', list);
      expect(await pages.load('1', 'abc123')).toBeUndefined();
      expect(await pages.load('3', 'abc123')).toEqual(list);
    });
  });
});
