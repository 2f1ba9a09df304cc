/**
 * Unpacks a zip into a folder with yauzl (an independent reader: the package is written with yazl).
 * Entries are unpacked a few at a time (the central directory read first), since one at a time
 * leaves both the disk and the inflater waiting on each other for 29,000 small files.
 */
import { createWriteStream, mkdirSync } from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';

/** How many entries are read and written at once. */
const AT_ONCE = 32;

function openZip(zipFile: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => yauzl.open(zipFile, { lazyEntries: true, autoClose: false }, (error, zip) => (error || !zip ? reject(error) : resolve(zip))));
}

function entriesOf(zip: yauzl.ZipFile): Promise<yauzl.Entry[]> {
  return new Promise((resolve, reject) => {
    const entries: yauzl.Entry[] = [];
    zip.on('error', reject);
    zip.on('entry', (entry: yauzl.Entry) => {
      entries.push(entry);
      zip.readEntry();
    });
    zip.on('end', () => resolve(entries));
    zip.readEntry();
  });
}

function readStream(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<NodeJS.ReadableStream> {
  return new Promise((resolve, reject) => zip.openReadStream(entry, (error, stream) => (error || !stream ? reject(error) : resolve(stream))));
}

/** Unpacks every entry of `zipFile` under `folder`; resolves with the entry names. */
export async function unzip(zipFile: string, folder: string): Promise<string[]> {
  const zip = await openZip(zipFile);
  try {
    const entries = await entriesOf(zip);
    const made = new Set<string>();
    const folderOf = (target: string): void => {
      if (made.has(target)) return;
      mkdirSync(target, { recursive: true });
      made.add(target);
    };
    for (const entry of entries) {
      const target = path.join(folder, entry.fileName);
      if (!target.startsWith(folder + path.sep)) throw new Error(`entry outside the folder: ${entry.fileName}`);
      folderOf(entry.fileName.endsWith('/') ? target : path.dirname(target));
    }
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < entries.length) {
        const entry = entries[next++];
        if (entry.fileName.endsWith('/')) continue;
        await pipeline(await readStream(zip, entry), createWriteStream(path.join(folder, entry.fileName)));
      }
    };
    await Promise.all(Array.from({ length: AT_ONCE }, worker));
    return entries.map((entry) => entry.fileName);
  } finally {
    zip.close();
  }
}
