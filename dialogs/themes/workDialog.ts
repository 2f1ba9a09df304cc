/**
 * Theme "work": which permit the person holds decides what they may do. PPT, Visa V, PEP Tutor,
 * SC-2 (asylum seekers may work since 2025) and a refugee's cédula de extranjería all allow work;
 * then: finding a job, the employer's duties, a regulated profession, or a complaint to the
 * Ministerio del Trabajo. Without a permit: no invented rights, the PRO line and the Visa V pointer.
 * Asylum seekers of any nationality are asked too. Colombian returnees and host communities get the
 * public employment service or, as employers, the steps to hire a PPT holder.
 */
import { DialogTurnResult, WaterfallStepContext } from 'botbuilder-dialogs';
import type { ContentCatalog } from '../../bot/content/catalog';
import { FeedbackRecorder, GuidedThemeDialog } from './guidedThemeDialog';

export const WORK_DIALOG = 'work';
const FLOW = 'workFlow';

/** Permits that allow work, and the fact that says so for each. */
const PERMIT_FACT: Readonly<Record<string, string>> = {
  ppt: 'workRights',
  visa_v: 'workRights',
  pep_tutor: 'pepTutorWork',
  sc2: 'safeConductWork',
  foreign_id: 'foreignIdWork',
};

export class WorkDialog extends GuidedThemeDialog {
  constructor(content: ContentCatalog, feedback: FeedbackRecorder) {
    super(WORK_DIALOG, content, 'work', feedback);
    this.addFlow(FLOW, [this.ensureGroup.bind(this), this.askPermitOrNeed.bind(this), this.askGoal.bind(this), this.answer.bind(this)]);
  }

  /** Venezuelans and other nationalities: which permit? Colombians: looking for work or hiring? */
  private async askPermitOrNeed(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const group = this.group(step);
    if (group === 'venezuelan') return this.askChoice(step, 'permitQuestion', 'permit');
    if (group === 'other_nationality') return this.askChoice(step, 'permitQuestion', 'permitOther');
    if (group === 'returnee' || group === 'host') return this.askChoice(step, 'hostGoalQuestion', 'hostGoal');
    return step.next();
  }

  /** With a permit that allows work: find a job, rights in a job, a profession, or a problem at work? */
  private async askGoal(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const first = this.keep(step, 'first');
    if (this.holdsPermit(step, first)) return this.askChoice(step, 'goalQuestion', 'goal');
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
    } else if (first && this.holdsPermit(step, first)) {
      await this.say(step, this.fact(step, PERMIT_FACT[first]));
      if (first === 'foreign_id') await this.say(step, this.withProLine(step, this.ui(step, 'foreignIdNote')));
      if (goal === 'find_job') await this.say(step, this.fact(step, 'publicEmployment'));
      else if (goal === 'profession') await this.say(step, this.withProLine(step, this.fact(step, 'profession')));
      else if (goal === 'problem') await this.say(step, this.fact(step, 'exploitationComplaint'));
      else if (first === 'ppt') await this.say(step, this.fact(step, 'employerDuties'));
      else await this.say(step, this.withProLine(step, this.ui(step, 'visaEmployerNote')));
    } else if (group === 'venezuelan') {
      await this.say(step, this.withProLine(step, this.ui(step, 'noPermit')), this.fact(step, 'visaVHint'));
      this.offerDetail(step, 'exploitationComplaint');
    } else {
      await this.say(step, this.fact(step, 'onlyVenezuelans'), this.withProLine(step, this.commonUi(step, 'noVerifiedInfo')));
    }
    return step.next();
  }

  /** Whether the answer to the permit question names a permit that allows work. */
  private holdsPermit(step: WaterfallStepContext, first: string | undefined): boolean {
    const group = this.group(step);
    return (group === 'venezuelan' || group === 'other_nationality') && !!first && first in PERMIT_FACT;
  }
}
