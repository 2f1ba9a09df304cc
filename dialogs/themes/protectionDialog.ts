/**
 * Theme "protection": trafficking versus smuggling, warning signs of trafficking, the route for
 * gender-based violence, and the free lines. Asks whether the person at risk is under 18, because
 * then the ICBF line comes in.
 */
import { DialogTurnResult, WaterfallStepContext } from 'botbuilder-dialogs';
import type { ContentCatalog } from '../../bot/content/catalog';
import { FeedbackRecorder, GuidedThemeDialog } from './guidedThemeDialog';

export const PROTECTION_DIALOG = 'protection';
const FLOW = 'protectionFlow';
/** Topics whose answer differs when the person at risk is a child. */
const ASK_IF_MINOR = ['signs', 'gbv'];

export class ProtectionDialog extends GuidedThemeDialog {
  constructor(content: ContentCatalog, feedback: FeedbackRecorder) {
    super(PROTECTION_DIALOG, content, 'protection', feedback);
    this.addFlow(FLOW, [this.askTopic.bind(this), this.askMinor.bind(this), this.answer.bind(this)]);
  }

  /** Which protection topic? */
  private async askTopic(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return this.askChoice(step, 'topicQuestion', 'topics');
  }

  /** For warning signs and violence: is the person at risk under 18? */
  private async askMinor(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if (!ASK_IF_MINOR.includes(this.keep(step, 'topic') ?? '')) return step.next();
    return this.askYesNo(step, 'minorQuestion');
  }

  /** Answer from the content file for the branch taken. */
  private async answer(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const minor = this.keep(step, 'minor') === 'yes';
    switch (this.answerTo(step, 'topic')) {
      case 'difference':
        await this.say(step, this.fact(step, 'trafficking'), this.fact(step, 'smuggling'), this.fact(step, 'traffickingHelp'));
        break;
      case 'signs':
        await this.say(step, this.fact(step, 'warningSigns'));
        if (minor) await this.say(step, this.fact(step, 'childHelp'));
        await this.say(step, this.fact(step, 'traffickingHelp'));
        break;
      case 'gbv':
        await this.say(step, this.fact(step, 'violenceRoute'), this.fact(step, 'legalAdvice'), this.fact(step, minor ? 'childViolence' : 'womenLine'));
        break;
      default:
        await this.say(step, this.fact(step, 'allLines'));
    }
    return step.next();
  }
}
