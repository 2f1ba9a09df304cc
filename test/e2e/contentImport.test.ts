/**
 * An admin's content import reaches a running bot without a redeploy: the built bot runs as a child
 * process (embedded store, overrides refreshed every second), the built CLI exports the content,
 * the text is edited as in a spreadsheet and imported, and a new conversation over HTTP shows it.
 * The bot's logs never carry the text.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { Activity } from 'botbuilder';
import { BotProcess, startBotProcess } from '../support/botProcess';
import { ConnectorStub, startConnectorStub } from '../support/connectorStub';
import { freePort } from '../support/ports';
import { CliEnv } from '../cli/runCli';
import { runCommand, runCommandJson } from '../support/inProcessCli';
import type { ContentImportResult } from '../../cli/commands/content/import';

const MARKER = 'Revisado por el equipo PRO';

describe('pro content import against the running bot', () => {
  let dataDir: string;
  let stub: ConnectorStub;
  let bot: BotProcess;
  let env: CliEnv;
  let people = 0;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'probot-content-e2e-'));
    stub = await startConnectorStub();
    const embeddedPort = await freePort();
    bot = await startBotProcess({ DATA_DIR: dataDir, CONTENT_REFRESH_SECONDS: '1' }, { embeddedPort });
    env = { COSMOS_EMBEDDED_PORT: String(embeddedPort), DATA_DIR: dataDir, LOG_LEVEL: 'error' };
  });
  afterAll(async () => {
    await bot?.stop();
    await stub?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** What a new person sees first (the welcome carries the national line's fact). */
  const welcomeOfNewPerson = async (): Promise<string> => {
    const id = `content-person-${++people}`;
    const before = stub.replies.length;
    const activity: Partial<Activity> = {
      type: 'conversationUpdate',
      channelId: 'emulator',
      serviceUrl: stub.url,
      conversation: { id: `content-conversation-${people}` } as Activity['conversation'],
      from: { id, name: 'Tester' },
      recipient: { id: 'pro-bot', name: 'PRO Bot' },
      membersAdded: [{ id, name: 'Tester' }],
      id: `content-activity-${people}`,
      timestamp: new Date(),
      locale: 'es-CO',
    };
    const res = await fetch(`${bot.baseUrl}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
    expect(res.status).toBeLessThan(300);
    const replies = await stub.waitFor(before + 3);
    return replies.slice(before).map((a) => a.text ?? '').join('\n');
  };

  it('export → edit a text → import --dry-run → import, and a new conversation shows the new text', async () => {
    expect(await welcomeOfNewPerson()).not.toContain(MARKER);

    const csv = path.join(dataDir, 'content.csv');
    const exported = await runCommand(['content', 'export', '--format', 'csv', '--output', csv], env);
    expect(exported.code).toBe(0);
    const rows = parse(readFileSync(csv, 'utf8'), { columns: true }) as Record<string, string>[];
    const line = rows.find((r) => r.key === 'common.nationalLine' && r.locale === 'es');
    expect(line).toBeDefined();
    if (!line) return;
    line.text = `${line.text}\n${MARKER}.`;
    writeFileSync(csv, stringify(rows, { header: true, columns: Object.keys(rows[0]) }));

    const dry = await runCommandJson<ContentImportResult>(['content', 'import', csv, '--dry-run'], env);
    expect(dry.code).toBe(0);
    expect(dry.json).toMatchObject({ dryRun: true, set: 1, changed: [{ key: 'common.nationalLine', locale: 'es', action: 'set' }] });
    expect(await welcomeOfNewPerson()).not.toContain(MARKER);

    const done = await runCommandJson<ContentImportResult>(['content', 'import', csv, '--actor', 'e2e-admin'], env);
    expect(done.code).toBe(0);
    expect(done.json).toMatchObject({ dryRun: false, set: 1, unchanged: rows.length - 1 });

    // The bot refreshes every second: poll new conversations until one shows the text (no fixed sleep).
    const deadline = Date.now() + 20000;
    let welcome = '';
    while (Date.now() < deadline && !welcome.includes(MARKER)) welcome = await welcomeOfNewPerson();
    expect(welcome).toContain(MARKER);
    expect(bot.logs.some((l) => l.includes('"content overrides loaded"') && l.includes('"applied":1'))).toBe(true);
    expect(bot.logs.join('\n')).not.toContain(MARKER);
  });
});
