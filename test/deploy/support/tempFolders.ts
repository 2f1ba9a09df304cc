/** Temporary folders for one test file, removed after its last test. */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Call at the top of a describe block; returns a maker of fresh folders under the OS temp dir. */
export function useTempFolders(): (prefix: string) => string {
  const folders: string[] = [];
  afterAll(() => {
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  });
  return (prefix: string): string => {
    const folder = mkdtempSync(path.join(os.tmpdir(), prefix));
    folders.push(folder);
    return folder;
  };
}
