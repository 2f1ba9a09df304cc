/**
 * A person's state, saved with the ETag it was read with: one document per person and channel
 * holding their profile (consent, language) and their open conversation (dialog stack, where to
 * reach them, recently handled message ids), so a turn reads one document and writes at most one.
 * botbuilder's BotState always writes with ETag "*" (last writer wins), so two bot instances
 * handling messages of one person at the same time would silently lose an update. Here the second
 * write fails with StorageConflictError and ProBot runs the turn again on fresh state.
 *
 * It keeps BotState's interface (dialogs reach the document through its property accessors) but
 * not its change detection: BotState hashes the whole document with botbuilder's own stringify
 * three times a turn; here it is compared as JSON once at save (at load, the recent-states cache
 * hands over the JSON it parsed: bot/storage/documentJson.ts).
 */
import { BotState, Storage, TurnContext } from 'botbuilder';
import { handJson, takeJson } from '../storage/documentJson';

/** `channel/persons/<channel user id>`: the storage hashes it into the document id (no phone number in ids). */
function personKey(namespace: string) {
  return async (context: TurnContext): Promise<string> => {
    const { channelId, from } = context.activity;
    if (!channelId || !from?.id) throw new Error('Cannot key person state: the activity has no channelId or from.id');
    return `${channelId}/persons/${from.id}/${namespace}`;
  };
}

/** The loaded document of a turn and what it was when loaded or last saved. */
interface Loaded {
  state: Record<string, unknown>;
  /** JSON of the document without its eTag; '' forces the next save. */
  saved: string;
}

/** The document as compared: everything but the eTag, which the storage sets. */
function contentOf(state: Record<string, unknown>): string {
  const { eTag: _eTag, ...rest } = state;
  return JSON.stringify(rest);
}

export class OptimisticBotState extends BotState {
  private readonly loaded = Symbol('personState');

  constructor(storage: Storage, namespace = '') {
    super(storage, personKey(namespace));
  }

  override async load(context: TurnContext, force = false): Promise<any> {
    const cached = context.turnState.get(this.loaded) as Loaded | undefined;
    if (cached && !force) return cached.state;
    const key = await this.storageKey(context);
    const items = await this.storage.read([key]);
    const state = (items[key] ?? {}) as Record<string, unknown>;
    // The cache hands the JSON it parsed the document from: the same string, not computed again.
    context.turnState.set(this.loaded, { state, saved: takeJson(state) ?? contentOf(state) } satisfies Loaded);
    return state;
  }

  override get(context: TurnContext): any {
    return (context.turnState.get(this.loaded) as Loaded | undefined)?.state;
  }

  override async clear(context: TurnContext): Promise<void> {
    context.turnState.set(this.loaded, { state: {}, saved: '' } satisfies Loaded);
  }

  override async delete(context: TurnContext): Promise<void> {
    context.turnState.delete(this.loaded);
    await this.storage.delete([await this.storageKey(context)]);
  }

  /** True when the person's document was in the store when it was loaded this turn (or saved since). */
  exists(context: TurnContext): boolean {
    const state = this.get(context) as { eTag?: string } | undefined;
    return typeof state?.eTag === 'string' && state.eTag !== '*';
  }

  override async saveChanges(context: TurnContext, force = false): Promise<void> {
    const loaded = context.turnState.get(this.loaded) as Loaded | undefined;
    if (!loaded) return; // deleted this turn, or never loaded
    const content = contentOf(loaded.state);
    if (!force && content === loaded.saved) return;
    const key = await this.storageKey(context);
    // `state.eTag` is the one read this turn (absent for a new document); the storage checks it.
    // The JSON just compared goes along, for the recent-states cache to keep as it is.
    handJson(loaded.state, content);
    try {
      await this.storage.write({ [key]: loaded.state });
    } finally {
      takeJson(loaded.state); // not taken when the write failed, or without the cache
    }
    loaded.saved = content;
  }
}
