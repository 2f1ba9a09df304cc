/**
 * Theme "regularization": PPT (uses and validity, duplicate with its fee and steps, status), PEP
 * Tutor and cédula de extranjería holders, what is left for people without a permit (adult PPT
 * closed, Visa V by arrival date, children's PPT and PEP Tutor) and asylum. PPT, PEP Tutor and
 * Visa V apply to Venezuelans only; Colombian returnees get the Return Law (RUR), host communities
 * the PRO line, and people of another nationality the asylum route.
 * Each answer keeps to the reading budget: what it means, what to do now, the rest under "Más detalle".
 */
import { DialogTurnResult, WaterfallStepContext } from 'botbuilder-dialogs';
import type { ContentCatalog } from '../../bot/content/catalog';
import type { ChoiceAnswer } from '../prompts/choicePrompt';
import type { RelativeWord } from '../../bot/nlu/understanding';
import type { PopulationGroup } from '../../bot/profile/userProfile';
import { getSession } from '../../bot/turn/session';
import { GuidedThemeDialog, YES_NO, type YesNo } from './guidedThemeDialog';
import { understoodSoFar } from './knownAnswers';

export const REGULARIZATION_DIALOG = 'regularization';
const FLOW = 'regularizationFlow';

/** The choice ids of regularization.json this dialog branches on (test/content/choiceIds.test.ts checks them). */
export const REGULARIZATION_CHOICES = {
  situation: ['ppt_have', 'ppt_pending', 'no_permit', 'asylum', 'pep_tutor', 'foreign_id'],
  pptNeed: ['uses', 'reissue'],
  arrival: ['before_dec_2024', 'from_dec_2024'],
} as const;
type Situation = (typeof REGULARIZATION_CHOICES.situation)[number];
/** The follow-up's answer: which PPT need, the arrival date, or (asylum) whether it was requested. */
type SituationDetail = (typeof REGULARIZATION_CHOICES.pptNeed)[number] | (typeof REGULARIZATION_CHOICES.arrival)[number] | YesNo;
const DETAIL_ANSWERS: readonly SituationDetail[] = [...REGULARIZATION_CHOICES.pptNeed, ...REGULARIZATION_CHOICES.arrival, ...YES_NO];

/** What the person has told the regularization flow. */
export interface RegularizationDetails {
  /** Where a Venezuelan stands (other nationalities: `asylum`, without asking). */
  situation?: Situation;
  detail?: SituationDetail;
  /** Without a permit: a mother, father or carer of a child? */
  children?: YesNo;
}

export class RegularizationDialog extends GuidedThemeDialog<RegularizationDetails> {
  constructor(content: ContentCatalog) {
    super(REGULARIZATION_DIALOG, content, 'regularization');
    this.addFlow(FLOW, [
      this.answerCostFirst.bind(this),
      this.ensureGroup.bind(this),
      this.askSituation.bind(this),
      this.askDetail.bind(this),
      this.askChildren.bind(this),
      this.answer.bind(this),
    ]);
  }

  /**
   * "el ppt cuesta plata?": the answer (the first PPT is free, never pay an intermediary) comes at
   * once, before any question; a lost PPT's duplicate fee is answered in its own branch instead.
   */
  private async answerCostFirst(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const asked = understoodSoFar(getSession(step.context));
    if (asked.costQuestion && asked.permitState !== 'lost') await this.say(step, this.fact(step, 'pptFree'));
    return step.next();
  }

  /**
   * The group whose permits are asked about: the person's own, or Venezuelan when someone who is
   * not ("soy colombiana… mi esposo venezolano, ¿él qué papeles necesita?") asks for a Venezuelan
   * relative. The person's own group stays in the profile.
   */
  protected override group(step: WaterfallStepContext): PopulationGroup | undefined {
    const own = super.group(step);
    return own && own !== 'venezuelan' && this.relative(step) ? 'venezuelan' : own;
  }

  private relative(step: WaterfallStepContext): RelativeWord | undefined {
    return understoodSoFar(getSession(step.context)).venezuelanRelative;
  }

  /** Venezuelans say where they stand; other nationalities go to asylum; Colombians skip ahead. */
  private async askSituation(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const group = this.group(step);
    const relative = this.relative(step);
    // Answering for the relative (the override above changed the group): say so first.
    if (relative && group !== super.group(step)) await this.say(step, this.ui(step, `forRelative_${relative}`));
    if (group === 'venezuelan') return this.askChoice(step, 'situationQuestion', 'situation');
    if (group === 'other_nationality') {
      await this.say(step, this.fact(step, 'onlyVenezuelans'));
      return step.next({ id: 'asylum', text: '' } satisfies ChoiceAnswer);
    }
    return step.next();
  }

  /** One follow-up on the situation: which PPT need, arrival date, or asylum already requested. */
  private async askDetail(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const situation = this.keep(step, 'situation', REGULARIZATION_CHOICES.situation);
    if (situation === 'ppt_have') return this.askChoice(step, 'pptNeedQuestion', 'pptNeed');
    if (situation === 'no_permit') return this.askChoice(step, 'arrivalQuestion', 'arrival');
    if (situation === 'asylum') {
      await this.say(step, this.fact(step, 'asylumIntro'));
      return this.askYesNo(step, 'asylumQuestion');
    }
    return step.next();
  }

  /** Without a permit, ask whether they care for a child (children's PPT, PEP Tutor). */
  private async askChildren(step: WaterfallStepContext): Promise<DialogTurnResult> {
    this.keep(step, 'detail', DETAIL_ANSWERS);
    if (this.details(step).situation === 'no_permit') return this.askYesNo(step, 'childrenQuestion');
    return step.next();
  }

  /** Answer from the content file for the branch taken. */
  private async answer(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const children = this.keep(step, 'children', YES_NO) === 'yes';
    const { situation, detail } = this.details(step);
    const group = this.group(step);
    switch (situation) {
      case 'ppt_have':
        if (detail === 'reissue') {
          // The duplicate has a fee: "the PPT is free" would be wrong here (audit E7).
          await this.say(step, this.fact(step, 'pptReissue'), this.fact(step, 'pptDuplicateFee'));
          this.offerDetail(step, 'pptDuplicateDocuments', 'pptFree');
        } else {
          await this.say(step, this.fact(step, 'pptUses'), this.fact(step, 'pptFree'));
        }
        break;
      case 'ppt_pending':
        await this.say(step, this.fact(step, 'pptStatus'), this.fact(step, 'pptRequired'), this.fact(step, 'pptFree'));
        break;
      case 'pep_tutor':
        await this.say(step, this.withProLine(step, this.fact(step, 'pepTutorHolder')));
        break;
      case 'foreign_id':
        await this.say(step, this.fact(step, 'foreignIdHolder'), this.withProLine(step, this.ui(step, 'foreignIdNote')));
        break;
      case 'no_permit':
        // These facts send the person to the PRO line to confirm dates and costs: give its numbers first.
        await this.say(step, this.withProLine(step, this.fact(step, 'pptClosed')));
        if (detail === 'before_dec_2024') {
          await this.say(step, this.fact(step, 'visaV'), this.fact(step, 'visaVHow'));
          this.offerDetail(step, ...(children ? ['pptChildren', 'pepTutor'] : ['visaVExclusions', 'pptFree']));
        } else {
          await this.say(step, this.fact(step, 'visaVAfter'));
          if (children) await this.say(step, this.fact(step, 'pptChildren'));
          this.offerDetail(step, ...(children ? ['pepTutor', 'pptFree'] : ['pptFree']));
        }
        break;
      case 'asylum':
        if (detail === 'yes') await this.say(step, this.fact(step, 'asylumWaiting'), this.withProLine(step, this.fact(step, 'asylumNext')));
        else await this.say(step, this.withProLine(step, this.fact(step, 'asylumHow')));
        break;
      default:
        if (group === 'returnee') {
          await this.say(step, this.fact(step, 'returneeLaw'), this.withProLine(step, this.fact(step, 'returneeHow')));
        } else {
          // Host communities: these measures are not theirs, and we know no others.
          await this.say(step, this.fact(step, 'onlyVenezuelans'), this.withProLine(step, this.commonUi(step, 'noVerifiedInfo')));
        }
    }
    return step.next();
  }
}
