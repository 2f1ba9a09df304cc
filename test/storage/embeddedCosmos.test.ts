/**
 * The embedded store keeps what it acknowledged. "A crash right after the response" is taken as a
 * copy of DATA_DIR made at that moment (what a SIGKILL would leave on disk), opened by a new store;
 * test/e2e/durability.test.ts does the same with real processes and SIGKILL.
 */
import { appendFileSync, cpSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EmbeddedStoreError, SNAPSHOT_FILE, startEmbeddedCosmos } from '../../bot/storage/embeddedCosmos';
import { openStore, Store } from '../../bot/storage/openStore';
import { LEGACY_SNAPSHOT_FILE } from '../../bot/storage/storeSnapshot';
import { journalFile, journalGenerations, readJournal } from '../../bot/storage/writeJournal';

const open = (dataDir: string): Promise<Store> => openStore({ database: 'probot', embeddedPort: 0, dataDir }, { stateTtlDays: 30 });

describe('embedded Cosmos-compatible store', () => {
  let dataDir: string;
  const dirs: string[] = [];
  const tempDir = (): string => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'probot-embedded-'));
    dirs.push(dir);
    return dir;
  };
  /** What a crash would leave now: the files on disk, without the running process. */
  const crashCopy = (): string => {
    const copy = tempDir();
    cpSync(dataDir, copy, { recursive: true, filter: (src) => !src.endsWith('owner.json') });
    return copy;
  };
  beforeEach(() => {
    dataDir = tempDir();
  });
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('keeps its data across a restart', async () => {
    const first = await open(dataDir);
    await first.containers.referrals.items.upsert({ id: 'r1', partitionKey: '54', name: 'Punto de prueba' });
    await first.close();

    const second = await open(dataDir);
    const { resource } = await second.containers.referrals.item('r1', '54').read();
    expect(resource?.name).toBe('Punto de prueba');
    await second.close();
  });

  it('has every acknowledged write on disk the moment the response arrives', async () => {
    const store = await open(dataDir);
    const { resource: created } = await store.containers.state.items.create({ id: 'person-1', consent: true });
    await store.containers.state.items.upsert({ id: 'person-2', consent: true });
    await store.containers.state.item('person-1', 'person-1').replace({ id: 'person-1', consent: true, locale: 'en' });
    await store.containers.state.items.bulk([{ operationType: 'Create', partitionKey: 'person-3', resourceBody: { id: 'person-3', consent: false } }]);
    const copy = crashCopy();
    await store.close();

    const after = await startEmbeddedCosmos({ port: 0, dataDir: copy });
    const state = after.client.database('probot').container('botstate');
    const { resource: one } = await state.item('person-1', 'person-1').read();
    expect(one).toMatchObject({ consent: true, locale: 'en' });
    expect(one?._etag).not.toBe(created?._etag);
    expect((await state.item('person-2', 'person-2').read()).resource?.consent).toBe(true);
    expect((await state.item('person-3', 'person-3').read()).resource?.consent).toBe(false);
    expect(after.loaded.journalRecords).toBeGreaterThan(0);
    await after.close();
  });

  it('replays patch increments exactly once, and keeps ETags across restarts', async () => {
    const store = await open(dataDir);
    await store.containers.stats.items.create({ id: 'counter', n: 0 });
    for (let i = 0; i < 3; i++) await store.containers.stats.item('counter', 'counter').patch([{ op: 'incr', path: '/n', value: 1 }]);
    const { resource: last } = await store.containers.stats.item('counter', 'counter').read();
    const copy = crashCopy();
    await store.close();

    for (let restart = 0; restart < 2; restart++) {
      const again = await startEmbeddedCosmos({ port: 0, dataDir: copy });
      const { resource } = await again.client.database('probot').container('stats').item('counter', 'counter').read();
      expect(resource?.n).toBe(3);
      // Replay restores the stored object itself, so an ETag read before the crash still matches.
      expect(resource?._etag).toBe(last?._etag);
      await again.close();
    }
  });

  it('keeps a confirmed deletion deleted after a crash', async () => {
    const store = await open(dataDir);
    await store.containers.state.items.create({ id: 'person-9', consent: true });
    await store.close(); // now it is in the snapshot, the older copy a crash could bring back
    const reopened = await open(dataDir);
    await reopened.containers.state.item('person-9', 'person-9').delete();
    const copy = crashCopy();
    await reopened.close();

    const after = await startEmbeddedCosmos({ port: 0, dataDir: copy });
    const { statusCode } = await after.client.database('probot').container('botstate').item('person-9', 'person-9').read();
    expect(statusCode).toBe(404);
    await after.close();
  });

  it('ignores a torn last journal record and keeps everything before it', async () => {
    const store = await open(dataDir);
    await store.containers.state.items.create({ id: 'kept', consent: true });
    const copy = crashCopy();
    await store.close();
    const [generation] = await journalGenerations(copy);
    // A frame header promising 500 bytes, of which only a few made it to disk.
    const torn = Buffer.alloc(12);
    torn.writeUInt32LE(500, 0);
    appendFileSync(journalFile(copy, generation), torn);

    const after = await startEmbeddedCosmos({ port: 0, dataDir: copy });
    expect(after.loaded.tornTail).toBe(true);
    expect((await after.client.database('probot').container('botstate').item('kept', 'kept').read()).resource?.consent).toBe(true);
    // Compacted at start: the torn bytes are gone and new writes follow a clean journal.
    const generations = await journalGenerations(copy);
    expect((await readJournal(journalFile(copy, generations[generations.length - 1]))).torn).toBe(false);
    await after.close();
  });

  it('shares one fsync between writes that arrive together (group commit)', async () => {
    const store = await open(dataDir);
    await Promise.all(Array.from({ length: 40 }, (_, i) => store.containers.state.items.upsert({ id: `p${i}`, consent: true })));
    const generations = await journalGenerations(dataDir);
    const { records, frames } = await readJournal(journalFile(dataDir, generations[generations.length - 1]));
    expect(records.length).toBeGreaterThanOrEqual(40);
    expect(frames).toBeLessThan(40);
    await store.close();
  });

  it('writes nothing while only reading and querying, and takes no snapshot at close when nothing changed', async () => {
    const first = await open(dataDir);
    await first.containers.referrals.items.upsert({ id: 'r1', partitionKey: '54', name: 'Punto' });
    await first.close();
    const snapshotAt = statSync(path.join(dataDir, SNAPSHOT_FILE)).mtimeMs;

    const store = await open(dataDir);
    // A cross-partition query makes the SDK POST a query plan first; neither is a write.
    await store.containers.referrals.items.query('SELECT * FROM c WHERE c.name = "Punto" ORDER BY c.name').fetchAll();
    await store.containers.referrals.item('r1', '54').read();
    await store.containers.referrals.items.readAll().fetchAll();
    await store.ping();
    const generations = await journalGenerations(dataDir);
    expect(statSync(journalFile(dataDir, generations[generations.length - 1])).size).toBe(0);
    await store.close();
    expect(statSync(path.join(dataDir, SNAPSHOT_FILE)).mtimeMs).toBe(snapshotAt);
  });

  it('moves a store saved in the old single-file format to the snapshot and journal', async () => {
    writeFileSync(
      path.join(dataDir, LEGACY_SNAPSHOT_FILE),
      JSON.stringify({
        version: 1,
        savedAt: '2026-11-01T00:00:00Z',
        databases: [{ id: 'probot', containers: [{ id: 'referrals', partitionKey: { paths: ['/partitionKey'] }, items: [{ id: 'old', partitionKey: '05', name: 'Antiguo' }] }] }],
      }),
    );
    const store = await open(dataDir);
    expect((await store.containers.referrals.item('old', '05').read()).resource?.name).toBe('Antiguo');
    await store.close();
    expect(readdirSync(dataDir)).not.toContain(LEGACY_SNAPSHOT_FILE);
    const again = await open(dataDir);
    expect((await again.containers.referrals.item('old', '05').read()).resource?.name).toBe('Antiguo');
    await again.close();
  });

  it('names the variable when the port is taken', async () => {
    const first = await startEmbeddedCosmos({ port: 0, dataDir });
    const port = Number(new URL(first.endpoint).port);
    await expect(startEmbeddedCosmos({ port, dataDir: tempDir() })).rejects.toThrow(/COSMOS_EMBEDDED_PORT: port \d+ is already in use/);
    await first.close();
  });

  it('refuses an unreadable snapshot with a clear message instead of starting empty', async () => {
    writeFileSync(path.join(dataDir, SNAPSHOT_FILE), '{ not json');
    await expect(startEmbeddedCosmos({ port: 0, dataDir })).rejects.toBeInstanceOf(EmbeddedStoreError);
  });
});
