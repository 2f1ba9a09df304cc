/**
 * Theme "work": with a PPT or Visa V, working formally (public employment service, the employer's
 * duties, regulated professions); with an SC-2 or no permit, what the facts say and no more — the
 * PRO line for the rest. Colombian returnees and host communities get the public employment service
 * or, as employers, the steps to hire a PPT holder.
 */
import { DialogTurnResult, WaterfallStepContext } from 'botbuilder-dialogs';
import type { ContentCatalog } from '../../bot/content/catalog';
import { FeedbackRecorder, GuidedThemeDialog } from './guidedThemeDialog';

export const WORK_DIALOG = 'work';
const FLOW = 'workFlow';

export class WorkDialog extends GuidedThemeDialog {
  constructor(content: ContentCatalog, feedback: FeedbackRecorder) {
    super(WORK_DIALOG, content, 'work', feedback);
    this.addFlow(FLOW, [this.ensureGroup.bind(this), this.askPermitOrNeed.bind(this), this.askGoal.bind(this), this.answer.bind(this)]);
  }

  /** Venezuelans: which permit? Colombians: looking for work or hiring? Others: nothing to ask. */
  private async askPermitOrNeed(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const group = this.group(step);
    if (group === 'venezuelan') return this.askChoice(step, 'permitQuestion', 'permit');
    if (group === 'returnee' || group === 'host') return this.askChoice(step, 'hostGoalQuestion', 'hostGoal');
    return step.next();
  }

  /** With a PPT or Visa V: find a job, rights in a job, or a regulated profession? */
  private async askGoal(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const first = this.keep(step, 'first');
    if (this.group(step) === 'venezuelan' && (first === 'ppt' || first === 'visa_v')) return this.askChoice(step, 'goalQuestion', 'goal');
    return step.next();
  }

  /** Answer from the content file for the branch taken. */
  private async answer(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const goal = this.keep(step, 'goal');
    const first = this.answerTo(step, 'first');
    const group = this.group(step);
    if (group === 'returnee' || group === 'host') {
      if (first === 'hire') await this.say(step, this.fact(step, 'workRights'), this.fact(step, 'employerDuties'));
      else await this.say(step, this.fact(step, 'publicEmployment'));
    } else if (group !== 'venezuelan') {
      await this.say(step, this.fact(step, 'onlyVenezuelans'), this.withProLine(step, this.commonUi(step, 'noVerifiedInfo')));
    } else if (first === 'sc2') {
      await this.say(step, this.fact(step, 'safeConductWork'), this.withProLine(step, this.ui(step, 'noPermit')));
    } else if (first === 'none') {
      await this.say(step, this.withProLine(step, this.ui(step, 'noPermit')), this.fact(step, 'visaVHint'));
    } else {
      await this.say(step, this.fact(step, 'workRights'));
      if (goal === 'find_job') await this.say(step, this.fact(step, 'publicEmployment'));
      else if (goal === 'profession') await this.say(step, this.withProLine(step, this.fact(step, 'profession')));
      else if (first === 'ppt') await this.say(step, this.fact(step, 'employerDuties'));
      else await this.say(step, this.withProLine(step, this.ui(step, 'visaEmployerNote')));
    }
    return step.next();
  }
}
