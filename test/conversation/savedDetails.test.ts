/**
 * Dialogs saved by the release before the typed details (a free-form answers bag, a few details
 * loose in step.values) go on after the deploy exactly as a conversation started on this release:
 * the fixture holds, for each theme, the theme's dialog stack entry as that release saved it
 * mid-flow (recorded once from commit 3201ee5). A person mid-dialog is moved onto it and must get
 * the same replies, message for message, as a person who went the same way on this release. When
 * a flow has changed since (its steps, so its version), the person is told and starts the theme
 * again instead (staleDialogs.ts): that branch is checked too, so this test never goes stale.
 */
import { ComponentDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import { ProWaterfallDialog, savedFlowVersion } from '../../dialogs/proWaterfallDialog';
import { CosmosBotStorage } from '../../bot/storage/cosmosBotStorage';
import { allText, lastChoices, startConversation, type Reply, type TestConversation } from '../support/conversation';
import { startTestStore, TestStore } from '../support/store';
import saved from './savedBeforeTypedDetails.json';

const FLOW_UPDATED = 'Actualizamos esta parte de la orientación';

interface SavedCase {
  name: string;
  theme: string;
  /** What the person said after consenting to reach the saved question. */
  reach: string[];
  /** What they say next. */
  then: string[];
  /** The theme's dialog stack entry as the previous release saved it there. */
  saved: DialogEntry;
}

interface DialogEntry {
  id: string;
  state: { dialogs: { dialogStack: { state: { values: { _flowVersion?: string } } }[] } };
  version?: string;
}

const CASES = saved as SavedCase[];

/** The dialog stack entry of `theme` anywhere in a saved dialog state. */
function findEntry(node: unknown, theme: string): DialogEntry | undefined {
  if (!node || typeof node !== 'object') return undefined;
  const record = node as Record<string, unknown>;
  if (record.id === theme && record.state) return node as DialogEntry;
  for (const value of Object.values(record)) {
    const found = findEntry(value, theme);
    if (found) return found;
  }
  return undefined;
}

const flowVersion = (entry: DialogEntry): string | undefined => entry.state.dialogs.dialogStack[0]?.state.values._flowVersion;

/** The health flow of a "later release": one more step. */
function withChangedHealthFlow(themes: ComponentDialog[]): ComponentDialog[] {
  const flow = themes.find((t) => t.id === 'health')?.findDialog('healthFlow');
  if (!(flow instanceof ProWaterfallDialog)) throw new Error('the health theme has no ProWaterfallDialog "healthFlow"');
  flow.addStep(async function thankForAsking(step: WaterfallStepContext) {
    return step.endDialog();
  });
  return themes;
}

describe('dialogs saved by the release before the typed details', () => {
  let store: TestStore;
  let storage: CosmosBotStorage;
  let people = 0;
  beforeAll(async () => {
    store = await startTestStore();
    storage = new CosmosBotStorage(store.containers.state, 3600);
  });
  afterAll(() => store.destroy());

  async function reach(c: SavedCase, options: Parameters<typeof startConversation>[1] = {}): Promise<{ conversation: TestConversation; userId: string }> {
    const userId = `saved-${++people}-${Date.now()}`;
    const conversation = startConversation(store, { ...options, userId });
    await conversation.say('hola');
    await conversation.say('consent_yes');
    for (const said of c.reach) await conversation.say(said);
    return { conversation, userId };
  }

  /** Puts the previous release's saved theme entry in place of the one this release just saved; returns the one replaced. */
  async function restoreSaved(userId: string, c: SavedCase): Promise<DialogEntry> {
    // ProBot's person state key (bot/turn/optimisticBotState.ts); the storage hashes it into the document id.
    const key = `emulator/persons/${userId}/`;
    const document = (await storage.read([key]))[key] as Record<string, unknown> | undefined;
    const entry = findEntry(document?.dialogState, c.theme);
    if (!document || !entry) throw new Error(`${c.name}: this release did not reach the saved question (no "${c.theme}" dialog saved)`);
    const current = structuredClone(entry);
    Object.assign(entry, structuredClone(c.saved));
    await storage.write({ [key]: document });
    return current;
  }

  async function sayAll(conversation: TestConversation, messages: string[]): Promise<Reply[][]> {
    const replies: Reply[][] = [];
    for (const said of messages) replies.push(await conversation.say(said));
    return replies;
  }

  it.each(CASES.map((c) => [c.name, c] as const))('%s: goes on as on this release', async (_name, c) => {
    const fresh = await reach(c);
    const expected = await sayAll(fresh.conversation, c.then);

    const resumed = await reach(c);
    const current = await restoreSaved(resumed.userId, c);
    const replies = await sayAll(resumed.conversation, c.then);
    // This release saves the flow's version hashed; that release saved it whole.
    const release = flowVersion(current) ?? '';
    expect(release.length).toBeLessThan(40);
    const before = flowVersion(c.saved) ?? '';
    if (current.version === c.saved.version && (release === before || release === savedFlowVersion(before))) {
      expect(replies).toEqual(expected);
    } else {
      // The flow changed since that release: a fresh start of the theme, said so, not a crash.
      expect(allText(replies[0])).toContain(FLOW_UPDATED);
    }
  });

  it('a saved health dialog whose flow changed since starts the theme again, told why, and goes on normally', async () => {
    const c = CASES.find((entry) => entry.theme === 'health');
    if (!c) throw new Error('the fixture has no saved health dialog');
    const resumed = await reach(c, { adjustThemes: withChangedHealthFlow });
    await restoreSaved(resumed.userId, c);
    const restarted = await resumed.conversation.say('no');
    expect(allText(restarted)).toContain(FLOW_UPDATED);
    expect(allText(restarted)).toContain('¿Necesitas atención de *urgencias* ahora mismo?');
    expect(lastChoices(restarted)).toEqual(['yes', 'no']);
    const next = await resumed.conversation.say('no');
    expect(allText(next)).not.toContain(FLOW_UPDATED);
    expect(lastChoices(next)).toEqual(['join', 'pregnancy', 'sexual', 'mental']);
  });
});
