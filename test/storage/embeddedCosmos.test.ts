import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EmbeddedStoreError, SNAPSHOT_FILE, startEmbeddedCosmos } from '../../bot/storage/embeddedCosmos';
import { openStore } from '../../bot/storage/openStore';

describe('embedded Cosmos-compatible store', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'probot-embedded-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps its data across a restart', async () => {
    const first = await openStore({ database: 'probot', embeddedPort: 0, dataDir }, { stateTtlDays: 30 });
    await first.containers.referrals.items.upsert({ id: 'r1', partitionKey: '54', name: 'Punto de prueba' });
    await first.close();

    const second = await openStore({ database: 'probot', embeddedPort: 0, dataDir }, { stateTtlDays: 30 });
    const { resource } = await second.containers.referrals.item('r1', '54').read();
    expect(resource?.name).toBe('Punto de prueba');
    await second.close();
  });

  it('snapshots shortly after a write, without waiting for close', async () => {
    const store = await openStore({ database: 'probot', embeddedPort: 0, dataDir }, { stateTtlDays: 30 });
    await store.containers.stats.items.upsert({ id: 'counter', n: 1 });
    await new Promise((r) => setTimeout(r, 1500));
    const copy = await startEmbeddedCosmos({ port: 0, dataDir: path.join(dataDir) });
    const { resource } = await copy.client.database('probot').container('stats').item('counter', 'counter').read();
    expect(resource?.n).toBe(1);
    await copy.close();
    await store.close();
  });

  it('names the variable when the port is taken', async () => {
    const first = await startEmbeddedCosmos({ port: 0, dataDir });
    const port = Number(new URL(first.endpoint).port);
    const other = mkdtempSync(path.join(os.tmpdir(), 'probot-embedded-'));
    await expect(startEmbeddedCosmos({ port, dataDir: other })).rejects.toThrow(/COSMOS_EMBEDDED_PORT: port \d+ is already in use/);
    await first.close();
    rmSync(other, { recursive: true, force: true });
  });

  it('refuses an unreadable snapshot with a clear message instead of starting empty', async () => {
    writeFileSync(path.join(dataDir, SNAPSHOT_FILE), '{ not json');
    await expect(startEmbeddedCosmos({ port: 0, dataDir })).rejects.toBeInstanceOf(EmbeddedStoreError);
  });
});
