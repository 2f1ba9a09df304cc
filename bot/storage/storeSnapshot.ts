/**
 * The embedded store's snapshot: every stored object as one JSON line (the journal's record format),
 * after a header naming the journal generation that continues it. Written to a temporary file,
 * fsynced, renamed over the old one and the folder fsynced, so a crash leaves the old or the new
 * snapshot, never half of one. Written in chunks so the event loop keeps serving people meanwhile.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { ChangeRecord } from './accountChanges';
import { EmbeddedStoreError } from './embeddedStoreError';
import { fsyncDir } from './writeJournal';

export const SNAPSHOT_FILE = 'embedded-cosmos.snapshot';
/** The format before the journal (one JSON document, items without system fields); read once, then replaced. */
export const LEGACY_SNAPSHOT_FILE = 'embedded-cosmos.json';

export interface SnapshotHeader {
  version: 2;
  savedAt: string;
  /** The journal generation whose changes come after this snapshot. */
  journal: number;
  records: number;
}

const CHUNK_BYTES = 1 << 20;

export async function writeSnapshot(dataDir: string, journal: number, records: Iterable<ChangeRecord>): Promise<SnapshotHeader> {
  const file = path.join(dataDir, SNAPSHOT_FILE);
  const tmp = `${file}.${process.pid}.tmp`;
  const handle = await fs.open(tmp, 'w');
  let count = 0;
  try {
    // The header's count is only known at the end, so it goes on the last line instead.
    let chunk: string[] = [];
    let size = 0;
    for (const record of records) {
      const line = JSON.stringify(record);
      chunk.push(line);
      size += line.length + 1;
      count++;
      if (size >= CHUNK_BYTES) {
        await handle.write(`${chunk.join('\n')}\n`);
        chunk = [];
        size = 0;
      }
    }
    const header: SnapshotHeader = { version: 2, savedAt: new Date().toISOString(), journal, records: count };
    chunk.push(JSON.stringify({ header }));
    await handle.write(`${chunk.join('\n')}\n`);
    await handle.sync();
    await handle.close();
    await fs.rename(tmp, file);
    await fsyncDir(dataDir);
    return header;
  } catch (err) {
    await handle.close().catch(() => undefined);
    await fs.rm(tmp, { force: true });
    throw err;
  }
}

/**
 * Reads the snapshot, handing each record to `apply`; undefined when there is none. A snapshot
 * without its closing header line is refused (it was renamed into place only once complete).
 */
export async function readSnapshot(dataDir: string, apply: (record: ChangeRecord) => void): Promise<SnapshotHeader | undefined> {
  const file = path.join(dataDir, SNAPSHOT_FILE);
  let stream;
  try {
    const handle = await fs.open(file, 'r');
    stream = handle.createReadStream({ encoding: 'utf8' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  let header: SnapshotHeader | undefined;
  let count = 0;
  try {
    for await (const line of createInterface({ input: stream, crlfDelay: Infinity })) {
      if (!line) continue;
      const parsed = JSON.parse(line) as ChangeRecord | { header: SnapshotHeader };
      if ('header' in parsed) {
        header = parsed.header;
        break;
      }
      apply(parsed);
      count++;
    }
  } catch (err) {
    throw new EmbeddedStoreError(`DATA_DIR: ${file} is not a readable PRO Bot snapshot (${(err as Error).message}); move it away to start empty`);
  } finally {
    stream.destroy();
  }
  if (!header || header.version !== 2 || header.records !== count) {
    throw new EmbeddedStoreError(`DATA_DIR: ${file} is not a complete PRO Bot snapshot; move it away to start empty`);
  }
  return header;
}

interface LegacySnapshot {
  version: 1;
  databases: { id: string; containers: { id: string; partitionKey: unknown; defaultTtl?: number; items: Record<string, unknown>[] }[] }[];
}

/** The pre-journal snapshot, if one is still there. */
export async function readLegacySnapshot(dataDir: string): Promise<LegacySnapshot | undefined> {
  const file = path.join(dataDir, LEGACY_SNAPSHOT_FILE);
  let raw: string;
  try {
    raw = await fs.readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  try {
    const parsed = JSON.parse(raw) as LegacySnapshot;
    if (parsed.version !== 1 || !Array.isArray(parsed.databases)) throw new Error('unknown format');
    return parsed;
  } catch (err) {
    throw new EmbeddedStoreError(`DATA_DIR: ${file} is not a readable PRO Bot snapshot (${(err as Error).message}); move it away to start empty`);
  }
}
