/**
 * What happens when another bot instance changes the same person's state document during a turn:
 * the ETag conflict runs the turn again on the fresh document (one set of replies, no lost update),
 * whether the other instance moved the conversation or changed the profile.
 */
import type { Storage, StoreItems } from 'botbuilder';
import { allText, lastChoices, startConversation } from '../support/conversation';
import { startTestStore, TestStore } from '../support/store';

/**
 * Before the next write of a key matching `pattern`, another "instance" rewrites that document
 * (with `change` applied), so the bot's own write meets a real ETag conflict in Cosmos.
 */
class ConcurrentWriter implements Storage {
  armed = false;
  conflicts = 0;
  constructor(private readonly inner: Storage, private readonly pattern: RegExp, private readonly change: (doc: Record<string, any>) => void) {}

  read(keys: string[]): Promise<StoreItems> {
    return this.inner.read(keys);
  }

  async write(changes: StoreItems): Promise<void> {
    for (const key of Object.keys(changes)) {
      if (this.armed && this.pattern.test(key)) {
        this.armed = false;
        this.conflicts++;
        const current = (await this.inner.read([key]))[key];
        this.change(current);
        await this.inner.write({ [key]: current });
      }
    }
    return this.inner.write(changes);
  }

  delete(keys: string[]): Promise<void> {
    return this.inner.delete(keys);
  }
}

describe('ProBot under concurrent writes (real Cosmos ETags)', () => {
  let store: TestStore;
  beforeAll(async () => {
    store = await startTestStore();
  });
  afterAll(() => store.destroy());

  it('a conflict runs the turn again: one answer, and the other change survives', async () => {
    let writer: ConcurrentWriter | undefined;
    const c = startConversation(store, {
      // The other instance leaves a marker in the conversation document.
      wrapStorage: (inner) => (writer = new ConcurrentWriter(inner, /\/persons\//, (doc) => (doc.otherInstance = true))),
    });
    await c.say('hola');
    await c.say('consent_yes');
    writer!.armed = true;
    const replies = await c.say('pro_points');
    expect(writer!.conflicts).toBe(1);
    // One set of replies: the question once, not twice.
    expect(replies.filter((r) => r.text.includes('¿Qué quieres saber')).length).toBe(1);
    expect(lastChoices(replies)).toEqual(['what', 'contact', 'back_to_menu']);
    // The turn ran on the other instance's version: its marker is still there, and so is our step.
    const { resources } = await store.containers.state.items.query('SELECT * FROM c WHERE IS_DEFINED(c.document.otherInstance)').fetchAll();
    expect(resources).toHaveLength(1);
    expect(allText(await c.say('contact'))).toContain('01 8000 180588');
  });

  it('another instance\'s profile change survives a turn that switches the language, answered once', async () => {
    let writer: ConcurrentWriter | undefined;
    const c = startConversation(store, {
      // The other instance records the person's group while this turn switches the language.
      wrapStorage: (inner) => (writer = new ConcurrentWriter(inner, /\/persons\//, (doc) => (doc.profile = { ...doc.profile, group: 'venezuelan' }))),
    });
    await c.say('hola');
    await c.say('consent_yes');
    writer!.armed = true;
    const replies = await c.say('english');
    expect(writer!.conflicts).toBe(1);
    expect(replies.filter((r) => r.text.includes('we continue in English')).length).toBe(1);
    const { resources } = await store.containers.state.items.query("SELECT * FROM c WHERE c.document.profile.group = 'venezuelan'").fetchAll();
    expect(resources).toHaveLength(1);
    expect(resources[0].document.profile.locale).toBe('en');
    expect(resources[0].document.profile.consent.decision).toBe('given');
  });

  it('before consent keeps only that the notice was shown and the ids of what was asked, for one hour', async () => {
    const before = new Set((await store.containers.state.items.readAll().fetchAll()).resources.map((d) => d.id));
    const c = startConversation(store);
    await c.say('hola');
    await c.say('como me afilio a una eps en cucuta');
    const added = (await store.containers.state.items.readAll().fetchAll()).resources.filter((d) => !before.has(d.id));
    expect(added).toHaveLength(1);
    const [doc] = added as { ttl: number; expiresAt: number; document: Record<string, unknown> }[];
    // What is kept: when the notice was shown and the theme asked about; no words, no place, no profile.
    expect(doc.ttl).toBe(3600);
    expect(doc.expiresAt * 1000).toBeLessThanOrEqual(Date.now() + 3600 * 1000 + 5000);
    expect(doc.document.consentNotice).toEqual({ shownAt: expect.any(String), pending: expect.objectContaining({ theme: 'health' }) });
    expect(doc.document.profile ?? {}).toEqual({});
    const raw = JSON.stringify(doc);
    expect(raw).not.toContain('afilio');
    expect(raw).not.toContain('cucuta');
  });

  it('keeps neither typed text nor exact coordinates in the dialog state', async () => {
    const c = startConversation(store, { userId: 'privacy-check' });
    await c.say('hola');
    await c.say('consent_yes');
    await c.say('tengo una pregunta rara sobre mi hijo en Pamplona');
    await c.say('menu');
    await c.say('services');
    await c.say('legal');
    await c.send({ text: '', value: { location: { latitude: 7.893912, longitude: -72.507834 } } });
    const raw = JSON.stringify((await store.containers.state.items.readAll().fetchAll()).resources);
    expect(raw).not.toContain('pregunta rara');
    expect(raw).not.toContain('7.893912');
    expect(raw).not.toContain('-72.507834');
  });
});
