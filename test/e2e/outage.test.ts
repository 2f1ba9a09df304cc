/**
 * A Cosmos outage: the bot keeps answering. /healthz says 503 with the reason, and a person who
 * writes gets a plain apology with the free national PRO line (and the emergency lines when the
 * message signals danger) instead of silence.
 */
import type { Activity } from 'botbuilder';
import { BotProcess, startBotProcess } from '../support/botProcess';
import { ConnectorStub, startConnectorStub } from '../support/connectorStub';
import { startTestStore, TestStore } from '../support/store';

describe('storage outage', () => {
  let store: TestStore;
  let stub: ConnectorStub;
  let bot: BotProcess;
  let seq = 0;

  const say = async (text: string): Promise<string> => {
    const before = stub.replies.length;
    const activity: Partial<Activity> = {
      type: 'message', text, channelId: 'emulator', serviceUrl: stub.url, id: `a${++seq}`,
      conversation: { id: 'outage' } as Activity['conversation'], from: { id: 'outage-user', name: 'Tester' }, recipient: { id: 'bot', name: 'PRO Bot' },
    };
    await fetch(`${bot.baseUrl}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
    return stub.replies.slice(before).map((r) => r.text).join('\n');
  };

  beforeAll(async () => {
    // The bot shares this store (as a second instance would) so the test can take it away.
    store = await startTestStore();
    stub = await startConnectorStub();
    bot = await startBotProcess({ DATA_DIR: store.dataDir }, { embeddedPort: Number(new URL(store.endpoint).port) });
  });
  afterAll(async () => {
    await bot?.stop();
    await stub?.close();
  });

  it('is healthy while the store answers', async () => {
    expect((await fetch(`${bot.baseUrl}/healthz`)).status).toBe(200);
    expect(await say('hola')).toContain('Privacidad');
  });

  it('says 503 with the reason, and still gives people the national line, when the store is gone', async () => {
    await store.destroy();
    const health = await fetch(`${bot.baseUrl}/healthz`);
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ status: 'unavailable', storage: 'embedded', reason: expect.stringContaining('storage unreachable') });

    const reply = await say('necesito ayuda con el ppt');
    expect(reply).toContain('algo falló');
    expect(reply).toContain('01 8000 180588');

    const danger = await say('me tienen encerrada y no me dejan salir');
    expect(danger).toContain('123');
    expect(danger).toContain('01 8000 180588');
  });
});
