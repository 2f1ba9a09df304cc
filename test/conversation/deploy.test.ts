/**
 * Saved dialogs survive a deploy (issue 9, item 8): two bot instances on one store, the second
 * running a services flow with other steps (as after a deploy). A person whose saved step belongs
 * to the old flow starts that theme again, told why, instead of having their answer read by
 * whatever step now sits at the saved index. An unchanged flow, or a theme added elsewhere,
 * interrupts nobody.
 */
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
});
