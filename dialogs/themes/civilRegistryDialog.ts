/**
 * Theme "civil_registry": birth registration and "Primero la Niñez" (Colombian nationality for
 * children born in Colombia from 1 January 2015 to a Venezuelan parent, Ley 1997 de 2019), and
 * children born abroad to a Colombian parent. Asks where and when the child was born (a typed year
 * decides; a missing half is asked for, never guessed), who the parents are, and whether the child
 * is registered.
 */
import { DialogTurnResult, WaterfallStepContext } from 'botbuilder-dialogs';
import type { ContentCatalog } from '../../bot/content/catalog';
import type { GeoDirectory } from '../../bot/geo';
import { ColombianPlaceTest, readBirthAnswer } from '../../bot/nlu/birthAnswer';
import { BIRTH_PROMPT, BirthAnswerPrompt, birthAnswerId, combineBirthAnswers } from '../prompts/birthAnswerPrompt';
import { choicePromptOptions } from '../prompts/choicePrompt';
import { FeedbackRecorder, GuidedThemeDialog } from './guidedThemeDialog';

export const CIVIL_REGISTRY_DIALOG = 'civil_registry';
const FLOW = 'civilRegistryFlow';
const COMPLETE = new Set(['co_since_2015', 'co_before_2015', 'abroad']);

/** Only whole, exact names count as a place of birth: "marzo" must not become a municipality by a typo. */
function exactPlaceIn(geo: GeoDirectory): ColombianPlaceTest {
  return (name) => {
    const found = geo.resolvePlace(name);
    return (found.kind === 'municipality' || found.kind === 'department') && found.exact;
  };
}

export class CivilRegistryDialog extends GuidedThemeDialog {
  private readonly isPlaceInColombia: ColombianPlaceTest;

  constructor(content: ContentCatalog, feedback: FeedbackRecorder, geo: GeoDirectory) {
    super(CIVIL_REGISTRY_DIALOG, content, 'civil_registry', feedback);
    this.isPlaceInColombia = exactPlaceIn(geo);
    this.addDialog(new BirthAnswerPrompt(this.isPlaceInColombia));
    this.addFlow(FLOW, [
      this.askBirth.bind(this),
      this.askBirthRest.bind(this),
      this.askParents.bind(this),
      this.askRegistered.bind(this),
      this.answer.bind(this),
    ]);
  }

  /**
   * Where and when was the child born? A question typed at the menu that already says it
   * ("nació en Cúcuta en marzo de 2015") is read, not asked again (read from the activity: never kept).
   */
  private async askBirth(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const opening = birthAnswerId(readBirthAnswer(step.context.activity.text ?? '', this.isPlaceInColombia));
    if (opening) return step.next({ id: opening });
    // Said before consenting, or read by the opening message's understanding (ids carried over).
    const known = await this.useKnown(step, 'civil_registry.birth', this.choices(step, 'birth'));
    if (known) return step.next({ id: known });
    return this.askBirthQuestion(step, 'birthQuestion', 'birth');
  }

  /** Half an answer: Colombia without a year asks the year; a year without a place asks the place. */
  private async askBirthRest(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const first = this.keep(step, 'birthFirst');
    if (first === 'colombia') return this.askBirthQuestion(step, 'birthYearQuestion', 'birthYear');
    if (first === 'since_2015' || first === 'before_2015') return this.askBirthQuestion(step, 'birthPlaceQuestion', 'birthPlace');
    return step.next();
  }

  /** Born in Colombia: is a parent Venezuelan? Born abroad: is a parent Colombian? */
  private async askParents(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const birth = combineBirthAnswers(this.answerTo(step, 'birthFirst'), this.keep(step, 'birthSecond'));
    (step.values as Record<string, unknown>).birth = birth && COMPLETE.has(birth) ? birth : undefined;
    return this.askYesNo(step, birth === 'abroad' ? 'colombianParentQuestion' : 'parentsQuestion');
  }

  /** For a birth in Colombia: is the child registered already? */
  private async askRegistered(step: WaterfallStepContext): Promise<DialogTurnResult> {
    this.keep(step, 'parent');
    if (this.birth(step) === 'abroad') return step.next();
    return this.askYesNo(step, 'registeredQuestion');
  }

  /** Answer from the content file for the branch taken (at most three messages). */
  private async answer(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const registered = this.keep(step, 'registered') === 'yes';
    const birth = this.birth(step);
    const parent = this.answerTo(step, 'parent') === 'yes';
    if (birth === 'abroad') {
      if (parent) await this.say(step, this.fact(step, 'bornAbroadColombianParent'), this.withProLine(step, this.ui(step, 'nationalityReferral')));
      else await this.say(step, this.withProLine(step, this.ui(step, 'bornAbroad')));
    } else if (parent && birth === 'co_since_2015') {
      await this.say(step, this.fact(step, 'primeroLaNinez'));
      if (registered) await this.say(step, this.fact(step, 'alreadyRegisteredNote'));
      else await this.say(step, this.withProLine(step, this.fact(step, 'registerVenezuelanParents')));
    } else {
      // Born before 2015 (or parents not Venezuelan): outside the measure, still to be registered.
      const rule = parent ? this.fact(step, 'before2015') : `${this.fact(step, 'nationalityRule')}\n\n${this.fact(step, 'mustRegister')}`;
      await this.say(step, rule, registered ? this.ui(step, 'alreadyRegistered') : this.fact(step, 'registerHow'));
      await this.say(step, this.withProLine(step, this.ui(step, 'nationalityReferral')));
    }
    return step.next();
  }

  private birth(step: WaterfallStepContext): string | undefined {
    return (step.values as Record<string, unknown>).birth as string | undefined;
  }

  private askBirthQuestion(step: WaterfallStepContext, textKey: string, group: string): Promise<DialogTurnResult> {
    return step.prompt(
      BIRTH_PROMPT,
      choicePromptOptions({ text: this.ui(step, textKey), choices: this.choices(step, group), retryText: this.commonUi(step, 'choiceNotUnderstood') }),
    );
  }
}
