/**
 * Theme "civil_registry": birth registration of children born in Colombia and "Primero la Niñez"
 * (Colombian nationality for children born since 19 Aug 2015 to Venezuelan parents). Asks where and
 * when the child was born, whether a parent is Venezuelan, and whether the child is registered.
 */
import { DialogTurnResult, WaterfallStepContext } from 'botbuilder-dialogs';
import type { ContentCatalog } from '../../bot/content/catalog';
import { FeedbackRecorder, GuidedThemeDialog } from './guidedThemeDialog';

export const CIVIL_REGISTRY_DIALOG = 'civil_registry';
const FLOW = 'civilRegistryFlow';

export class CivilRegistryDialog extends GuidedThemeDialog {
  constructor(content: ContentCatalog, feedback: FeedbackRecorder) {
    super(CIVIL_REGISTRY_DIALOG, content, 'civil_registry', feedback);
    this.addFlow(FLOW, [this.askBirth.bind(this), this.askParents.bind(this), this.askRegistered.bind(this), this.answer.bind(this)]);
  }

  /** Where was the child born, and since 19 Aug 2015 or before? */
  private async askBirth(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return this.askChoice(step, 'birthQuestion', 'birth');
  }

  /** For a birth in Colombia: is a parent Venezuelan? */
  private async askParents(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if (this.keep(step, 'birth') === 'abroad') return step.next();
    return this.askYesNo(step, 'parentsQuestion');
  }

  /** For a birth in Colombia: is the child registered already? */
  private async askRegistered(step: WaterfallStepContext): Promise<DialogTurnResult> {
    this.keep(step, 'venezuelanParent');
    if (this.answerTo(step, 'birth') === 'abroad') return step.next();
    return this.askYesNo(step, 'registeredQuestion');
  }

  /** Answer from the content file for the branch taken. */
  private async answer(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const registered = this.keep(step, 'registered') === 'yes';
    const birth = this.answerTo(step, 'birth');
    const venezuelanParent = this.answerTo(step, 'venezuelanParent') === 'yes';
    if (birth === 'abroad') {
      await this.say(step, this.withProLine(step, this.ui(step, 'bornAbroad')));
    } else if (venezuelanParent && birth === 'co_since_2015') {
      await this.say(step, this.fact(step, 'primeroLaNinez'));
      if (registered) await this.say(step, this.fact(step, 'alreadyRegisteredNote'));
      else await this.say(step, this.withProLine(step, this.fact(step, 'registerVenezuelanParents')));
    } else {
      if (venezuelanParent) await this.say(step, this.fact(step, 'before2015'));
      else await this.say(step, this.fact(step, 'nationalityRule'));
      if (registered) await this.say(step, this.ui(step, 'alreadyRegistered'));
      else await this.say(step, this.fact(step, 'mustRegister'), this.fact(step, 'registerHow'));
      await this.say(step, this.withProLine(step, this.ui(step, 'nationalityReferral')));
    }
    return step.next();
  }
}
