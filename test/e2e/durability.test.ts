/**
 * Nothing acknowledged is lost: real bot processes on the embedded store, killed with SIGKILL right
 * after they acknowledged something (a reply to the person, a CLI's success, a confirmed deletion),
 * then restarted on the same DATA_DIR.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Activity } from 'botbuilder';
import { writeReferralFile } from '../../bot/referrals';
import { benchReferrals } from '../../scripts/benchImport';
import { runCli, runCliJson } from '../cli/runCli';
import { BotProcess, startBotProcess } from '../support/botProcess';
import { freePort } from '../support/ports';

jest.setTimeout(120000);

describe('durability across SIGKILL', () => {
  let dataDir: string;
  let embeddedPort: number;
  let bot: BotProcess | undefined;
  let seq = 0;

  const start = async (): Promise<BotProcess> => (bot = await startBotProcess({ DATA_DIR: dataDir }, { embeddedPort }));

  /** One Emulator message; the replies come back in the HTTP response (deliveryMode expectReplies). */
  const say = async (text: string, user: string): Promise<Partial<Activity>[]> => {
    const res = await fetch(`${bot?.baseUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'message',
        text,
        deliveryMode: 'expectReplies',
        channelId: 'emulator',
        serviceUrl: 'http://127.0.0.1:9/unused',
        conversation: { id: `conversation-${user}` },
        from: { id: user, name: 'Tester' },
        recipient: { id: 'pro-bot', name: 'PRO Bot' },
        id: `activity-${++seq}`,
        timestamp: new Date().toISOString(),
        locale: 'es-CO',
      }),
    });
    expect(res.status).toBe(200);
    return ((await res.json()) as { activities: Partial<Activity>[] }).activities;
  };
  const choices = (replies: Partial<Activity>[]): unknown[] => replies.flatMap((a) => a.suggestedActions?.actions.map((x) => x.value) ?? []);

  beforeEach(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'probot-durability-'));
    embeddedPort = await freePort();
  });
  afterEach(async () => {
    await bot?.crash();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps a consent that was answered, when the bot is killed right after the reply', async () => {
    expect(choices(await say('hola', 'person-a'))).toContain('consent_yes');
    const menu = await say('consent_yes', 'person-a');
    expect(choices(menu)).toContain('regularization');
    await bot?.crash();

    await start();
    const after = await say('menú', 'person-a');
    expect(choices(after)).toContain('regularization');
    expect(choices(after)).not.toContain('consent_yes');
  });

  it('keeps every row of an import that printed success through the running bot', async () => {
    const file = path.join(dataDir, '..', `${path.basename(dataDir)}.csv`);
    writeFileSync(file, writeReferralFile(benchReferrals(50), 'csv'));
    const env = { DATA_DIR: dataDir, COSMOS_EMBEDDED_PORT: String(embeddedPort), LOG_LEVEL: 'error' };
    try {
      const run = await runCli(['referrals', 'import', file, '--actor', 'durability'], env);
      expect(run.code).toBe(0);
      await bot?.crash();

      await start();
      const listed = await runCliJson<{ referrals: { id: string }[] }>(['referrals', 'list', '--include-inactive'], env);
      expect(listed.code).toBe(0);
      expect(listed.json.referrals.filter((r) => r.id.startsWith('bench-'))).toHaveLength(50);
      const history = await runCliJson<{ history: unknown[] }>(['referrals', 'show', 'bench-00049', '--history'], env);
      expect(history.json.history).toHaveLength(1);
    } finally {
      rmSync(file, { force: true });
    }
  });

  it('keeps a confirmed "borrar mis datos" deleted', async () => {
    await say('hola', 'person-b');
    await say('consent_yes', 'person-b');
    expect(choices(await say('borrar mis datos', 'person-b'))).toContain('delete_yes');
    const done = await say('delete_yes', 'person-b');
    expect(done.map((a) => a.text).join('\n')).toContain('borramos todos tus datos');
    await bot?.crash();

    await start();
    // A person the bot does not know is asked for consent again.
    expect(choices(await say('menú', 'person-b'))).toContain('consent_yes');
  });

  beforeEach(async () => {
    await start();
  });
});
