/**
 * Conversation and user state that is saved with the ETag it was read with.
 * botbuilder's BotState always writes with ETag "*" (last writer wins), so two bot instances
 * handling messages of one person at the same time would silently lose an update. Here the second
 * write fails with StorageConflictError and ProBot runs the turn again on fresh state.
 */
import { BotState, calculateChangeHash, Storage, TurnContext } from 'botbuilder';

export type StateScope = 'conversation' | 'user';

function storageKey(scope: StateScope, namespace: string) {
  return async (context: TurnContext): Promise<string> => {
    const { channelId, conversation, from } = context.activity;
    const id = scope === 'conversation' ? conversation?.id : from?.id;
    if (!channelId || !id) throw new Error(`Cannot key ${scope} state: the activity has no channelId or ${scope} id`);
    return `${channelId}/${scope === 'conversation' ? 'conversations' : 'users'}/${id}/${namespace}`;
  };
}

export class OptimisticBotState extends BotState {
  private readonly savedHash = Symbol('savedHash');

  constructor(storage: Storage, scope: StateScope, namespace = '') {
    super(storage, storageKey(scope, namespace));
  }

  override async load(context: TurnContext, force = false): Promise<any> {
    const state = await super.load(context, force);
    if (force || !context.turnState.has(this.savedHash)) context.turnState.set(this.savedHash, calculateChangeHash(state));
    return state;
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
