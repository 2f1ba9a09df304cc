/** Test helper: a real Cosmos-compatible store (embedded server) on a free loopback port, in a temp folder. */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openStore, Store } from '../../bot/storage/openStore';

export interface TestStore extends Store {
  dataDir: string;
  /** Closes the store and removes its folder. */
  destroy(): Promise<void>;
}

export async function startTestStore(options: { dataDir?: string; database?: string } = {}): Promise<TestStore> {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'probot-test-'));
  const store = await openStore(
    { database: options.database ?? 'probot', embeddedPort: 0, dataDir },
    { stateTtlDays: 30 },
  );
  return Object.assign(store, {
    dataDir,
    async destroy() {
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  });
}
