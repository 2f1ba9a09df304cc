/**
 * Base for the orientation themes that ask a few questions and then answer: it adds the profile
 * question (who the person is, asked once) and the ending every answer shares — "¿Te sirvió?"
 * (counted anonymously by theme), with "Más detalle" when the answer kept facts for it (`offerDetail`),
 * and then back to the menu or on to services near the person.
 *
 * A theme registers its steps with `addFlow()`; the ending steps are appended there, once, so no
 * theme repeats them. All steps run in a ProWaterfallDialog, so "atrás" and a language switch
 * re-ask the theme's questions too. Each question step keeps the previous question's answer in the
 * theme's details `D` with `keep()`, as one of the choice ids the dialog knows (typed, not strings).
 *
 * @example
 * interface HealthDetails { emergency?: YesNo }
 * class HealthDialog extends GuidedThemeDialog<HealthDetails> {
 *   constructor(content: ContentCatalog) {
 *     super('health', content, 'health');
 *     this.addFlow('healthFlow', [this.askEmergency.bind(this), this.answer.bind(this)]);
 *   }
 *   private async answer(step: WaterfallStepContext): Promise<DialogTurnResult> {
 *     if (this.keep(step, 'emergency', YES_NO) === 'yes') await this.say(step, this.fact(step, 'urgentCare'));
 *     return step.next();
 *   }
 * }
 */
import { DialogTurnResult, WaterfallStep, WaterfallStepContext } from 'botbuilder-dialogs';
import type { Choice } from '../../bot/content/choice';
import type { ContentCatalog, ContentFileName } from '../../bot/content/catalog';
import type { PopulationGroup } from '../../bot/profile/userProfile';
import { PROFILE_DIALOG, ProfileDialog } from '../profileDialog';
import type { ChoiceAnswer } from '../prompts/choicePrompt';
import { ProWaterfallDialog } from '../proWaterfallDialog';
import { getSession } from '../../bot/turn/session';
import { withHandoffOffer } from '../../bot/turn/handoffTurn';
import { ThemeDialog, ThemeResult } from '../themeDialog';
import { isKnownIn, type KnownAnswerKey, type KnownAnswers, knownAnswersFor, understoodLine, understoodSoFar } from './knownAnswers';

/** The `common.yesNo` choice ids (test/content/choiceIds.test.ts checks each dialog's ids against the files). */
export const YES_NO = ['yes', 'no'] as const;
export type YesNo = (typeof YES_NO)[number];

/** WhatsApp shows up to 3 choices as buttons; more become a list, which needs a button label. */
const MAX_BUTTONS = 3;
const MORE_DETAIL = 'more_detail';

/** What captureKnown and the shared ending keep in a flow's step.values, beside the theme's details. */
interface GuidedValues {
  /** What the opening message already answers, used up question by question. */
  _known?: KnownAnswers;
  /** Facts "Más detalle" says (offerDetail). */
  _detailKeys?: string[];
  _detailShown?: boolean;
  _feedbackRecorded?: boolean;
}

export abstract class GuidedThemeDialog<D extends object = Record<string, never>> extends ThemeDialog<D> {
  constructor(id: string, content: ContentCatalog, file: ContentFileName) {
    super(id, content, file);
    this.addDialog(new ProfileDialog(content));
  }

  /** Registers the theme's waterfall: its question and answer steps, then the shared ending. */
  protected addFlow(flowId: string, steps: WaterfallStep[]): void {
    this.addDialog(
      new ProWaterfallDialog(flowId, [
        this.captureKnown.bind(this),
        ...steps,
        this.askUseful.bind(this),
        this.giveDetail.bind(this),
        this.recordUseful.bind(this),
        this.finish.bind(this),
      ]),
    );
    this.initialDialogId = flowId;
  }

  /**
   * Keeps facts of this theme's file for later: "¿Te sirvió?" then also offers "Más detalle"
   * (`more_detail`), which says them. Lets an answer stay short ("what this means", "what to do
   * now") while the rest is one tap away. Call it in the answer step; each call replaces the last.
   *
   * @example
   * await this.say(step, this.fact(step, 'pptReissueWhat'), this.fact(step, 'pptReissueSteps'));
   * this.offerDetail(step, 'pptReissueDocuments');
   */
  protected offerDetail(step: WaterfallStepContext, ...factKeys: string[]): void {
    this.guided(step)._detailKeys = factKeys;
  }

  /**
   * Step (first of every flow): what the opening message already answers, kept as choice ids so
   * the questions it answers are skipped (see `askChoice`). Nothing when the theme was tapped.
   */
  private async captureKnown(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const ids = understoodSoFar(getSession(step.context));
    const known = knownAnswersFor(ids);
    if (Object.keys(known).length > 0) {
      this.guided(step)._known = known;
      // Said now, in the turn of the message it read, so a wrong guess can be corrected at once.
      // Unless it was said already, with "which of these?", and this message adds nothing to it.
      const session = getSession(step.context);
      const line = understoodLine(ids, this.locale(step), this.content);
      const saidAlready = session.carriedDescribed && session.carried && line === understoodLine(session.carried, this.locale(step), this.content);
      if (line && !saidAlready) session.preface(line);
    }
    return step.next();
  }

  /** The known answer to `key` (`file.group`) if it is one of `choices`, used up so that "atrás" asks the question for real. */
  protected async useKnown<K extends KnownAnswerKey>(step: WaterfallStepContext, key: K, choices?: Choice[]): Promise<KnownAnswers[K] | undefined> {
    const known = this.guided(step)._known;
    const id = known?.[key];
    if (!known || !id || (choices && !choices.some((c) => c.id === id))) return undefined;
    delete known[key];
    ProWaterfallDialog.countAsAsked(step);
    return id;
  }

  /** Who the person said they are, if they have said. */
  protected group(step: WaterfallStepContext): PopulationGroup | undefined {
    return getSession(step.context).profile.group;
  }

  /** Step: asks who the person is the first time a theme needs it; later themes skip straight on. */
  protected async ensureGroup(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if (this.group(step)) return step.next();
    const said = await this.useKnown(step, 'profile.group');
    if (said) {
      getSession(step.context).profile.group = said;
      return step.next();
    }
    return step.beginDialog(PROFILE_DIALOG);
  }

  /**
   * Keeps the id the previous question returned in the details under `key` when it is one of `ids`
   * (the question's choice ids; none when that question was skipped), and returns it. Every
   * question step calls it, so going back and answering differently never leaves an answer from
   * another branch behind. Read it later from `details(step)`.
   *
   * @example
   * if (this.keep(step, 'emergency', YES_NO) === 'yes') return step.next();
   */
  protected keep<K extends keyof D, V extends NonNullable<D[K]> & string>(step: WaterfallStepContext, key: K, ids: readonly V[]): V | undefined {
    const id = this.chosen(step)?.id;
    const answer = ids.find((candidate) => candidate === id);
    const details = this.details(step);
    if (answer === undefined) delete details[key];
    else details[key] = answer;
    return answer;
  }

  /** Asks a question of this theme's file with a group of choices (from this file or `common`). */
  protected async askChoice(step: WaterfallStepContext, textKey: string, group: string, choicesFile: ContentFileName = this.file): Promise<DialogTurnResult> {
    const choices = this.choices(step, group, choicesFile);
    // A yes/no question is known by its text key ("emergencyQuestion" → "health.emergency").
    const key = group === 'yesNo' ? `${this.file}.${textKey.replace(/Question$/, '')}` : `${this.file}.${group}`;
    const known = this.guided(step)._known;
    const said = known && isKnownIn(known, key) ? await this.useKnown(step, key, choices) : undefined;
    if (said) return step.next({ id: said, text: '' } satisfies ChoiceAnswer);
    return this.ask(step, { text: this.ui(step, textKey), choices, ...this.listOptions(step, choices) });
  }

  /** Asks a yes/no question of this theme's file (choice ids `yes` / `no`). */
  protected askYesNo(step: WaterfallStepContext, textKey: string): Promise<DialogTurnResult> {
    return this.askChoice(step, textKey, 'yesNo', 'common');
  }

  protected commonUi(step: WaterfallStepContext, key: string): string {
    return this.content.ui(this.locale(step), 'common', key);
  }

  /** `text` followed by the free PRO line and PRO WhatsApp numbers, for answers that refer to the line. */
  protected withProLine(step: WaterfallStepContext, text: string): string {
    return `${text}\n\n${this.content.fact(this.locale(step), 'common', 'nationalLine')}`;
  }

  private listOptions(step: WaterfallStepContext, choices: Choice[]): { listButton?: string } {
    return choices.length > MAX_BUTTONS ? { listButton: this.commonUi(step, 'menuButton') } : {};
  }

  /** Ask whether the answer was useful (the ending every theme shares), with "more detail" when kept. */
  private async askUseful(step: WaterfallStepContext): Promise<DialogTurnResult> {
    // The theme reached its answer: an attention (once per theme and conversation, bot/stats/turnCounts.ts).
    const session = getSession(step.context);
    session.counts.answered(this.id, session.profile, session.locale);
    this.guided(step)._detailShown = false;
    const withDetail = this.detailKeys(step).length > 0;
    return this.askUsefulQuestion(step, withDetail);
  }

  /** "More detail": say the kept facts and ask "¿Te sirvió?" again, this time without that choice. */
  private async giveDetail(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const answer = this.chosen(step);
    if (answer?.id !== MORE_DETAIL) return step.next(answer);
    const values = this.guided(step);
    // A language switch runs this step again with the same answer: ask again, without repeating.
    if (!values._detailShown) {
      await this.say(step, ...this.detailKeys(step).map((key) => this.fact(step, key)));
      values._detailShown = true;
    }
    return this.askUsefulQuestion(step, false);
  }

  private detailKeys(step: WaterfallStepContext): string[] {
    return this.guided(step)._detailKeys ?? [];
  }

  /** What captureKnown and the ending keep in step.values (saved state: read here only). */
  private guided(step: WaterfallStepContext): GuidedValues {
    return step.values as GuidedValues;
  }

  private askUsefulQuestion(step: WaterfallStepContext, withDetail: boolean): Promise<DialogTurnResult> {
    const choices = this.choices(step, 'useful', 'common');
    if (withDetail) choices.push(...this.choices(step, 'detail', 'common'));
    return this.ask(step, { text: this.commonUi(step, withDetail ? 'usefulQuestionWithDetail' : 'usefulQuestion'), choices });
  }

  /** Count the answer once, anonymously, by theme; thank the person and offer the way on. */
  private async recordUseful(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const useful = this.chosen(step)?.id === 'useful_yes';
    const values = this.guided(step);
    // Count the first answer only: a language switch re-runs this step with the same answer, and
    // "atrás" back to "¿Te sirvió?" must not count the same person twice.
    if (!values._feedbackRecorded) {
      // Written with the turn's other counts after the state is saved: a re-run never counts twice.
      getSession(step.context).counts.useful(this.id, useful);
      values._feedbackRecorded = true;
    }
    const nextSteps = this.commonUi(step, 'nextStepsPrompt');
    const choices = this.choices(step, 'afterAnswer', 'common');
    if (useful) return this.ask(step, { text: `${this.commonUi(step, 'usefulThanks')}\n\n${nextSteps}`, choices });
    await this.say(step, withHandoffOffer(step.context, this.withProLine(step, this.commonUi(step, 'usefulSorry'))));
    return this.ask(step, { text: nextSteps, choices });
  }

  /** Leave the theme: back to the menu, or on to services near the person. */
  private async finish(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const next = this.chosen(step)?.id === 'services' ? 'services' : 'menu';
    return step.endDialog({ next } satisfies ThemeResult);
  }
}
