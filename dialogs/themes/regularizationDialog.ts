/**
 * Theme "regularization": PPT (status, uses, re-issue), what is left for people without a permit
 * (adult PPT closed, Visa V by arrival date, PEP Tutor closed, children's PPT through school) and
 * asylum. PPT, PEP Tutor and Visa V apply to Venezuelans only; other groups are told so and sent to
 * the PRO line, and people of another nationality get the asylum route.
 * Every answer that mentions the PPT says it is free and needs no intermediaries.
 */
import { DialogTurnResult, WaterfallStepContext } from 'botbuilder-dialogs';
import type { ContentCatalog } from '../../bot/content/catalog';
import type { ChoiceAnswer } from '../prompts/choicePrompt';
import { FeedbackRecorder, GuidedThemeDialog } from './guidedThemeDialog';

export const REGULARIZATION_DIALOG = 'regularization';
const FLOW = 'regularizationFlow';

export class RegularizationDialog extends GuidedThemeDialog {
  constructor(content: ContentCatalog, feedback: FeedbackRecorder) {
    super(REGULARIZATION_DIALOG, content, 'regularization', feedback);
    this.addFlow(FLOW, [
      this.ensureGroup.bind(this),
      this.askSituation.bind(this),
      this.askDetail.bind(this),
      this.askChildren.bind(this),
      this.answer.bind(this),
    ]);
  }

  /** Venezuelans say where they stand; other nationalities go to asylum; Colombians skip ahead. */
  private async askSituation(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const group = this.group(step);
    if (group === 'venezuelan') return this.askChoice(step, 'situationQuestion', 'situation');
    if (group === 'other_nationality') {
      await this.say(step, this.fact(step, 'onlyVenezuelans'));
      return step.next({ id: 'asylum', text: '' } satisfies ChoiceAnswer);
    }
    return step.next();
  }

  /** One follow-up on the situation: which PPT need, arrival date, or asylum already requested. */
  private async askDetail(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const situation = this.keep(step, 'situation');
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
    this.keep(step, 'detail');
    if (this.answerTo(step, 'situation') === 'no_permit') return this.askYesNo(step, 'childrenQuestion');
    return step.next();
  }

  /** Answer from the content file for the branch taken. */
  private async answer(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const children = this.keep(step, 'children');
    const situation = this.answerTo(step, 'situation');
    const detail = this.answerTo(step, 'detail');
    switch (situation) {
      case 'ppt_have':
        await this.say(step, this.fact(step, detail === 'reissue' ? 'pptReissue' : 'pptUses'), this.fact(step, 'pptFree'));
        break;
      case 'ppt_pending':
        await this.say(step, this.fact(step, 'pptStatus'), this.fact(step, 'pptFree'));
        break;
      case 'no_permit':
        await this.say(step, this.fact(step, 'pptClosed'));
        if (detail === 'before_dec_2024') await this.say(step, this.fact(step, 'visaV'), this.fact(step, 'visaVHow'));
        else await this.say(step, this.fact(step, 'visaVAfter'));
        if (children === 'yes') await this.say(step, this.fact(step, 'pptChildren'), this.fact(step, 'pepTutor'));
        // These facts send the person to the PRO line to confirm dates and costs: give its numbers.
        await this.say(step, this.withProLine(step, this.fact(step, 'pptFree')));
        break;
      case 'asylum':
        await this.say(step, this.fact(step, detail === 'yes' ? 'asylumWaiting' : 'asylumHow'));
        break;
      default:
        // Colombian returnees and host communities: these measures are not theirs, and we know no others.
        await this.say(step, this.fact(step, 'onlyVenezuelans'), this.withProLine(step, this.commonUi(step, 'noVerifiedInfo')));
    }
    return step.next();
  }
}
