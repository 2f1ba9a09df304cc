/**
 * Theme "health": an emergency now gets the right to urgent care first (everyone, whatever their
 * status). Otherwise, for Venezuelans: with a PPT, joining an EPS (contributory with income,
 * subsidised through Sisbén IV); without one, urgent care only and the way to regularize. Other
 * groups get urgent care and the PRO line, since the facts we hold are about PPT holders.
 */
import { DialogTurnResult, WaterfallStepContext } from 'botbuilder-dialogs';
import type { ContentCatalog } from '../../bot/content/catalog';
import { FeedbackRecorder, GuidedThemeDialog } from './guidedThemeDialog';

export const HEALTH_DIALOG = 'health';
const FLOW = 'healthFlow';

export class HealthDialog extends GuidedThemeDialog {
  constructor(content: ContentCatalog, feedback: FeedbackRecorder) {
    super(HEALTH_DIALOG, content, 'health', feedback);
    this.addFlow(FLOW, [
      this.askEmergency.bind(this),
      this.askGroup.bind(this),
      this.askPpt.bind(this),
      this.askIncome.bind(this),
      this.answer.bind(this),
    ]);
  }

  /** Is it an emergency now? (Asked first: nothing may delay urgent care.) */
  private async askEmergency(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return this.askYesNo(step, 'emergencyQuestion');
  }

  /** Not an emergency: who the person is decides which facts apply. */
  private async askGroup(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if (this.keep(step, 'emergency') === 'yes') return step.next();
    return this.ensureGroup(step);
  }

  /** Venezuelans: do you have a PPT? */
  private async askPpt(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if (this.answerTo(step, 'emergency') === 'yes' || this.group(step) !== 'venezuelan') return step.next();
    return this.askYesNo(step, 'pptQuestion');
  }

  /** With a PPT: job or income (contributory) or not (subsidised)? */
  private async askIncome(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if (this.keep(step, 'ppt') !== 'yes') return step.next();
    return this.askYesNo(step, 'incomeQuestion');
  }

  /** Answer from the content file for the branch taken. */
  private async answer(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const income = this.keep(step, 'income');
    if (this.answerTo(step, 'emergency') === 'yes') {
      await this.say(step, this.fact(step, 'urgentCare'), this.fact(step, 'urgentNow'));
    } else if (this.group(step) !== 'venezuelan') {
      await this.say(step, this.fact(step, 'urgentCare'), this.withProLine(step, this.commonUi(step, 'noVerifiedInfo')));
    } else if (this.answerTo(step, 'ppt') !== 'yes') {
      await this.say(step, this.fact(step, 'withoutPpt'), this.withProLine(step, this.ui(step, 'noPptNext')));
    } else if (income === 'yes') {
      await this.say(step, this.fact(step, 'affiliation'), this.fact(step, 'contributory'));
    } else {
      await this.say(step, this.fact(step, 'affiliation'), this.fact(step, 'subsidised'), this.fact(step, 'sisben'));
    }
    return step.next();
  }
}
