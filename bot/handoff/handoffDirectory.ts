/**
 * Which person a Chatwoot conversation belongs to: conversation id → where to reach the person (the
 * channel's conversation reference), one small document in the bot-state container, so whichever
 * instance receives Chatwoot's webhook can deliver the reply. The reference names the person's
 * WhatsApp id, as their own state document does; it never leaves the bot. Deleted when the
 * hand-off ends or the person erases their data; otherwise it expires with the state (TTL).
 */
import type { Container } from '@azure/cosmos';
import { statusOf } from '../storage/cosmosErrors';
import { DEFAULT_STORE_DEADLINES, type StoreDeadlines, withDeadline } from '../storage/deadline';

/** Where to reach a person again: a Bot Framework conversation reference, as plain JSON. */
export type PersonReference = Record<string, unknown> & { channelId?: string; conversation?: { id?: string } };

interface Entry {
  id: string;
  reference: PersonReference;
  openedAt: string;
}

export class HandoffDirectory {
  constructor(
    private readonly container: Container,
    private readonly accountId: number,
    private readonly deadlines: StoreDeadlines = DEFAULT_STORE_DEADLINES,
  ) {}

  private id(conversationId: number): string {
    return `handoff-${this.accountId}-${conversationId}`;
  }

  async remember(conversationId: number, reference: PersonReference, now: Date): Promise<void> {
    const entry: Entry = { id: this.id(conversationId), reference, openedAt: now.toISOString() };
    await withDeadline(this.deadlines.writeMs, 'hand-off directory write', (abortSignal) => this.container.items.upsert(entry, { abortSignal }));
  }

  /** The person's reference, or undefined for a conversation the bot did not open (or that ended). */
  async find(conversationId: number): Promise<PersonReference | undefined> {
    const id = this.id(conversationId);
    const { resource } = await withDeadline(this.deadlines.readMs, 'hand-off directory read', (abortSignal) => this.container.item(id, id).read<Entry>({ abortSignal }));
    return resource?.reference;
  }

  /** Forgets the conversation; "already gone" is fine. */
  async forget(conversationId: number): Promise<void> {
    const id = this.id(conversationId);
    try {
      await withDeadline(this.deadlines.writeMs, 'hand-off directory delete', (abortSignal) => this.container.item(id, id).delete({ abortSignal }));
    } catch (err) {
      if (statusOf(err) !== 404) throw err;
    }
  }
}
