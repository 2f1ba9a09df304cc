/** Unpacks a zip into a folder with yauzl (an independent reader: the package is written with yazl). */
import { createWriteStream, mkdirSync } from 'node:fs';
import path from 'node:path';
import yauzl from 'yauzl';

/** Unpacks every entry of `zipFile` under `folder`; resolves with the entry names. */
export function unzip(zipFile: string, folder: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    yauzl.open(zipFile, { lazyEntries: true }, (openError, zip) => {
      if (openError || !zip) return reject(openError);
      const names: string[] = [];
      const made = new Set<string>();
      zip.on('error', reject);
      zip.on('end', () => resolve(names));
      zip.on('entry', (entry: yauzl.Entry) => {
        names.push(entry.fileName);
        const target = path.join(folder, entry.fileName);
        if (!target.startsWith(folder + path.sep)) return reject(new Error(`entry outside the folder: ${entry.fileName}`));
        if (entry.fileName.endsWith('/')) {
          mkdirSync(target, { recursive: true });
          return zip.readEntry();
        }
        const parent = path.dirname(target);
        if (!made.has(parent)) {
          mkdirSync(parent, { recursive: true });
          made.add(parent);
        }
        zip.openReadStream(entry, (readError, stream) => {
          if (readError || !stream) return reject(readError);
          stream.on('error', reject);
          stream.pipe(createWriteStream(target)).on('error', reject).on('close', () => zip.readEntry());
        });
      });
      zip.readEntry();
    });
  });
}
