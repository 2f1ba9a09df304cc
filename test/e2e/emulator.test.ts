/**
 * End to end, as a tester with the Bot Framework Emulator would see it: the built server started
 * like `npm start` (embedded store), Emulator-style activities over real HTTP, replies delivered to
 * a local connector stub; then a restart, and the conversation goes on where it was.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Activity } from 'botbuilder';
import { MENU_IDS } from '../../dialogs/mainDialog';
import { BotProcess, startBotProcess } from '../support/botProcess';
import { ConnectorStub, startConnectorStub } from '../support/connectorStub';
import { freePort } from '../support/ports';

const USER_ID = 'emulator-user-5730012345';
const SECRET_TEXT = 'consent_yes';

describe('Emulator conversation against the running server', () => {
  let dataDir: string;
  let stub: ConnectorStub;
  let bot: BotProcess;
  let embeddedPort: number;
  let seq = 0;

  const activity = (fields: Partial<Activity>): Partial<Activity> => ({
    channelId: 'emulator',
    serviceUrl: stub.url,
    conversation: { id: 'e2e-conversation' } as Activity['conversation'],
    from: { id: USER_ID, name: 'Tester' },
    recipient: { id: 'pro-bot', name: 'PRO Bot' },
    id: `activity-${++seq}`,
    timestamp: new Date(),
    locale: 'es-CO',
    ...fields,
  });

  const post = (body: unknown, raw = false) =>
    fetch(`${bot.baseUrl}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: raw ? (body as string) : JSON.stringify(body) });

  /** Posts a message and returns the replies it caused. */
  const say = async (text: string): Promise<Partial<Activity>[]> => {
    const before = stub.replies.length;
    const res = await post(activity({ type: 'message', text }));
    expect(res.status).toBeLessThan(300);
    return stub.replies.slice(before);
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'probot-e2e-'));
    stub = await startConnectorStub();
    embeddedPort = await freePort();
    bot = await startBotProcess({ DATA_DIR: dataDir }, { embeddedPort });
  });
  afterAll(async () => {
    await bot?.stop();
    await stub?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers /healthz with the embedded store', async () => {
    const res = await fetch(`${bot.baseUrl}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', storage: 'embedded', version: expect.any(String) });
  });

  it('greets on conversationUpdate, takes consent, shows the menu and a theme', async () => {
    const res = await post(activity({ type: 'conversationUpdate', membersAdded: [{ id: USER_ID, name: 'Tester' }] }));
    expect(res.status).toBeLessThan(300);
    const welcome = await stub.waitFor(3);
    expect(welcome.map((a) => a.text).join('\n')).toContain('Privacidad');
    expect(welcome[2].suggestedActions?.actions.map((a) => a.value)).toEqual(['consent_yes', 'consent_no']);

    const menu = await say(SECRET_TEXT);
    expect(menu[menu.length - 1].suggestedActions?.actions.map((a) => a.value)).toEqual([...MENU_IDS]);

    const theme = await say('pro_points');
    expect(theme[0].text).toContain('¿Qué quieres saber');
    expect(theme[0].replyToId).toBeDefined();
  });

  it('continues the same conversation after a restart', async () => {
    expect(await bot.stop()).toBe(0);
    bot = await startBotProcess({ DATA_DIR: dataDir }, { embeddedPort });
    const replies = await say('contact');
    expect(replies.map((a) => a.text).join('\n')).toContain('01 8000 180588');
  });

  it('answers 400, not 500, to a body that is not an activity', async () => {
    expect((await post({ hello: 'world' })).status).toBe(400);
    expect((await post([1, 2])).status).toBe(400);
    expect((await post('{"type": "message", ', true)).status).toBe(400);
  });

  it('keeps phone-like user ids and message text out of the logs', () => {
    const logs = bot.logs.join('\n');
    expect(bot.logs.length).toBeGreaterThan(0);
    expect(logs).not.toContain(USER_ID);
    expect(logs).not.toContain('5730012345');
  });
});
