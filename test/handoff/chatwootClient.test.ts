import http from 'node:http';
import { ChatwootClient, ChatwootError } from '../../bot/handoff/chatwootClient';
import { FakeChatwoot } from '../support/fakeChatwoot';

describe('ChatwootClient against the fake Chatwoot (shapes from its OpenAPI file)', () => {
  let chatwoot: FakeChatwoot;
  let client: ChatwootClient;

  beforeEach(async () => {
    chatwoot = await FakeChatwoot.start();
    client = new ChatwootClient({ baseUrl: chatwoot.baseUrl, apiToken: chatwoot.options.apiToken, accountId: chatwoot.options.accountId, inboxId: chatwoot.options.inboxId, timeoutMs: 500 });
  });
  afterEach(async () => {
    client.close();
    await chatwoot.close();
  });

  it('creates a contact by pseudonym in our inbox, then reuses it', async () => {
    const first = await client.findOrCreateContact('a1b2c3d4e5f6');
    const again = await client.findOrCreateContact('a1b2c3d4e5f6');
    expect(again).toEqual(first);
    expect(first.sourceId).toMatch(/^[0-9a-f-]{36}$/);
    expect(chatwoot.contactIdentifiers()).toEqual(['a1b2c3d4e5f6']);
    const create = chatwoot.requests.find((r) => r.method === 'POST' && r.path.endsWith('/contacts'));
    expect(create?.body).toMatchObject({ inbox_id: 3, identifier: 'a1b2c3d4e5f6' });
    expect(create?.body).not.toHaveProperty('phone_number');
    expect(chatwoot.requests.every((r) => r.token === 'chatwoot-test-token')).toBe(true);
  });

  it('does not take a contact whose identifier only contains ours (search matches parts)', async () => {
    await client.findOrCreateContact('abc123-longer');
    await client.findOrCreateContact('abc123');
    expect(chatwoot.contactIdentifiers().sort()).toEqual(['abc123', 'abc123-longer']);
  });

  it('opens a conversation with custom attributes, posts a note and an incoming message, resolves it', async () => {
    const contact = await client.findOrCreateContact('p1');
    const id = await client.createConversation(contact, { theme: 'protection', channel: 'whatsapp' });
    await client.postPrivateNote(id, 'contexto');
    await client.postIncoming(id, 'hola');
    await client.resolveConversation(id);
    const conversation = chatwoot.conversations.get(id);
    expect(conversation).toMatchObject({ status: 'resolved', customAttributes: { theme: 'protection', channel: 'whatsapp' } });
    expect(conversation?.messages.map((m) => [m.messageType, m.private, m.content])).toEqual([
      ['outgoing', true, 'contexto'],
      ['incoming', false, 'hola'],
    ]);
  });

  it("lists a conversation's messages in order, telling the advisor's public replies apart", async () => {
    const contact = await client.findOrCreateContact('p6');
    const id = await client.createConversation(contact, {});
    await client.postPrivateNote(id, 'nota');
    await client.postIncoming(id, 'hola');
    await chatwoot.advisorReplies(id, 'Hola, soy Ana.');
    expect(await client.listMessages(id)).toEqual([
      { id: expect.any(Number), content: 'nota', toPerson: false },
      { id: expect.any(Number), content: 'hola', toPerson: false },
      { id: expect.any(Number), content: 'Hola, soy Ana.', toPerson: true },
    ]);
  });

  it('deletes a contact; a contact already gone is not an error', async () => {
    const contact = await client.findOrCreateContact('p2');
    await client.deleteContact(contact.contactId);
    await client.deleteContact(contact.contactId);
    expect(chatwoot.contactIdentifiers()).toEqual([]);
  });

  it('fails with the status on an error answer, and within the timeout on a hung Chatwoot', async () => {
    chatwoot.failNext({ status: 503 });
    await expect(client.findOrCreateContact('p3')).rejects.toMatchObject({ name: 'ChatwootError', status: 503 });
    chatwoot.failNext({ hang: true });
    const started = Date.now();
    const err = await client.findOrCreateContact('p3').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ChatwootError);
    expect((err as ChatwootError).timedOut).toBe(true);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('refuses a wrong token like Chatwoot does (401)', async () => {
    const wrong = new ChatwootClient({ baseUrl: chatwoot.baseUrl, apiToken: 'nope', accountId: 7, inboxId: 3 });
    await expect(wrong.findOrCreateContact('p4')).rejects.toMatchObject({ status: 401 });
    wrong.close();
  });

  it('reuses its connection (keep-alive)', async () => {
    const sockets = new Set<unknown>();
    const server = (chatwoot as unknown as { server: http.Server }).server;
    server.on('connection', (s) => sockets.add(s));
    await client.findOrCreateContact('p5');
    await client.findOrCreateContact('p5');
    expect(sockets.size).toBe(1);
  });
});
