/**
 * Statistics counted by real conversations (ProBot, dialogs, Cosmos state and the `stats` container
 * on the embedded server): an attention when a theme reaches its answer, once per theme and
 * conversation, the person reached once a month, "was this useful?", consents, declines and
 * deletions, emergencies by kind, services and national lines shown; a turn run again after an
 * ETag conflict and a redelivered WhatsApp message count once, and a turn that counts something
 * costs one store call more (the patch), a steady turn none.
 */
import type { Storage, StoreItems } from 'botbuilder';
import { ReferralRepository } from '../../bot/referrals';
import { seedNationalLines } from '../../bot/referrals/seedNationalLines';
import { AttentionStats } from '../../bot/stats/attentionStats';
import { statsMonth } from '../../bot/stats/statsMonth';
import { allText, startConversation } from '../support/conversation';
import { button, type CountedWhatsApp, startCountedWhatsApp, text } from '../support/countedWhatsApp';
import { startTestStore, TestStore } from '../support/store';

jest.setTimeout(60000);

/** Before the next write of a person's document, another "instance" rewrites it: a real ETag conflict. */
class ConflictOnce implements Storage {
  armed = false;
  conflicts = 0;
  constructor(private readonly inner: Storage) {}
  read(keys: string[]): Promise<StoreItems> {
    return this.inner.read(keys);
  }
  async write(changes: StoreItems): Promise<void> {
    for (const key of Object.keys(changes)) {
      if (!this.armed || !/\/persons\//.test(key)) continue;
      this.armed = false;
      this.conflicts++;
      const current = (await this.inner.read([key]))[key];
      await this.inner.write({ [key]: { ...current, otherInstance: true } });
    }
    return this.inner.write(changes);
  }
  delete(keys: string[]): Promise<void> {
    return this.inner.delete(keys);
  }
}

describe('statistics counted by conversations', () => {
  let store: TestStore;
  let stats: AttentionStats;
  beforeAll(async () => {
    store = await startTestStore();
    stats = new AttentionStats(store.containers.stats);
  });
  afterAll(() => store.destroy());

  /** This month's counters of a channel. */
  async function counts(channel: string): Promise<Record<string, number>> {
    const month = statsMonth(new Date());
    return (await stats.read(month, month)).find((d) => d.channel === channel)?.counts ?? {};
  }

  /** What changed in a channel's counters while `run` ran. */
  async function counted(channel: string, run: () => Promise<unknown>): Promise<Record<string, number>> {
    const before = await counts(channel);
    await run();
    const after = await counts(channel);
    const delta: Record<string, number> = {};
    for (const [key, n] of Object.entries(after)) if (n !== (before[key] ?? 0)) delta[key] = n - (before[key] ?? 0);
    return delta;
  }

  it('counts a consent, then one attention per theme and conversation, the person once, and "was this useful?"', async () => {
    const c = startConversation(store);
    expect(await counted('emulator', () => c.say('hola'))).toEqual({});
    expect(await counted('emulator', () => c.say('consent_yes'))).toEqual({ 'consent.given': 1 });
    await c.say('rights');
    const answer = await counted('emulator', () => c.say('rights'));
    expect(answer).toEqual({ people: 1, 'attention.rights.unknown.unknown.es': 1 });
    expect(await counted('emulator', () => c.say('useful_yes'))).toEqual({ 'useful.rights.yes': 1 });
    // The same theme again in the same conversation is not a second attention; another theme is.
    await c.say('back_to_menu');
    await c.say('rights');
    expect(await counted('emulator', () => c.say('duties'))).toEqual({});
    await c.say('useful_no');
    await c.say('back_to_menu');
    await c.say('education');
    await c.say('adult');
    const education = await counted('emulator', () => c.say('validate'));
    expect(Object.keys(education)).toHaveLength(1);
    expect(Object.keys(education)[0]).toMatch(/^attention\.education\.unknown\.[a-z]+\.es$/);
  });

  it('keeps only vocabulary in the counters and in the person\'s marks: no ids, no words', async () => {
    const month = statsMonth(new Date());
    const [doc] = await stats.read(month, month);
    for (const key of Object.keys(doc.counts)) expect(key).toMatch(/^[a-z_]+(\.[a-z0-9_]+)*$/);
    const { resources } = await store.containers.state.items.query('SELECT * FROM c WHERE IS_DEFINED(c.document.profile.counted)').fetchAll();
    expect(resources.length).toBeGreaterThan(0);
    for (const r of resources) {
      const marks = (r as { document: { profile: { counted: Record<string, unknown> } } }).document.profile.counted;
      expect(Object.keys(marks).sort()).toEqual(['day', 'month', 'themes']);
    }
  });

  it('a turn run again after an ETag conflict counts once', async () => {
    let writer: ConflictOnce | undefined;
    const c = startConversation(store, { wrapStorage: (inner) => (writer = new ConflictOnce(inner)) });
    await c.say('hola');
    await c.say('consent_yes');
    await c.say('rights');
    writer!.armed = true;
    const delta = await counted('emulator', () => c.say('rights'));
    expect(writer!.conflicts).toBe(1);
    expect(delta).toEqual({ people: 1, 'attention.rights.unknown.unknown.es': 1 });
  });

  it('counts declines, "delete my data" requests and emergencies by kind', async () => {
    const c = startConversation(store);
    await c.say('hola');
    expect(await counted('emulator', () => c.say('consent_no'))).toEqual({ 'consent.declined': 1 });
    const emergency = await counted('emulator', async () => {
      const replies = await c.say('me quiero suicidar');
      expect(allText(replies)).toContain('106');
    });
    expect(emergency).toEqual({ 'emergency.suicide': 1 });
    await c.say('borrar mis datos');
    expect(await counted('emulator', () => c.say('delete_yes'))).toEqual({ deletion: 1 });
  });

  it('counts the national lines a services answer shows, by line', async () => {
    await seedNationalLines(new ReferralRepository(store.containers.referrals, store.containers.audit));
    const c = startConversation(store);
    await c.say('hola');
    await c.say('consent_yes');
    await c.say('services');
    await c.say('legal');
    const delta = await counted('emulator', () => c.say('cucuta'));
    // No legal service in the directory for Cúcuta: the free national lines, each counted once, by its id.
    const lines = Object.keys(delta).sort();
    expect(lines).toEqual(expect.arrayContaining(['line.national_pro_line', 'line.national_women_155', 'line.national_anti_trafficking']));
    for (const key of lines) expect({ key, n: delta[key] }).toEqual({ key: expect.stringMatching(/^line\.national_[a-z0-9_]+$/), n: 1 });
  });

  it('a statistics write that fails is dropped: the person still gets the answer and the turn its state', async () => {
    const c = startConversation(store);
    await c.say('hola');
    await c.say('consent_yes');
    await c.say('rights');
    // The counters' container is gone (a store fault): the patch and the create both fail.
    const stats = store.database.container(store.containers.stats.id);
    await stats.delete();
    try {
      const replies = await c.say('rights');
      expect(allText(replies)).toContain('¿Te sirvió esta información?');
      expect(allText(await c.say('useful_yes'))).toContain('¡Gracias por contarnos!');
    } finally {
      await store.database.containers.createIfNotExists({ id: store.containers.stats.id, partitionKey: { paths: ['/id'] } });
    }
  });

  describe('on WhatsApp', () => {
    let whatsapp: CountedWhatsApp;
    beforeAll(async () => {
      whatsapp = await startCountedWhatsApp(store, { secret: 'stats-secret', phoneNumberId: '106540352242933', idPrefix: 'STATS' });
    });
    afterAll(() => whatsapp.close());

    it('an answer turn costs one patch more, a steady turn nothing more, and a redelivered answer counts once', async () => {
      const { instance, deliver, payload } = whatsapp;
      const a = instance();
      const user = '573200000101';
      await deliver(payload(user, text('hola')), a);
      await deliver(payload(user, button('consent_yes')), a);
      // The instance holds the person's document since their last message: a steady turn is one replace.
      expect(await deliver(payload(user, text('pro_points')), a)).toEqual({ replace: 1 });
      await deliver(payload(user, text('menu')), a);
      await deliver(payload(user, text('rights')), a);
      const answer = payload(user, text('rights'));
      let cost: Record<string, number> = {};
      const delta = await counted('whatsapp', async () => {
        cost = await deliver(answer, a);
        // Meta delivers it again: no second answer, no second count.
        expect(await deliver(answer, a)).toEqual({});
      });
      expect(cost).toEqual({ replace: 1, patch: 1 });
      expect(delta).toEqual({ people: 1, 'attention.rights.unknown.unknown.es': 1 });
    });

    it('an emergency is counted by kind after its lines went out', async () => {
      const a = whatsapp.instance();
      const user = '573200000102';
      const delta = await counted('whatsapp', () => whatsapp.deliver(whatsapp.payload(user, text('me quiero suicidar')), a));
      expect(delta).toEqual({ 'emergency.suicide': 1 });
    });
  });
});
