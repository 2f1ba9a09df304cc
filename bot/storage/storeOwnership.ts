/**
 * Who owns the embedded store's folder. Exactly one process serves a DATA_DIR; it says so in
 * `DATA_DIR/owner.json` (pid, role, command, port). A bot owns the store for as long as it runs and
 * every other process (a second bot, any `pro` command) uses its server. A `pro` command opens the
 * store itself only when no bot runs; a bot that finds a command holding it waits a bounded time
 * for it to finish, then says exactly which command holds it, so a bot never depends on a CLI.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { EmbeddedStoreError } from './embeddedStoreError';

export const OWNER_FILE = 'owner.json';

export interface StoreOwner {
  pid: number;
  role: 'bot' | 'cli';
  /** What people would recognise: "PRO Bot", "pro referrals import". */
  command: string;
  /** The owner's embedded server port (0 while it is still starting). */
  port: number;
  startedAt: string;
}

export type Claim =
  /** This process owns the folder: start the server, then `announce` its port; `release` at close. */
  | { kind: 'owned'; announce(port: number): Promise<void>; release(): Promise<void> }
  /** A running bot owns it: use its server. */
  | { kind: 'bot'; owner: StoreOwner };

export interface ClaimOptions {
  role: StoreOwner['role'];
  command: string;
  /** How long to wait while another `pro` command holds the folder. */
  waitMs: number;
  pollMs?: number;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readOwner(file: string): Promise<StoreOwner | undefined> {
  try {
    return JSON.parse(await fs.readFile(file, 'utf8')) as StoreOwner;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    // Written with link(2), so never half-written; an unreadable file is not ours to trust.
    throw new EmbeddedStoreError(`DATA_DIR: ${file} is unreadable (${(err as Error).message}); remove it if no PRO Bot or pro command is running`);
  }
}

/** Writes `owner` to `file` only if no owner file exists (atomic: link fails when it does). */
async function createExclusive(file: string, owner: StoreOwner): Promise<boolean> {
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  await fs.writeFile(tmp, JSON.stringify(owner));
  try {
    await fs.link(tmp, file);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  } finally {
    await fs.rm(tmp, { force: true });
  }
}

export function heldMessage(dataDir: string, owner: StoreOwner): string {
  return `DATA_DIR ${dataDir} is held by \`${owner.command}\` (pid ${owner.pid}); wait for it to finish or stop it`;
}

/**
 * Claims `dataDir` for this process, or finds the bot that owns it. Owners that are no longer
 * running are replaced (their journal keeps everything they acknowledged). Throws
 * EmbeddedStoreError naming the holder when another command keeps the folder past `waitMs`.
 *
 * @example
 * const claim = await claimStore('.data', { role: 'cli', command: 'pro referrals import', waitMs: 10000 });
 * if (claim.kind === 'bot') useServerOn(claim.owner.port); else { await claim.announce(port); … await claim.release(); }
 */
export async function claimStore(dataDir: string, options: ClaimOptions): Promise<Claim> {
  await fs.mkdir(dataDir, { recursive: true });
  const file = path.join(dataDir, OWNER_FILE);
  const deadline = Date.now() + options.waitMs;
  const me: StoreOwner = { pid: process.pid, role: options.role, command: options.command, port: 0, startedAt: new Date().toISOString() };
  for (;;) {
    if (await createExclusive(file, me)) {
      let current = me;
      return {
        kind: 'owned',
        async announce(port: number) {
          current = { ...me, port };
          const tmp = `${file}.${process.pid}.tmp`;
          await fs.writeFile(tmp, JSON.stringify(current));
          await fs.rename(tmp, file);
        },
        async release() {
          const owner = await readOwner(file).catch(() => undefined);
          if (owner?.pid === process.pid && owner.startedAt === current.startedAt) await fs.rm(file, { force: true });
        },
      };
    }
    const owner = await readOwner(file);
    if (!owner) continue; // released meanwhile
    if (!isAlive(owner.pid)) {
      // Re-read just before removing, so a new owner that replaced the dead one is not removed.
      const again = await readOwner(file);
      if (again && again.pid === owner.pid && again.startedAt === owner.startedAt) await fs.rm(file, { force: true });
      continue;
    }
    if (owner.role === 'bot' && owner.port > 0) return { kind: 'bot', owner };
    if (Date.now() >= deadline) throw new EmbeddedStoreError(heldMessage(dataDir, owner));
    // A command finishing (or a bot still starting): look again shortly.
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 200));
  }
}
