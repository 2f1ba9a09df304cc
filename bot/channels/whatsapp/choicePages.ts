/**
 * Where a long choice list waits for its "more options" row to be picked.
 *
 * The row's id names the list (a hash of its choice ids) and the page; the list itself is kept per
 * user. In production keep it in Cosmos (CosmosChoicePageStore): the pick may reach another
 * instance than the one that sent the list. The in-memory store is for one instance and tests.
 * Lists live 24 hours: after that WhatsApp's service window has closed anyway.
 */
import type { Container, ErrorResponse } from '@azure/cosmos';
import { pseudonym } from '../../pseudonym';
import { expiresAt, isExpired } from '../../storage/containers';
import { DEFAULT_STORE_DEADLINES, type StoreDeadlines, withDeadline } from '../../storage/deadline';
import type { PagedChoiceList } from './outbound';

export const CHOICE_LIST_TTL_SECONDS = 24 * 3600;

export interface ChoicePageStore {
  /** Keeps `list` as the user's latest long list (replacing an earlier one). */
  save(userKey: string, list: PagedChoiceList): Promise<void>;
  /** The user's latest long list if it is the one named `listId` and not expired. */
  load(userKey: string, listId: string): Promise<PagedChoiceList | undefined>;
  /** Drops the user's pending list ("borrar mis datos"); nothing to drop is fine. */
  forget(userKey: string): Promise<void>;
}

/** Bounded, least-recently-saved-first in-memory store for a single instance. */
export class MemoryChoicePageStore implements ChoicePageStore {
  private readonly lists = new Map<string, { list: PagedChoiceList; expiresAtMs: number }>();

  constructor(private readonly maxUsers = 10_000, private readonly ttlSeconds = CHOICE_LIST_TTL_SECONDS, private readonly now: () => number = Date.now) {}

  async save(userKey: string, list: PagedChoiceList): Promise<void> {
    this.lists.delete(userKey); // re-insert so Map order is save order
    this.lists.set(userKey, { list, expiresAtMs: this.now() + this.ttlSeconds * 1000 });
    while (this.lists.size > this.maxUsers) {
      const oldest = this.lists.keys().next().value as string;
      this.lists.delete(oldest);
    }
  }

  async load(userKey: string, listId: string): Promise<PagedChoiceList | undefined> {
    const entry = this.lists.get(userKey);
    if (!entry || entry.expiresAtMs <= this.now() || entry.list.listId !== listId) return undefined;
    return entry.list;
  }

  async forget(userKey: string): Promise<void> {
    this.lists.delete(userKey);
  }
}

interface ChoiceListDocument {
  id: string;
  list: PagedChoiceList;
  expiresAt: number;
  ttl: number;
}

/**
 * Long lists in a Cosmos container partitioned by `/id` (e.g. containers.processedMessages, whose
 * documents are also short-lived channel bookkeeping). Ids are `choices-<hash of user key>`, so no
 * phone number is stored in clear.
 */
export class CosmosChoicePageStore implements ChoicePageStore {
  constructor(
    private readonly container: Container,
    private readonly ttlSeconds = CHOICE_LIST_TTL_SECONDS,
    private readonly now: () => number = Date.now,
    /** A person waits on each call: reads 2 s, writes 3 s by default. */
    private readonly deadlines: StoreDeadlines = DEFAULT_STORE_DEADLINES,
  ) {}

  private idFor(userKey: string): string {
    return `choices-${pseudonym(userKey, 'choices')}`;
  }

  async save(userKey: string, list: PagedChoiceList): Promise<void> {
    const doc: ChoiceListDocument = { id: this.idFor(userKey), list, expiresAt: expiresAt(this.ttlSeconds, this.now()), ttl: this.ttlSeconds };
    await withDeadline(this.deadlines.writeMs, 'choice list save', (abortSignal) => this.container.items.upsert(doc, { abortSignal }));
  }

  async load(userKey: string, listId: string): Promise<PagedChoiceList | undefined> {
    const id = this.idFor(userKey);
    const { resource } = await withDeadline(this.deadlines.readMs, 'choice list read', (abortSignal) => this.container.item(id, id).read<ChoiceListDocument>({ abortSignal }));
    if (!resource || isExpired(resource, this.now()) || resource.list?.listId !== listId) return undefined;
    return resource.list;
  }

  async forget(userKey: string): Promise<void> {
    const id = this.idFor(userKey);
    try {
      await withDeadline(this.deadlines.writeMs, 'choice list delete', (abortSignal) => this.container.item(id, id).delete({ abortSignal }));
    } catch (err) {
      if ((err as ErrorResponse).code !== 404) throw err; // already gone is fine
    }
  }
}
