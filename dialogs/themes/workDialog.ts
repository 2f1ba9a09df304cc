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
import { GuidedThemeDialog } from './guidedThemeDialog';

export const WORK_DIALOG = 'work';
const FLOW = 'workFlow';

/** The choice ids of work.json this dialog branches on (test/content/choiceIds.test.ts checks them). */
export const WORK_CHOICES = {
  permit: ['ppt', 'visa_v', 'sc2', 'none', 'pep_tutor', 'foreign_id'],
  permitOther: ['sc2', 'foreign_id', 'none'],
  hostGoal: ['find_job', 'hire'],
  goal: ['find_job', 'employed', 'profession', 'problem'],
} as const;
type WorkPermit = (typeof WORK_CHOICES.permit)[number];
/** The first question's answer: the permit held (Venezuelans, other nationalities) or, for Colombians, looking for work or hiring. */
type FirstAnswer = WorkPermit | (typeof WORK_CHOICES.hostGoal)[number];
const FIRST_ANSWERS: readonly FirstAnswer[] = [...WORK_CHOICES.permit, ...WORK_CHOICES.permitOther, ...WORK_CHOICES.hostGoal];

/** What the person has told the work flow. */
export interface WorkDetails {
  first?: FirstAnswer;
  /** With a permit that allows work: what they need. */
  goal?: (typeof WORK_CHOICES.goal)[number];
}

/** Permits that allow work, and the fact that says so for each. */
const PERMIT_FACT: Readonly<Partial<Record<FirstAnswer, string>>> = {
  ppt: 'workRights',
  visa_v: 'workRights',
  pep_tutor: 'pepTutorWork',
  sc2: 'safeConductWork',
  foreign_id: 'foreignIdWork',
};

export class WorkDialog extends GuidedThemeDialog<WorkDetails> {
  constructor(content: ContentCatalog) {
    super(WORK_DIALOG, content, 'work');
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
    const first = this.keep(step, 'first', FIRST_ANSWERS);
    if (this.permitFact(step, first)) return this.askChoice(step, 'goalQuestion', 'goal');
    return step.next();
  }

  /** Answer from the content file for the branch taken. */
  private async answer(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const goal = this.keep(step, 'goal', WORK_CHOICES.goal);
    const { first } = this.details(step);
    const permitFact = this.permitFact(step, first);
    const group = this.group(step);
    if (group === 'returnee' || group === 'host') {
      if (first === 'hire') await this.say(step, this.fact(step, 'workRights'), this.fact(step, 'employerDuties'));
      else await this.say(step, this.fact(step, 'publicEmployment'));
    } else if (permitFact) {
      await this.say(step, this.fact(step, permitFact));
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

  /** The fact saying the permit named by the permit question allows work; undefined when it names none that does. */
  private permitFact(step: WaterfallStepContext, first: FirstAnswer | undefined): string | undefined {
    const group = this.group(step);
    return (group === 'venezuelan' || group === 'other_nationality') && first ? PERMIT_FACT[first] : undefined;
  }
}
