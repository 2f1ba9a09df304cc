/**
 * The WhatsApp turn's store calls, counted at the Cosmos client (a request plugin) while the real
 * ProBot runs behind the WhatsApp adapter on the embedded store: a steady turn is one conditional
 * write when the instance holds the person's document from their last message
 * (bot/storage/recentStates.ts), one read and one write when it does not; a redelivered message
 * makes no write and gets no second answer, also when two instances receive it at once, when one
 * instance's copy is stale, or when it came before the person consented.
 */
import { documentIdFor } from '../../bot/storage/cosmosBotStorage';
import { handledKey, type HandledMessages } from '../../bot/turn/handledMessages';
import { button, type CountedWhatsApp, startCountedWhatsApp, text, type WhatsAppInstance } from '../support/countedWhatsApp';
import { startTestStore, TestStore } from '../support/store';

describe('a two-call WhatsApp turn', () => {
  let store: TestStore;
  let whatsapp: CountedWhatsApp;
  beforeAll(async () => {
    store = await startTestStore();
    whatsapp = await startCountedWhatsApp(store, { secret: 'two-call-secret', phoneNumberId: '106540352242922', idPrefix: 'TWO' });
  });
  afterAll(async () => {
    await whatsapp.close();
    await store.destroy();
  });
  const instance = (env?: Record<string, string>) => whatsapp.instance(env);
  const payload = (from: string, content: Record<string, unknown>, sentAt?: number) => whatsapp.payload(from, content, sentAt);
  const deliver = (raw: Buffer, ...instances: WhatsAppInstance[]) => whatsapp.deliver(raw, ...instances);
  const sendsTo = (user: string): number => whatsapp.sendsTo(user);

  it('steady turn: one replace (the document is held from the last message); its redelivery: no call, no second answer', async () => {
    const a = instance();
    const user = '573200000001';
    await deliver(payload(user, text('hola')), a);
    await deliver(payload(user, button('consent_yes')), a);
    const steady = payload(user, text('pro_points'));
    expect(await deliver(steady, a)).toEqual({ replace: 1 });
    const answered = sendsTo(user);
    expect(answered).toBeGreaterThan(0);
    expect(await deliver(steady, a)).toEqual({});
    expect(sendsTo(user)).toBe(answered);
  });

  it('with STATE_CACHE_SECONDS=0 a steady turn is one read and one replace; its redelivery one read', async () => {
    const a = instance({ STATE_CACHE_SECONDS: '0' });
    const user = '573200000006';
    await deliver(payload(user, text('hola')), a);
    await deliver(payload(user, button('consent_yes')), a);
    const steady = payload(user, text('pro_points'));
    expect(await deliver(steady, a)).toEqual({ read: 1, replace: 1 });
    const answered = sendsTo(user);
    expect(await deliver(steady, a)).toEqual({ read: 1 });
    expect(sendsTo(user)).toBe(answered);
  });

  it('a stale copy (another instance answered meanwhile) costs one failed replace and a read, answers once and loses nothing', async () => {
    const [a, b] = [instance(), instance()];
    const user = '573200000007';
    await deliver(payload(user, text('hola')), a);
    await deliver(payload(user, button('consent_yes')), a);
    // b answers the next message: a's copy is now one version behind.
    const byB = payload(user, text('menu'));
    await deliver(byB, b);
    const before = sendsTo(user);
    const next = payload(user, text('pro_points'));
    expect(await deliver(next, a)).toEqual({ replace: 2, read: 1 });
    const replies = whatsapp.graph.sends().filter((r) => (r.body as { to?: string }).to === user).slice(before).map((r) => JSON.stringify(r.body));
    expect(replies.filter((t) => t.includes('¿Qué quieres saber')).length).toBe(1);
    // Both instances' messages are in the document: b's update was not overwritten.
    const id = documentIdFor(`whatsapp/persons/${user}/`);
    const { resource } = await store.containers.state.item(id, id).read<{ document: { handledMessages: HandledMessages } }>();
    const remembered = resource?.document.handledMessages.recent.map(([key]) => key);
    expect(remembered).toEqual(expect.arrayContaining([byB, next].map((raw) => handledKey(messageIdOf(raw)))));
  });

  it('a new person: state and ledger read, one create of a document that holds only the notice, for an hour', async () => {
    const a = instance();
    const user = '573200000002';
    expect(await deliver(payload(user, text('hola')), a)).toEqual({ read: 2, create: 1 });
    const id = documentIdFor(`whatsapp/persons/${user}/`);
    const { resource } = await store.containers.state.item(id, id).read<{ ttl: number; document: Record<string, unknown> }>();
    expect(resource?.ttl).toBe(3600);
    // That the privacy notice was shown (so a later "sí" is consent) and which messages were answered.
    expect(Object.keys(resource?.document ?? {}).sort()).toEqual(['consentNotice', 'conversationKey', 'handledMessages', 'keepForSeconds', 'profile']);
    expect(resource?.document.profile).toEqual({});
  });

  it('two instances receiving the same message at once answer it once (before and after consent)', async () => {
    const [a, b] = [instance(), instance()];
    const user = '573200000003';
    const first = payload(user, text('hola'));
    await deliver(first, a, b);
    expect(sendsTo(user)).toBe(2); // the welcome with the privacy notice, then the consent question: once
    await deliver(payload(user, button('consent_yes')), a);
    await deliver(payload(user, text('pro_points')), a, b);
    const texts = whatsapp.graph.sends().filter((r) => (r.body as { to?: string }).to === user).map((r) => JSON.stringify(r.body));
    expect(texts.filter((t) => t.includes('¿Qué quieres saber')).length).toBe(1);
  });

  it('a message answered before consent and redelivered after it is not answered again', async () => {
    const a = instance();
    const user = '573200000004';
    const early = payload(user, text('hola'), Date.now() - 60_000);
    await deliver(early, a);
    await deliver(payload(user, button('consent_yes')), a);
    const since = sendsTo(user);
    const calls = await deliver(early, a);
    expect(sendsTo(user)).toBe(since);
    expect(calls).toEqual({}); // the state document (held since consent) remembers it: no call
    // An instance without the copy reads the document once and writes nothing.
    expect(await deliver(early, instance())).toEqual({ read: 1 });
    expect(sendsTo(user)).toBe(since);
  });

  it('"borrar mis datos" erases the document and is not answered again when redelivered', async () => {
    const a = instance();
    const user = '573200000005';
    await deliver(payload(user, text('hola')), a);
    await deliver(payload(user, button('consent_yes')), a);
    await deliver(payload(user, text('borrar mis datos')), a);
    const confirm = payload(user, button('delete_yes'));
    await deliver(confirm, a);
    const id = documentIdFor(`whatsapp/persons/${user}/`);
    expect((await store.containers.state.item(id, id).read()).resource).toBeUndefined();
    const since = sendsTo(user);
    await deliver(confirm, a);
    expect(sendsTo(user)).toBe(since);
  });
});

/** The WhatsApp message id inside a webhook payload. */
function messageIdOf(raw: Buffer): string {
  return (JSON.parse(raw.toString()) as { entry: { changes: { value: { messages: { id: string }[] } }[] }[] }).entry[0].changes[0].value.messages[0].id;
}
