/**
 * Hand-off to PRO advisors, end to end: the built server (as `npm start` runs it) with WhatsApp and
 * Chatwoot configured, signed Meta webhooks in, a fake Graph API out, and a fake Chatwoot built
 * from its OpenAPI file that records every call and posts signed webhooks back, as a real
 * API-channel inbox does (advisor replies, and the bot's own messages and notes, which it must drop).
 */
import type { Activity } from 'botbuilder';
import { signPayload } from '../../bot/channels/whatsapp/signature';
import { signChatwootPayload } from '../../bot/handoff/webhookSignature';
import { BotProcess, startBotProcess } from '../support/botProcess';
import { ConnectorStub, startConnectorStub } from '../support/connectorStub';
import { FakeChatwoot, type FakeConversation } from '../support/fakeChatwoot';
import { FakeGraphApi, metaError } from '../support/fakeGraphApi';
import { startTestStore, TestStore } from '../support/store';

jest.setTimeout(120000);

const SECRET = 'e2e-app-secret';
const PHONE_NUMBER_ID = '106540352242922';
const TEMPLATE = 'pro_advisor_reply';
type Json = Record<string, unknown>;
let sequence = 0;

function inbound(from: string, content: Json, id = `wamid.HANDOFF${Date.now().toString(36)}${++sequence}`): Json {
  const message = { from, id, timestamp: String(Math.floor(Date.now() / 1000)), ...content };
  return {
    object: 'whatsapp_business_account',
    entry: [{ id: 'WABA', changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: { display_phone_number: '573001112233', phone_number_id: PHONE_NUMBER_ID }, contacts: [{ profile: { name: 'Ana' }, wa_id: from }], messages: [message] } }] }],
  };
}
const text = (from: string, body: string, id?: string): Json => inbound(from, { type: 'text', text: { body } }, id);
const button = (from: string, id: string): Json => inbound(from, { type: 'interactive', interactive: { type: 'button_reply', button_reply: { id, title: id } } });
/** The bot's debug line once a WhatsApp message's replies (or relay) are out: what every step waits for. */
const HANDLED = '"msg":"WhatsApp message handled"';

/** Posts a signed WhatsApp webhook and waits until the bot logged that it handled the message (replies sent). */
async function deliver(bot: BotProcess, payload: Json): Promise<Response> {
  const handled = bot.logs.filter((line) => line.includes(HANDLED)).length;
  const raw = JSON.stringify(payload);
  const res = await fetch(`${bot.baseUrl}/api/whatsapp`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': signPayload(raw, SECRET) }, body: raw });
  await bot.untilLogged(HANDLED, handled + 1);
  return res;
}

/** Polls `check` until it returns something truthy (no fixed sleeps). */
async function until<T>(what: string, check: () => T | Promise<T>, maxMs = 15000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() - start > maxMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The bot's variables: WhatsApp against the fake Graph API, Chatwoot against the fake Chatwoot. */
function botEnv(store: TestStore, graph: FakeGraphApi, chatwoot: FakeChatwoot, extra: Record<string, string>): Record<string, string> {
  return {
    DATA_DIR: store.dataDir,
    WHATSAPP_ACCESS_TOKEN: 'test-token',
    WHATSAPP_PHONE_NUMBER_ID: PHONE_NUMBER_ID,
    WHATSAPP_APP_SECRET: SECRET,
    WHATSAPP_VERIFY_TOKEN: 'verify',
    WHATSAPP_GRAPH_API_URL: graph.graphApiUrl,
    LOG_LEVEL: 'debug', // "WhatsApp message handled" is a debug line
    ...chatwoot.env(),
    ...extra,
  };
}

/** Makes the person's last message look older (WhatsApp's 24-hour window), in the real store. */
async function ageLastMessage(store: TestStore, conversationId: number, hours: number): Promise<void> {
  const { resources } = await store.containers.state.items
    .query<{ id: string; document: { handoff?: { conversationId?: number; lastPersonMessageAt?: string } } }>({ query: 'SELECT * FROM c WHERE c.document.handoff.conversationId = @id', parameters: [{ name: '@id', value: conversationId }] })
    .fetchAll();
  expect(resources).toHaveLength(1);
  const doc = resources[0];
  doc.document.handoff!.lastPersonMessageAt = new Date(Date.now() - hours * 3600 * 1000).toISOString();
  await store.containers.state.item(doc.id, doc.id).replace(doc);
}

describe('hand-off to an advisor in Chatwoot (WhatsApp)', () => {
  let store: TestStore;
  let graph: FakeGraphApi;
  let chatwoot: FakeChatwoot;
  let bot: BotProcess;

  /** Texts the person received (text bodies and interactive bodies), in order. */
  const received = (to: string, since = 0): string[] =>
    graph
      .sends()
      .filter((r) => (r.body as Json | undefined)?.to === to)
      .slice(since)
      .map((r) => {
        const body = r.body as Json;
        if (body.type === 'text') return String((body.text as Json).body);
        if (body.type === 'template') return `[template ${String((body.template as Json).name)}]`;
        return String(((body.interactive as Json).body as Json).text);
      });
  const count = (to: string): number => received(to).length;

  const post = async (payload: Json): Promise<void> => {
    expect((await deliver(bot, payload)).status).toBe(200);
  };

  /** Sends a message, waits until the bot handled it, and expects at least `replies` messages back (all that came are returned) (0: relayed to Chatwoot instead). */
  const say = async (from: string, payload: Json, replies = 1): Promise<string[]> => {
    const before = count(from);
    const calls = chatwoot.requests.length;
    await post(payload);
    if (replies === 0) await until('the relay to Chatwoot', () => chatwoot.requests.length > calls);
    const got = received(from, before);
    expect(got.length).toBeGreaterThanOrEqual(replies);
    return got;
  };

  /** A consenting person, at the menu. */
  const arrive = async (from: string): Promise<void> => {
    await say(from, text(from, 'hola'), 2); // the welcome with the privacy notice, then the consent question
    await say(from, button(from, 'consent_yes'));
  };

  /** Asks for a person and accepts sharing; resolves with the Chatwoot conversation. */
  const handOff = async (from: string): Promise<{ conversation: FakeConversation; opened: string[] }> => {
    const question = await say(from, text(from, 'hablar con una persona'));
    expect(question.join('\n')).toContain('No le comparto tu número de teléfono ni tu nombre');
    const before = chatwoot.conversations.size;
    const opened = await say(from, button(from, 'handoff_yes'));
    expect(chatwoot.conversations.size).toBe(before + 1);
    return { conversation: [...chatwoot.conversations.values()][before], opened };
  };

  const noteTexts = (conversation: FakeConversation): string[] => chatwoot.messages(conversation.id, { private: true, by: 'api' }).map((m) => m.content);
  const relayed = (conversation: FakeConversation): string[] => chatwoot.messages(conversation.id, { messageType: 'incoming' }).map((m) => m.content);

  beforeAll(async () => {
    store = await startTestStore();
    graph = await FakeGraphApi.start({ phoneNumberId: PHONE_NUMBER_ID });
    chatwoot = await FakeChatwoot.start();
    // Always within hours here; outside them is its own test below.
    const env = botEnv(store, graph, chatwoot, { HANDOFF_HOURS: 'Mon-Sun 00:00-24:00', WHATSAPP_HANDOFF_TEMPLATE: TEMPLATE });
    bot = await startBotProcess(env, { embeddedPort: Number(new URL(store.endpoint).port) });
    chatwoot.webhookUrl = `${bot.baseUrl}/api/chatwoot`;
  });
  afterAll(async () => {
    await bot?.stop();
    await chatwoot?.close();
    await graph?.close();
    await store?.destroy();
  });
  afterEach(() => {
    expect(graph.violations()).toEqual([]);
    // The person's phone number never leaves the bot.
    const toChatwoot = JSON.stringify(chatwoot.requests);
    expect(toChatwoot).not.toMatch(/5731000000\d\d/);
  });

  it('refuses forged, unsigned and stale Chatwoot webhooks (401) and changes nothing', async () => {
    const body = JSON.stringify({ event: 'message_created', id: 1, message_type: 'outgoing', private: false, content: 'falso', conversation: { id: 1 } });
    const sends = graph.sends().length;
    const old = String(Math.floor(Date.now() / 1000) - 6 * 60);
    const answers = [
      await chatwoot.sendRaw(body, { signature: null }),
      await chatwoot.sendRaw(body, { secret: 'not-the-secret' }),
      await chatwoot.sendRaw(body, { signature: 'sha256=' + '0'.repeat(64) }),
      await chatwoot.sendRaw(body, { timestamp: old, signature: signChatwootPayload(chatwoot.options.webhookSecret, old, body) }),
    ];
    expect(answers.map((a) => a.status)).toEqual([401, 401, 401, 401]);
    const valid = await chatwoot.sendRaw(body);
    expect(valid.status).toBe(200); // signed: accepted, but no conversation of ours, so nothing happens
    expect(graph.sends().length).toBe(sends);
  });

  it('round trip: the advisor sees the context, three messages each way in order, the advisor resolves, the person is back with the bot', async () => {
    const person = '573100000001';
    await arrive(person);
    await say(person, text(person, 'me quitaron el pasaporte en el trabajo'), 1);
    await say(person, text(person, 'protection'), 1);
    const { conversation, opened } = await handOff(person);

    expect(opened.join('\n')).toContain('le pasé tu caso a una persona asesora');
    expect(opened.join('\n')).toContain('01 8000 180588');
    expect(conversation.customAttributes).toMatchObject({ theme: 'protection', language: 'es', channel: 'whatsapp' });
    const [context] = noteTexts(conversation);
    expect(context).toContain('me quitaron el pasaporte en el trabajo');
    expect(context).toContain('El bot respondió: (el bot le envió de inmediato las líneas de emergencia)');
    expect(conversation.customAttributes).toMatchObject({ emergency_kinds: expect.stringContaining('trafficking') });
    expect(context).not.toContain(person);

    const personSays = ['Hola, necesito ayuda', 'Mi jefe no me devuelve el pasaporte', '¿Qué hago?'];
    for (const line of personSays) expect(await say(person, text(person, line), 0)).toEqual([]);
    await until('three relayed messages', () => relayed(conversation).length === 3);
    expect(relayed(conversation)).toEqual(personSays);

    const advisorSays = ['Hola, soy Laura, asesora de PRO.', 'Retener tu pasaporte no es legal. **Puedes denunciarlo.**', 'Te paso la ruta en el siguiente mensaje.'];
    const before = count(person);
    await Promise.all(advisorSays.map((line) => chatwoot.advisorReplies(conversation.id, line)));
    await until('three advisor replies', () => count(person) >= before + 3);
    expect(received(person, before)).toEqual([
      '👤 *Persona asesora PRO:*\nHola, soy Laura, asesora de PRO.',
      '👤 *Persona asesora PRO:*\nRetener tu pasaporte no es legal. *Puedes denunciarlo.*',
      '👤 *Persona asesora PRO:*\nTe paso la ruta en el siguiente mensaje.',
    ]);

    // A private note in the dashboard never reaches the person.
    await chatwoot.advisorNotes(conversation.id, 'nota interna: caso de trata laboral');
    await chatwoot.advisorResolves(conversation.id);
    const back = await until('the goodbye of the hand-off', () => received(person, before + 3).find((t) => t.includes('terminó la conversación')));
    expect(back).toContain('Sigo aquí');
    expect(received(person).join('\n')).not.toContain('nota interna');

    const menu = await say(person, text(person, 'menu'));
    expect(menu.join('\n')).toContain('¿Sobre qué necesitas orientación?');
    expect(relayed(conversation)).toHaveLength(3);
  });

  it('relays once when Meta redelivers a message, and delivers once when Chatwoot redelivers a webhook', async () => {
    const person = '573100000002';
    await arrive(person);
    const { conversation } = await handOff(person);
    const message = text(person, 'Esto llega dos veces', 'wamid.HANDOFF-REDELIVERED');
    await say(person, message, 0);
    await post(message);
    await until('the redelivered message to be dropped', () => bot.logs.some((l) => l.includes('redelivery skipped')));
    expect(relayed(conversation)).toEqual(['Esto llega dos veces']);

    const before = count(person);
    const delivery = await chatwoot.advisorReplies(conversation.id, 'Solo una vez');
    await until('the reply', () => count(person) > before);
    const again = await chatwoot.redeliver(delivery);
    expect(again.status).toBe(200);
    expect(received(person, before)).toEqual(['👤 *Persona asesora PRO:*\nSolo una vez']);
  });

  it("a reply WhatsApp refuses is given back: the webhook answers 500 and Chatwoot's retry delivers it", async () => {
    const person = '573100000009';
    await arrive(person);
    const { conversation } = await handOff(person);
    const before = count(person);
    graph.answerNextSends(metaError(131026)); // undeliverable: not retried by the Graph client
    const failed = await chatwoot.advisorReplies(conversation.id, '¿Me lees?');
    expect(failed.status).toBe(500);
    const retried = await chatwoot.redeliver(failed);
    expect(retried.status).toBe(200);
    // The fake records the refused attempt too: one refused, then the one that arrived; nothing else.
    expect(received(person, before)).toEqual(['👤 *Persona asesora PRO:*\n¿Me lees?', '👤 *Persona asesora PRO:*\n¿Me lees?']);
  });

  it('emergency words during the hand-off get the emergency lines at once and are flagged to the advisor', async () => {
    const person = '573100000003';
    await arrive(person);
    const { conversation } = await handOff(person);
    const replies = await say(person, text(person, 'me tienen encerrada y no me dejan salir'), 2);
    expect(replies[0]).toContain('123');
    expect(replies.join('\n')).toContain('también le llegó a la persona asesora');
    await until('the emergency note', () => noteTexts(conversation).some((n) => n.includes('palabras de peligro')));
    expect(relayed(conversation)).toEqual(['me tienen encerrada y no me dejan salir']);
    // Redelivered by Meta: the lines again (never withheld), but not relayed a second time.
    const redelivered = text(person, 'auxilio, me están siguiendo', 'wamid.HANDOFF-EMERGENCY-1');
    await say(person, redelivered, 2);
    const lines = await say(person, redelivered, 1);
    expect(lines[0]).toContain('123');
    expect(relayed(conversation)).toEqual(['me tienen encerrada y no me dejan salir', 'auxilio, me están siguiendo']);
  });

  it('"salir" ends the hand-off: the conversation is resolved, the advisor told, the bot answers again', async () => {
    const person = '573100000004';
    await arrive(person);
    const { conversation } = await handOff(person);
    const bye = await say(person, text(person, 'salir'));
    expect(bye.join('\n')).toContain('Terminaste la conversación con la persona asesora');
    await until('resolved in Chatwoot', () => conversation.status === 'resolved');
    expect(noteTexts(conversation).some((n) => n.includes('«salir»'))).toBe(true);
    await chatwoot.webhooksSettled(); // Chatwoot's own status webhook for it is dropped
    const menu = await say(person, text(person, 'menu'));
    expect(menu.join('\n')).toContain('¿Sobre qué necesitas orientación?');
    // A reply after the end is not delivered.
    const before = count(person);
    expect((await chatwoot.advisorReplies(conversation.id, 'tarde')).status).toBe(200);
    expect(count(person)).toBe(before);
  });

  it('a Chatwoot outage when opening: the person is told, gets the PRO line, and can try again later', async () => {
    const person = '573100000005';
    await arrive(person);
    await say(person, text(person, 'asesor'));
    const conversations = chatwoot.conversations.size;
    chatwoot.failNext({ status: 503 });
    const failed = await say(person, button(person, 'handoff_yes'));
    expect(failed.join('\n')).toContain('No pude conectarte con una persona asesora');
    expect(failed.join('\n')).toContain('01 8000 180588');
    expect(chatwoot.conversations.size).toBe(conversations);
    // Not handed off: the bot answers.
    expect((await say(person, text(person, 'menu'))).join('\n')).toContain('¿Sobre qué necesitas orientación?');
    const { conversation } = await handOff(person);
    expect(conversation.status).toBe('open');
  });

  it('outside the 24-hour window: the template goes out, the advisor is told, the reply arrives when the person writes', async () => {
    const person = '573100000006';
    await arrive(person);
    const { conversation } = await handOff(person);
    await ageLastMessage(store, conversation.id, 25);
    const before = count(person);
    await chatwoot.advisorReplies(conversation.id, '¿Pudiste ir a la Defensoría?');
    await until('the template', () => count(person) > before);
    expect(received(person, before)).toEqual([`[template ${TEMPLATE}]`]);
    await until('the 24-hour note', () => noteTexts(conversation).some((n) => n.includes('24 horas') && n.includes(TEMPLATE)));
    // A second reply while waiting sends no second template.
    await chatwoot.advisorReplies(conversation.id, 'Te espero.');
    expect(count(person)).toBe(before + 1);

    const delivered = await say(person, text(person, 'Hola, ya estoy aquí'), 2);
    expect(delivered).toEqual(['👤 *Persona asesora PRO:*\n¿Pudiste ir a la Defensoría?', '👤 *Persona asesora PRO:*\nTe espero.']);
    await until('the relay', () => relayed(conversation).includes('Hola, ya estoy aquí'));
  });

  it('"borrar mis datos" during the hand-off ends it and deletes the Chatwoot contact', async () => {
    const person = '573100000007';
    await arrive(person);
    const { conversation } = await handOff(person);
    const contacts = chatwoot.contactIdentifiers().length;
    const ask = await say(person, text(person, 'borrar mis datos'));
    await until('resolved in Chatwoot', () => conversation.status === 'resolved' || !chatwoot.conversations.has(conversation.id));
    expect(ask.join('\n')).toMatch(/borrar|eliminar/i);
    await say(person, button(person, 'delete_yes'));
    await until('the contact deleted', () => chatwoot.contactIdentifiers().length === contacts - 1);
    expect(chatwoot.requests.some((r) => r.method === 'DELETE' && /\/contacts\/\d+$/.test(r.path))).toBe(true);
  });
});

describe('hand-off without a template, outside hours, and on the Emulator', () => {
  let store: TestStore;
  let graph: FakeGraphApi;
  let chatwoot: FakeChatwoot;
  let stub: ConnectorStub;
  let bot: BotProcess;
  let seq = 0;

  // A day that is not today in Bogotá: advisors are never working during this test.
  const bogotaDay = new Date(Date.now() - 5 * 3600 * 1000).getUTCDay();
  const otherDay = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][(bogotaDay + 3) % 7];

  const activity = (fields: Partial<Activity>): Partial<Activity> => ({
    channelId: 'emulator',
    serviceUrl: stub.url,
    conversation: { id: 'handoff-emulator' } as Activity['conversation'],
    from: { id: 'emulator-user-handoff', name: 'Tester' },
    recipient: { id: 'pro-bot', name: 'PRO Bot' },
    id: `activity-${++seq}`,
    timestamp: new Date(),
    locale: 'es-CO',
    ...fields,
  });
  const say = async (textOrValue: string): Promise<string[]> => {
    const before = stub.replies.length;
    const res = await fetch(`${bot.baseUrl}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity({ type: 'message', text: textOrValue })) });
    expect(res.status).toBeLessThan(300);
    return stub.replies.slice(before).map((a) => a.text ?? '');
  };

  beforeAll(async () => {
    store = await startTestStore();
    graph = await FakeGraphApi.start({ phoneNumberId: PHONE_NUMBER_ID });
    chatwoot = await FakeChatwoot.start();
    stub = await startConnectorStub();
    const env = botEnv(store, graph, chatwoot, { ALLOW_EMULATOR: 'true', HANDOFF_HOURS: `${otherDay} 08:00-17:00` });
    bot = await startBotProcess(env, { embeddedPort: Number(new URL(store.endpoint).port) });
    chatwoot.webhookUrl = `${bot.baseUrl}/api/chatwoot`;
  });
  afterAll(async () => {
    await bot?.stop();
    await stub?.close();
    await chatwoot?.close();
    await graph?.close();
    await store?.destroy();
  });

  it('on the Emulator, outside hours: the conversation still opens, the person hears when advisors answer, replies arrive proactively', async () => {
    await fetch(`${bot.baseUrl}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity({ type: 'conversationUpdate', membersAdded: [{ id: 'emulator-user-handoff', name: 'Tester' }] })) });
    await stub.waitFor(3);
    await say('consent_yes');
    expect((await say('talk to a person')).join('\n')).toContain('persona asesora');
    const opened = (await say('handoff_yes')).join('\n');
    expect(opened).toContain('Ahora no hay personas asesoras conectadas');
    expect(opened).toMatch(/desde el \*\p{L}+ a las 08:00\*/u);
    expect(opened).toContain('01 8000 180588');
    const conversation = chatwoot.onlyConversation();
    expect(conversation.customAttributes).toMatchObject({ channel: 'emulator' });

    expect(await say('Necesito ayuda con mi hija')).toEqual([]);
    await until('the relay', () => chatwoot.messages(conversation.id, { messageType: 'incoming' }).length === 1);

    const before = stub.replies.length;
    await chatwoot.advisorReplies(conversation.id, 'Buenos días, te leo.');
    await chatwoot.advisorReplies(conversation.id, '¿En qué ciudad estás?');
    const replies = await stub.waitFor(before + 2);
    expect(replies.slice(before).map((a) => a.text)).toEqual(['👤 *Persona asesora PRO:*\nBuenos días, te leo.', '👤 *Persona asesora PRO:*\n¿En qué ciudad estás?']);
  });

  it('WhatsApp outside the 24-hour window with no template: a private note, no failure, delivery when the person writes', async () => {
    const person = '573100000008';
    const sends = (): number => graph.sends().filter((r) => (r.body as Json | undefined)?.to === person).length;
    const step = async (payload: Json, replies: number): Promise<void> => {
      const before = sends();
      await deliver(bot, payload);
      expect(sends()).toBeGreaterThanOrEqual(before + replies);
    };
    await step(text(person, 'hola'), 2);
    await step(button(person, 'consent_yes'), 1);
    await step(text(person, 'asesor'), 1);
    const conversations = chatwoot.conversations.size;
    await step(button(person, 'handoff_yes'), 1);
    const conversation = [...chatwoot.conversations.values()][conversations];

    await ageLastMessage(store, conversation.id, 30);

    const before = sends();
    const delivery = await chatwoot.advisorReplies(conversation.id, '¿Sigues ahí?');
    expect(delivery.status).toBe(200);
    await until('the note', () => chatwoot.messages(conversation.id, { private: true, by: 'api' }).some((m) => m.content.includes('no hay plantilla configurada')));
    expect(sends()).toBe(before);
    await step(text(person, 'sí, aquí estoy'), 1);
    expect(graph.sends().filter((r) => (r.body as Json | undefined)?.to === person).map((r) => ((r.body as Json).text as Json | undefined)?.body).pop()).toBe('👤 *Persona asesora PRO:*\n¿Sigues ahí?');
    expect(graph.violations()).toEqual([]);
  });
});
