/**
 * The embedded store's write-ahead journal: an append-only file of changes, each group of changes
 * framed with its length and CRC-32 and made durable with one fdatasync (group commit: changes
 * arriving while an fsync runs share the next one). A crash can tear only the frame being written,
 * whose changes nobody was told about yet; reading stops at the first torn or corrupt frame.
 */
import { promises as fs } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { crc32 } from 'node:zlib';

/** Journal files are `journal.<generation>`; a snapshot names the generation that follows it. */
export const JOURNAL_PREFIX = 'embedded-cosmos.journal.';
const HEADER_BYTES = 8;

export function journalFile(dataDir: string, generation: number): string {
  return path.join(dataDir, `${JOURNAL_PREFIX}${generation}`);
}

/** Generations of the journal files present in `dataDir`, oldest first. */
export async function journalGenerations(dataDir: string): Promise<number[]> {
  const names = await fs.readdir(dataDir);
  return names
    .filter((n) => n.startsWith(JOURNAL_PREFIX) && /^\d+$/.test(n.slice(JOURNAL_PREFIX.length)))
    .map((n) => Number(n.slice(JOURNAL_PREFIX.length)))
    .sort((a, b) => a - b);
}

/** Makes a rename or a new file in `dir` survive a power cut. */
export async function fsyncDir(dir: string): Promise<void> {
  const handle = await fs.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** The records of one journal file, in order, up to the first torn frame; `torn` tells whether one was found. */
export async function readJournal(file: string): Promise<{ records: string[]; frames: number; torn: boolean }> {
  let data: Buffer;
  try {
    data = await fs.readFile(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { records: [], frames: 0, torn: false };
    throw err;
  }
  const records: string[] = [];
  let frames = 0;
  let offset = 0;
  while (offset < data.length) {
    if (data.length - offset < HEADER_BYTES) return { records, frames, torn: true };
    const length = data.readUInt32LE(offset);
    const checksum = data.readUInt32LE(offset + 4);
    const start = offset + HEADER_BYTES;
    if (data.length - start < length) return { records, frames, torn: true };
    const payload = data.subarray(start, start + length);
    if (crc32(payload) !== checksum) return { records, frames, torn: true };
    for (const line of payload.toString('utf8').split('\n')) if (line) records.push(line);
    offset = start + length;
    frames++;
  }
  return { records, frames, torn: false };
}

/**
 * One open journal file. `append` is synchronous (the change is already applied in memory);
 * `durable(seq)` resolves once every record up to `seq` is on disk.
 *
 * @example
 * const journal = await WriteJournal.open(journalFile(dir, 3));
 * const seq = journal.append(JSON.stringify(change));
 * await journal.durable(seq); // now the client may be told
 */
export class WriteJournal {
  /** Sequence number of the last appended record. */
  appended = 0;
  /** Sequence number of the last record known to be on disk. */
  synced = 0;
  /** Bytes written to this file so far. */
  bytes = 0;
  private pending: string[] = [];
  private waiters: { seq: number; resolve: () => void; reject: (err: Error) => void }[] = [];
  private writing: Promise<void> | undefined;
  private failure: Error | undefined;

  private constructor(readonly file: string, private readonly handle: FileHandle) {}

  static async open(file: string): Promise<WriteJournal> {
    const handle = await fs.open(file, 'a');
    const { size } = await handle.stat();
    // The file's directory entry must be durable before anything written to it counts.
    await fsyncDir(path.dirname(file));
    const journal = new WriteJournal(file, handle);
    journal.bytes = size;
    return journal;
  }

  append(record: string): number {
    this.pending.push(record);
    this.appended++;
    return this.appended;
  }

  /** Resolves when every record up to `seq` (default: all appended so far) is on disk. */
  durable(seq = this.appended): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (seq <= this.synced) return Promise.resolve();
    const promise = new Promise<void>((resolve, reject) => this.waiters.push({ seq, resolve, reject }));
    this.kick();
    return promise;
  }

  /** Writes whatever is pending, then closes the file. */
  async close(): Promise<void> {
    await this.durable().catch(() => undefined);
    if (this.writing) await this.writing;
    await this.handle.close();
  }

  private kick(): void {
    if (this.writing) return; // the running write picks up what arrived meanwhile
    this.writing = this.writeLoop().finally(() => {
      this.writing = undefined;
      // Records may have arrived between the loop's last check and here.
      if (this.pending.length && !this.failure) this.kick();
    });
  }

  private async writeLoop(): Promise<void> {
    while (this.pending.length && !this.failure) {
      const records = this.pending;
      const upTo = this.appended;
      this.pending = [];
      const payload = Buffer.from(records.join('\n'), 'utf8');
      const frame = Buffer.allocUnsafe(HEADER_BYTES + payload.length);
      frame.writeUInt32LE(payload.length, 0);
      frame.writeUInt32LE(crc32(payload), 4);
      payload.copy(frame, HEADER_BYTES);
      try {
        await this.handle.write(frame);
        await this.handle.datasync();
      } catch (err) {
        // Nothing after a failed write can be trusted to be durable: refuse every later acknowledgement.
        this.failure = new Error(`journal ${this.file}: ${(err as Error).message}`);
        for (const waiter of this.waiters.splice(0)) waiter.reject(this.failure);
        return;
      }
      this.bytes += frame.length;
      this.synced = upTo;
      const ready = this.waiters.filter((w) => w.seq <= upTo);
      this.waiters = this.waiters.filter((w) => w.seq > upTo);
      for (const waiter of ready) waiter.resolve();
    }
  }
}
