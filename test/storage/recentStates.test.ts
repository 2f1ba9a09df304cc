/**
 * RecentStates: a person's next message reuses the document this process last read or wrote, but
 * never beyond its age limit or size bound, never for short-lived (unconsented) documents, and a
 * failed write never leaves a copy that could be used again.
 */
import { type Activity, MemoryStorage, type Storage, type StoreItems, TestAdapter, TurnContext } from 'botbuilder';
import { RecentStates } from '../../bot/storage/recentStates';
import { OptimisticBotState } from '../../bot/turn/optimisticBotState';

/** MemoryStorage (real ETags) that counts the reads that reach it. */
class CountingStorage implements Storage {
  reads = 0;
  failWrites = false;
  readonly inner = new MemoryStorage();
  async read(keys: string[]): Promise<StoreItems> {
    this.reads += keys.length;
    return this.inner.read(keys);
  }
  async write(changes: StoreItems): Promise<void> {
    if (this.failWrites) throw new Error('store unreachable');
    await this.inner.write(changes);
    // Like CosmosBotStorage: the new eTag goes back on the written object.
    const written = await this.inner.read(Object.keys(changes));
    for (const key of Object.keys(changes)) (changes[key] as { eTag?: string }).eTag = (written[key] as { eTag?: string }).eTag;
  }
  async delete(keys: string[]): Promise<void> {
    await this.inner.delete(keys);
  }
}

describe('RecentStates', () => {
  let clock = 0;
  let store: CountingStorage;
  let recent: RecentStates;
  beforeEach(() => {
    clock = 1_000_000;
    store = new CountingStorage();
    recent = new RecentStates(store, { maxAgeMs: 60_000, maxEntries: 2, now: () => clock });
  });

  const save = async (key: string, state: Record<string, unknown>): Promise<Record<string, unknown>> => {
    const change = { ...state };
    await recent.write({ [key]: change });
    return change;
  };

  it('serves a written document again without a store read, as a copy the turn may change', async () => {
    await save('p1', { profile: { locale: 'es' } });
    const first = (await recent.read(['p1'])).p1 as { profile: { locale: string }; eTag: string };
    expect(first.profile.locale).toBe('es');
    expect(typeof first.eTag).toBe('string');
    first.profile.locale = 'en'; // the turn's own change, not saved
    const second = (await recent.read(['p1'])).p1 as { profile: { locale: string } };
    expect(second.profile.locale).toBe('es');
    expect(store.reads).toBe(0);
    expect(recent.figures()).toMatchObject({ hits: 2, misses: 0, held: 1 });
  });

  it('reads from the store once the copy is older than the limit since its last use', async () => {
    await save('p1', { n: 1 });
    clock += 59_000;
    await recent.read(['p1']);
    clock += 59_000; // used a minute ago at most: still fresh
    await recent.read(['p1']);
    expect(store.reads).toBe(0);
    clock += 61_000;
    expect(((await recent.read(['p1'])).p1 as { n: number }).n).toBe(1);
    expect(store.reads).toBe(1);
  });

  it('holds at most maxEntries documents, dropping the least recently used', async () => {
    await save('p1', { n: 1 });
    await save('p2', { n: 2 });
    await recent.read(['p1']);
    await save('p3', { n: 3 }); // p2 is the least recently used
    await recent.read(['p1', 'p3']);
    expect(store.reads).toBe(0);
    await recent.read(['p2']);
    expect(store.reads).toBe(1);
  });

  it('does not hold short-lived documents (a person who has not consented) nor deleted ones', async () => {
    await save('brief', { keepForSeconds: 3600, consentNotice: true });
    await recent.read(['brief']);
    expect(store.reads).toBe(1);
    await save('p1', { n: 1 });
    await recent.delete(['p1']);
    expect((await recent.read(['p1'])).p1).toBeUndefined();
    expect(store.reads).toBe(2);
  });

  it('a failed write drops the copy: the next read goes to the store', async () => {
    const saved = await save('p1', { n: 1 });
    store.failWrites = true;
    await expect(recent.write({ p1: { ...saved, n: 2 } })).rejects.toThrow('store unreachable');
    store.failWrites = false;
    expect(((await recent.read(['p1'])).p1 as { n: number }).n).toBe(1);
    expect(store.reads).toBe(1);
  });

  it('a write that loses an ETag race drops the copy, and the fresh read holds the winner', async () => {
    const mine = await save('p1', { n: 1 });
    // Another process writes the document meanwhile (straight to the store).
    await store.write({ p1: { ...mine, n: 5 } });
    await expect(recent.write({ p1: { ...mine, n: 2 } })).rejects.toThrow();
    expect(((await recent.read(['p1'])).p1 as { n: number }).n).toBe(5);
    expect(((await recent.read(['p1'])).p1 as { n: number }).n).toBe(5);
    expect(store.reads).toBe(1);
  });

  describe('with the turn state on top (the JSON handed instead of stringified again)', () => {
    const activity = { type: 'message', channelId: 'whatsapp', from: { id: '573001112233' }, conversation: { id: 'c' }, recipient: { id: 'bot' } } as Activity;
    const turn = () => new TurnContext(new TestAdapter(), activity);
    const person = () => new OptimisticBotState(recent);

    it('a turn that changes the document saves the change, and the next turn gets it from memory', async () => {
      const state = person();
      const first = turn();
      (await state.load(first)).profile = { locale: 'es', group: 'venezuelan' };
      await state.saveChanges(first);
      const second = turn();
      const loaded = await state.load(second);
      expect(loaded.profile).toEqual({ locale: 'es', group: 'venezuelan' });
      loaded.profile.group = 'returnee';
      await state.saveChanges(second);
      const third = turn();
      expect((await state.load(third)).profile).toEqual({ locale: 'es', group: 'returnee' });
      expect(store.reads).toBe(1); // only the first turn, before anything was held
    });

    it('a turn that changes nothing writes nothing, and a change made after saving is not in memory', async () => {
      const state = person();
      const first = turn();
      (await state.load(first)).n = 1;
      await state.saveChanges(first);
      const writes = jest.spyOn(store, 'write');
      const second = turn();
      await state.load(second);
      await state.saveChanges(second);
      expect(writes).not.toHaveBeenCalled();
      // Changed after the save and never saved: the next turn must not see it.
      (await state.load(second)).n = 99;
      const third = turn();
      expect((await state.load(third)).n).toBe(1);
    });

    it('a failed save leaves nothing behind that a later save could pass off as the document', async () => {
      const state = person();
      const first = turn();
      (await state.load(first)).n = 1;
      store.failWrites = true;
      await expect(state.saveChanges(first)).rejects.toThrow('store unreachable');
      store.failWrites = false;
      (await state.load(first)).n = 2;
      await state.saveChanges(first);
      expect((await state.load(turn())).n).toBe(2);
    });
  });
});
