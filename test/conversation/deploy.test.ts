/**
 * Saved dialogs survive a deploy (issue 9, item 8): two bot instances on one store, the second
 * running a services flow with other steps (as after a deploy). A person whose saved step belongs
 * to the old flow starts that theme again, told why, instead of having their answer read by
 * whatever step now sits at the saved index. An unchanged flow, or a theme added elsewhere,
 * interrupts nobody.
 */
import type { Storage, StoreItems } from 'botbuilder';
import { ComponentDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import { MENU_IDS } from '../../dialogs/mainDialog';
import { ProWaterfallDialog } from '../../dialogs/proWaterfallDialog';
import { allText, lastChoices, startConversation } from '../support/conversation';
import { startTestStore, TestStore } from '../support/store';

const NEEDS = ['orientation', 'documentation', 'legal', 'health', 'mental_health', 'gbv', 'child_protection', 'education', 'employment', 'other_needs'];

/** The services flow of the "new release": one more step, named as a real step would be. */
function withChangedServicesFlow(themes: ComponentDialog[]): ComponentDialog[] {
  const services = themes.find((t) => t.id === 'services');
  const flow = services?.findDialog('servicesFlow');
  if (!(flow instanceof ProWaterfallDialog)) throw new Error('the services theme has no ProWaterfallDialog "servicesFlow"');
  flow.addStep(async function thankForSearching(step: WaterfallStepContext) {
    return step.endDialog();
  });
  return themes;
}

/** The "new release" adds a theme: the root dialog's version changes, nobody's own flow does. */
class NewTheme extends ComponentDialog {
  constructor(id: string) {
    super(id);
    this.addDialog(new ProWaterfallDialog(`${id}Flow`, [async (step) => step.endDialog()]));
  }
}

describe('saved dialogs across a deploy (two instances, one store)', () => {
  let store: TestStore;
  beforeAll(async () => {
    store = await startTestStore();
  });
  afterAll(() => store.destroy());

  async function atPlaceQuestion(userId: string) {
    const before = startConversation(store, { userId });
    await before.say('hola');
    await before.say('consent_yes');
    expect(lastChoices(await before.say('services'))).toEqual(NEEDS);
    expect(allText(await before.say('legal'))).toContain('¿En qué municipio estás?');
  }

  it('a changed flow starts again with a short line instead of reading the answer at a stale step', async () => {
    const userId = `deploy-changed-${Date.now()}`;
    await atPlaceQuestion(userId);
    const after = startConversation(store, { userId, adjustThemes: withChangedServicesFlow });
    const replies = await after.say('Cúcuta');
    expect(allText(replies)).toContain('Actualizamos esta parte de la orientación');
    expect(allText(replies)).toContain('¿Qué tipo de ayuda buscas?');
    expect(allText(replies)).not.toContain('Cúcuta');
    expect(lastChoices(replies)).toEqual(NEEDS);
    // Started afresh on the new flow: it goes on normally, and says nothing about updates again.
    const next = await after.say('legal');
    expect(allText(next)).toContain('¿En qué municipio estás?');
    expect(allText(next)).not.toContain('Actualizamos');
  });

  it('an unchanged flow continues where the person was, on another instance', async () => {
    const userId = `deploy-same-${Date.now()}`;
    await atPlaceQuestion(userId);
    const after = startConversation(store, { userId });
    const replies = await after.say('Cúcuta');
    expect(allText(replies)).not.toContain('Actualizamos');
    expect(allText(replies)).toContain('Cúcuta');
  });

  it('a theme added by the deploy does not interrupt someone in another theme or at the menu', async () => {
    const userId = `deploy-added-${Date.now()}`;
    await atPlaceQuestion(userId);
    const after = startConversation(store, { userId, adjustThemes: (themes) => [...themes, new NewTheme('new_theme')] });
    const replies = await after.say('Cúcuta');
    expect(allText(replies)).not.toContain('Actualizamos');
    expect(allText(replies)).toContain('Cúcuta');
    expect(lastChoices(await after.say('back_to_menu'))).toEqual([...MENU_IDS]);
    const later = startConversation(store, { userId, adjustThemes: (themes) => [...themes, new NewTheme('new_theme'), new NewTheme('another_theme')] });
    expect(allText(await later.say('salud'))).not.toContain('Actualizamos');
  });

  /**
   * Until the split of MainDialog, "more options" and the delete confirmation were waterfalls of the
   * root dialog itself: their steps sat on its stack ('moreFlow', 'deleteDataFlow'), where they are
   * now dialogs of their own ('more', 'delete_data'). Reading the saved state the way the previous
   * release wrote it shows what a person met mid-flow at the deploy sees.
   */
  function asPreviousReleaseSavedIt(inner: Storage): Storage {
    type Entry = { id: string; state?: { dialogs?: { dialogStack?: Entry[] } } };
    const flatten = (node: unknown): void => {
      if (!node || typeof node !== 'object') return;
      const record = node as { dialogStack?: Entry[] };
      if (Array.isArray(record.dialogStack)) {
        const old: Entry[] = [];
        for (const entry of record.dialogStack) {
          if (entry.id !== 'more' && entry.id !== 'delete_data') old.push(entry);
          else {
            // The old confirmation replaced the menu flow instead of running under it.
            if (entry.id === 'delete_data' && old[old.length - 1]?.id === 'menuFlow') old.pop();
            old.push(...(entry.state?.dialogs?.dialogStack ?? []));
          }
        }
        record.dialogStack = old;
      }
      for (const value of Object.values(node)) flatten(value);
    };
    return {
      read: async (keys: string[]): Promise<StoreItems> => {
        const items = await inner.read(keys);
        flatten(items);
        return items;
      },
      write: (changes: StoreItems) => inner.write(changes),
      delete: (keys: string[]) => inner.delete(keys),
    };
  }

  it('a person at the delete confirmation saved by the previous release is told and sees the menu; nothing is erased unasked', async () => {
    const userId = `deploy-delete-${Date.now()}`;
    const before = startConversation(store, { userId });
    await before.say('hola');
    await before.say('consent_yes');
    expect(lastChoices(await before.say('borrar mis datos'))).toEqual(['delete_yes', 'delete_no']);
    const after = startConversation(store, { userId, wrapStorage: asPreviousReleaseSavedIt });
    const replies = await after.say('delete_yes');
    expect(allText(replies)).toContain('Actualizamos esta parte de la orientación');
    expect(allText(replies)).not.toContain('borramos todos tus datos');
    expect(lastChoices(replies)).toEqual([...MENU_IDS]);
    // Asked again on the new code, the erasure works as always.
    const now = startConversation(store, { userId });
    expect(lastChoices(await now.say('borrar mis datos'))).toEqual(['delete_yes', 'delete_no']);
    expect(allText(await now.say('delete_yes'))).toContain('borramos todos tus datos');
  });

  it('a person in "more options" saved by the previous release is told and sees the menu', async () => {
    const userId = `deploy-more-${Date.now()}`;
    const before = startConversation(store, { userId });
    await before.say('hola');
    await before.say('consent_yes');
    expect(lastChoices(await before.say('more'))).toEqual(['language', 'help', 'delete_data', 'talk_to_person', 'back_to_menu']);
    // "1" is the language row: read by a stale step it could have been anything.
    const byNumber = await startConversation(store, { userId, wrapStorage: asPreviousReleaseSavedIt }).say('1');
    expect(allText(byNumber)).toContain('Actualizamos esta parte de la orientación');
    expect(allText(byNumber)).not.toContain('we continue in English');
    expect(lastChoices(byNumber)).toEqual([...MENU_IDS]);
  });
});
