/**
 * Theme "education": children and adolescents enrol whatever their status (with a PPT, a cédula de extranjería or an NES;
 * placed by free evaluations or with recognised studies; the Secretaría de Educación finds a place);
 * adults validate secondary school with ICFES or have foreign studies recognised by the Ministry.
 */
import { DialogTurnResult, WaterfallStepContext } from 'botbuilder-dialogs';
import type { ContentCatalog } from '../../bot/content/catalog';
import { GuidedThemeDialog, YES_NO, type YesNo } from './guidedThemeDialog';

export const EDUCATION_DIALOG = 'education';
const FLOW = 'educationFlow';

/** The choice ids of education.json this dialog branches on (test/content/choiceIds.test.ts checks them). */
export const EDUCATION_CHOICES = {
  who: ['child', 'adult'],
  adultGoal: ['validate', 'convalidate'],
} as const;
type AdultGoal = (typeof EDUCATION_CHOICES.adultGoal)[number];
const DETAIL_ANSWERS: readonly (AdultGoal | YesNo)[] = [...EDUCATION_CHOICES.adultGoal, ...YES_NO];

/** What the person has told the education flow. */
export interface EducationDetails {
  /** Studies for a child or an adult? */
  who?: (typeof EDUCATION_CHOICES.who)[number];
  /** An adult: validate or recognise studies. A child: has an ID document (yes/no)? */
  detail?: AdultGoal | YesNo;
  /** A child: papers showing the last grade studied? */
  certificates?: YesNo;
}

export class EducationDialog extends GuidedThemeDialog<EducationDetails> {
  constructor(content: ContentCatalog) {
    super(EDUCATION_DIALOG, content, 'education');
    this.addFlow(FLOW, [this.askWho.bind(this), this.askDetail.bind(this), this.askCertificates.bind(this), this.answer.bind(this)]);
  }

  /** A child or an adult? */
  private async askWho(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return this.askChoice(step, 'whoQuestion', 'who');
  }

  /** A child: has an ID document? An adult: validate or recognise studies? */
  private async askDetail(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if (this.keep(step, 'who', EDUCATION_CHOICES.who) === 'adult') return this.askChoice(step, 'adultGoalQuestion', 'adultGoal');
    return this.askYesNo(step, 'idQuestion');
  }

  /** A child: papers showing the last grade studied? */
  private async askCertificates(step: WaterfallStepContext): Promise<DialogTurnResult> {
    this.keep(step, 'detail', DETAIL_ANSWERS);
    if (this.details(step).who === 'adult') return step.next();
    return this.askYesNo(step, 'certificatesQuestion');
  }

  /** Answer from the content file for the branch taken. */
  private async answer(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const certificates = this.keep(step, 'certificates', YES_NO);
    const { who, detail } = this.details(step);
    if (who === 'adult') {
      if (detail === 'validate') await this.say(step, this.withProLine(step, this.fact(step, 'icfesValidation')));
      else await this.say(step, this.fact(step, 'convalidation'), this.withProLine(step, this.ui(step, 'universityNote')));
    } else {
      // Document and studies in one message, so the answer stays within three.
      const documents = `${this.fact(step, detail === 'yes' ? 'withId' : 'withoutId')}\n\n${this.fact(step, certificates === 'yes' ? 'withCertificates' : 'withoutCertificates')}`;
      await this.say(step, this.fact(step, 'enrolmentRight'), documents, this.withProLine(step, this.fact(step, 'findPlace')));
    }
    return step.next();
  }
}
