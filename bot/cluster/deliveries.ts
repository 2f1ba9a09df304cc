/**
 * The primary's hand-over of verified webhook parts to the bot workers. Each part goes to the
 * worker of its person's slot (personSlot.ts) and is kept until that worker says it was handled;
 * when a worker dies, its unfinished parts go to its replacement, in their first order (the
 * redelivery guard on message ids makes a repeat harmless). Nothing is ever refused: Meta has had
 * its 200. Past the bound, a part is still handed over but no copy is kept (counted in /healthz).
 */
import type { Logger } from '../logger';
import type { ToWorker } from './ipc';
import type { NotificationPart } from './notificationParts';
import { personSlot } from './personSlot';

/** What a part is sent over: a cluster worker (its IPC channel). */
export interface WorkerChannel {
  send(message: ToWorker): boolean;
}

export interface DeliveriesOptions {
  slots: number;
  logger: Logger;
  /** Parts kept for redelivery at most (default 20,000: over 20 s of the top tier's 1,000 msg/s). */
  maxKept?: number;
  /** Bytes of kept parts at most (their size as Meta sent them; default 64 MiB). */
  maxKeptBytes?: number;
}

/** What /healthz shows of the hand-over (counts only). */
export interface DeliveryFigures {
  /** Parts handed over or waiting for a worker, not yet handled. */
  unfinished: number;
  unfinishedBytes: number;
  /** Parts waiting for a worker that is starting (a replacement). */
  waitingForWorker: number;
  /** Parts sent again to a replacement worker. */
  redelivered: number;
  /** Parts handed over without a kept copy because the bound was reached. */
  handedOverUnkept: number;
}

interface Part {
  id: number;
  payload: unknown;
  bytes: number;
  sent: boolean;
}

interface Slot {
  worker?: WorkerChannel;
  /** No replacement is coming: its people are answered by the next slot that has a worker. */
  abandoned: boolean;
  /** Unfinished parts in the order they arrived (a Map keeps insertion order). */
  parts: Map<number, Part>;
}

export class Deliveries {
  private readonly slots: Slot[];
  private readonly logger: Logger;
  private readonly maxKept: number;
  private readonly maxKeptBytes: number;
  private readonly slotOf = new Map<number, Slot>();
  private nextId = 1;
  private nextRest = 0;
  private keptBytes = 0;
  private readonly counts = { redelivered: 0, handedOverUnkept: 0 };
  private warnedAt = 0;

  constructor(options: DeliveriesOptions) {
    this.slots = Array.from({ length: Math.max(1, options.slots) }, () => ({ abandoned: false, parts: new Map() }));
    this.logger = options.logger;
    this.maxKept = options.maxKept ?? 20_000;
    this.maxKeptBytes = options.maxKeptBytes ?? 64 * 1024 * 1024;
  }

  /** Hands `part` to its person's worker (or holds it until that worker is up). `bytes`: its share of the body. */
  dispatch(part: NotificationPart, bytes: number): void {
    const slot = this.owner(part.person === undefined ? this.nextRest++ % this.slots.length : personSlot(part.person, this.slots.length));
    const entry: Part = { id: this.nextId++, payload: part.payload, bytes, sent: false };
    const full = this.slotOf.size >= this.maxKept || this.keptBytes + bytes > this.maxKeptBytes;
    if (full && slot.worker) {
      // Far behind: the worker's own line tells people the line is busy; the copy is what gives way.
      this.counts.handedOverUnkept += 1;
      this.warnFull();
      this.send(slot, entry);
      return;
    }
    this.keep(slot, entry);
    if (slot.worker) this.send(slot, entry);
  }

  /** The worker of `slot` is up (first start or replacement): its unfinished parts go to it, in order. */
  attach(slot: number, worker: WorkerChannel): void {
    const s = this.slots[slot];
    s.worker = worker;
    for (const entry of s.parts.values()) {
      if (entry.sent) this.counts.redelivered += 1;
      this.send(s, entry);
    }
  }

  /** The worker of `slot` is gone: what it had not finished waits for the replacement. */
  detach(slot: number): void {
    this.slots[slot].worker = undefined;
  }

  /** `slot` will get no replacement (it crash-looped): its people move to the next slot with a worker. */
  abandon(slot: number): void {
    const s = this.slots[slot];
    s.abandoned = true;
    s.worker = undefined;
    const parts = [...s.parts.values()];
    s.parts.clear();
    for (const entry of parts) this.slotOf.delete(entry.id);
    const heir = this.owner(slot);
    if (heir === s) return; // no slot left; the primary is stopping
    for (const entry of parts) {
      this.slotOf.set(entry.id, heir);
      heir.parts.set(entry.id, entry);
      if (heir.worker) {
        if (entry.sent) this.counts.redelivered += 1;
        this.send(heir, entry);
      }
    }
  }

  /** The worker said part `id` was handled: its copy is dropped. */
  handled(id: number): void {
    const slot = this.slotOf.get(id);
    const entry = slot?.parts.get(id);
    if (!slot || !entry) return;
    slot.parts.delete(id);
    this.slotOf.delete(id);
    this.keptBytes -= entry.bytes;
  }

  figures(): DeliveryFigures {
    let waitingForWorker = 0;
    for (const slot of this.slots) if (!slot.worker) waitingForWorker += slot.parts.size;
    return { unfinished: this.slotOf.size, unfinishedBytes: this.keptBytes, waitingForWorker, ...this.counts };
  }

  /** The slot that answers for `index`: itself, or when abandoned the next one that is not. */
  private owner(index: number): Slot {
    for (let k = 0; k < this.slots.length; k++) {
      const slot = this.slots[(index + k) % this.slots.length];
      if (!slot.abandoned) return slot;
    }
    return this.slots[index % this.slots.length];
  }

  private keep(slot: Slot, entry: Part): void {
    slot.parts.set(entry.id, entry);
    this.slotOf.set(entry.id, slot);
    this.keptBytes += entry.bytes;
  }

  private send(slot: Slot, entry: Part): void {
    try {
      slot.worker?.send({ probot: 'webhook', id: entry.id, payload: entry.payload });
      entry.sent = true;
    } catch (err) {
      // The channel closed under us (the worker is dying): the part waits for the replacement.
      this.logger.warn({ err: (err as Error).message }, 'webhook part not handed to its worker; kept for the replacement');
    }
  }

  private warnFull(): void {
    const now = Date.now();
    if (now - this.warnedAt < 10_000) return;
    this.warnedAt = now;
    this.logger.warn({ unfinished: this.slotOf.size, unfinishedBytes: this.keptBytes }, 'workers far behind: webhook parts handed over without a kept copy');
  }
}
