/**
 * Where a long choice list waits for its "more options" row to be picked.
 *
 * The row's id names the list (a hash of its choice ids) and the page; the list itself is kept per
 * user. In production keep it in Cosmos (CosmosChoicePageStore): the pick may reach another
 * instance than the one that sent the list (the `pending-lists` container). The in-memory store
 * is for one instance and tests. Lists live 24 hours: after that WhatsApp's service window has
 * closed anyway.
 */
import type { Container } from '@azure/cosmos';
import { pseudonym } from '../../pseudonym';
import { expiresAt, isExpired, PENDING_LIST_TTL_SECONDS } from '../../storage/containers';
import { statusOf } from '../../storage/cosmosErrors';
import { DEFAULT_STORE_DEADLINES, type StoreDeadlines, withDeadline } from '../../storage/deadline';
import type { PagedChoiceList } from './outbound';

export const CHOICE_LIST_TTL_SECONDS = PENDING_LIST_TTL_SECONDS;
/** Every pending-list document's id starts so; the rest is a pseudonym of the person. */
const LIST_ID_PREFIX = 'choices-';

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
 * Long lists in a Cosmos container partitioned by `/id` (containers.pendingLists). Ids are
 * `choices-<hash of user key>`, so no phone number is stored in clear.
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
    return `${LIST_ID_PREFIX}${pseudonym(userKey, 'choices')}`;
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
      if (statusOf(err) !== 404) throw err; // already gone is fine
    }
  }
}

/**
 * Releases before the `pending-lists` container kept these lists among the processed message ids.
 * They are not moved (a day's lists at most: picking "more options" on one answers that the list
 * is no longer available) but deleted, because the embedded store never expires documents and
 * "borrar mis datos" must leave none behind. Returns how many were deleted; none found is the usual case.
 */
export async function dropFormerPendingLists(processedMessages: Container): Promise<number> {
  const { resources } = await processedMessages.items
    .query<{ id: string }>({ query: 'SELECT c.id FROM c WHERE STARTSWITH(c.id, @prefix)', parameters: [{ name: '@prefix', value: LIST_ID_PREFIX }] })
    .fetchAll();
  let dropped = 0;
  for (const { id } of resources) {
    try {
      await processedMessages.item(id, id).delete();
      dropped++;
    } catch (err) {
      if (statusOf(err) !== 404) throw err; // another instance starting at the same time got there first
    }
  }
  return dropped;
}
