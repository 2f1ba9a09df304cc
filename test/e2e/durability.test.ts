/**
 * Nothing acknowledged is lost: a real bot process on the embedded store, killed with SIGKILL right
 * after it acknowledged three things at once (a reply to the person, a CLI's success through it, a
 * confirmed deletion), then restarted on the same DATA_DIR.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Activity } from 'botbuilder';
import { writeReferralFile } from '../../bot/referrals';
import { benchReferrals } from '../../scripts/benchImport';
import { runCommand, runCommandJson } from '../support/inProcessCli';
import { BotProcess, startBotProcess } from '../support/botProcess';
import { freePort } from '../support/ports';

describe('durability across SIGKILL', () => {
  let dir: string;
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
  const cli = (): Record<string, string> => ({ DATA_DIR: dataDir, COSMOS_EMBEDDED_PORT: String(embeddedPort), LOG_LEVEL: 'error' });

  /** What the bot acknowledged just before it was killed. */
  let acknowledged: { consent: Partial<Activity>[]; importCode: number; deletion: Partial<Activity>[] };

  // Three things acknowledged at the same moment, the SIGKILL right after the last answer, then a
  // restart on the same DATA_DIR: one kill and one restart instead of one per thing.
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'probot-durability-'));
    dataDir = path.join(dir, 'data');
    embeddedPort = await freePort();
    const file = path.join(dir, 'referrals.csv');
    writeFileSync(file, writeReferralFile(benchReferrals(50), 'csv'));
    await start();
    expect(choices(await say('hola', 'person-a'))).toContain('consent_yes');
    await say('hola', 'person-b');
    await say('consent_yes', 'person-b');
    expect(choices(await say('borrar mis datos', 'person-b'))).toContain('delete_yes');

    const [consent, imported, deletion] = await Promise.all([
      say('consent_yes', 'person-a'),
      runCommand(['referrals', 'import', file, '--actor', 'durability'], cli()),
      say('delete_yes', 'person-b'),
    ]);
    await bot?.crash();
    acknowledged = { consent, importCode: imported.code, deletion };
    await start();
  });
  afterAll(async () => {
    await bot?.crash();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps a consent that was answered, when the bot is killed right after the reply', async () => {
    expect(choices(acknowledged.consent)).toContain('regularization');
    const after = await say('menú', 'person-a');
    expect(choices(after)).toContain('regularization');
    expect(choices(after)).not.toContain('consent_yes');
  });

  it('keeps every row of an import that printed success through the running bot', async () => {
    expect(acknowledged.importCode).toBe(0);
    const listed = await runCommandJson<{ referrals: { id: string }[] }>(['referrals', 'list', '--include-inactive'], cli());
    expect(listed.code).toBe(0);
    expect(listed.json.referrals.filter((r) => r.id.startsWith('bench-'))).toHaveLength(50);
    const history = await runCommandJson<{ history: unknown[] }>(['referrals', 'show', 'bench-00049', '--history'], cli());
    expect(history.json.history).toHaveLength(1);
  });

  it('keeps a confirmed "borrar mis datos" deleted', async () => {
    expect(acknowledged.deletion.map((a) => a.text).join('\n')).toContain('borramos todos tus datos');
    // A person the bot does not know is asked for consent again.
    expect(choices(await say('menú', 'person-b'))).toContain('consent_yes');
  });
});
