/**
 * A person's state, saved with the ETag it was read with: one document per person and channel
 * holding their profile (consent, language) and their open conversation (dialog stack, where to
 * reach them, recently handled message ids), so a turn reads one document and writes at most one.
 * botbuilder's BotState always writes with ETag "*" (last writer wins), so two bot instances
 * handling messages of one person at the same time would silently lose an update. Here the second
 * write fails with StorageConflictError and ProBot runs the turn again on fresh state.
 */
import { BotState, calculateChangeHash, Storage, TurnContext } from 'botbuilder';

/** `channel/persons/<channel user id>`: the storage hashes it into the document id (no phone number in ids). */
function personKey(namespace: string) {
  return async (context: TurnContext): Promise<string> => {
    const { channelId, from } = context.activity;
    if (!channelId || !from?.id) throw new Error('Cannot key person state: the activity has no channelId or from.id');
    return `${channelId}/persons/${from.id}/${namespace}`;
  };
}

export class OptimisticBotState extends BotState {
  private readonly savedHash = Symbol('savedHash');

  constructor(storage: Storage, namespace = '') {
    super(storage, personKey(namespace));
  }

  override async load(context: TurnContext, force = false): Promise<any> {
    const state = await super.load(context, force);
    if (force || !context.turnState.has(this.savedHash)) context.turnState.set(this.savedHash, calculateChangeHash(state));
    return state;
  }

  /** True when the person's document was in the store when it was loaded this turn (or saved since). */
  exists(context: TurnContext): boolean {
    const state = this.get(context) as { eTag?: string } | undefined;
    return typeof state?.eTag === 'string' && state.eTag !== '*';
  }

  override async saveChanges(context: TurnContext, force = false): Promise<void> {
    const state = this.get(context) as Record<string, unknown> | undefined;
    if (!state) return; // deleted this turn, or never loaded
    const hash = calculateChangeHash(state);
    if (!force && hash === context.turnState.get(this.savedHash)) return;
    const key = await this.storageKey(context);
    // `state.eTag` is the one read this turn (absent for a new document); the storage checks it.
    await this.storage.write({ [key]: state });
    context.turnState.set(this.savedHash, hash);
  }
}
