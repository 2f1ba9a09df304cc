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
import { GuidedThemeDialog, YES_NO, type YesNo } from './guidedThemeDialog';

export const CIVIL_REGISTRY_DIALOG = 'civil_registry';
const FLOW = 'civilRegistryFlow';

/** The choice ids of civil_registry.json this dialog branches on (test/content/choiceIds.test.ts checks them). */
export const CIVIL_REGISTRY_CHOICES = {
  /** Where and when, whole: the answers that decide. */
  birth: ['co_since_2015', 'co_before_2015', 'abroad'],
  birthYear: ['since_2015', 'before_2015'],
  birthPlace: ['colombia', 'abroad'],
} as const;
type Birth = (typeof CIVIL_REGISTRY_CHOICES.birth)[number];
/** Half an answer: the year or the place the follow-up question asks for. */
type BirthHalf = (typeof CIVIL_REGISTRY_CHOICES.birthYear | typeof CIVIL_REGISTRY_CHOICES.birthPlace)[number];
const SECOND_ANSWERS: readonly BirthHalf[] = [...CIVIL_REGISTRY_CHOICES.birthYear, ...CIVIL_REGISTRY_CHOICES.birthPlace];
/** The first question takes a whole answer or half of one (birthAnswerPrompt.ts). */
const FIRST_ANSWERS: readonly (Birth | BirthHalf)[] = [...CIVIL_REGISTRY_CHOICES.birth, ...SECOND_ANSWERS];

/** True when `whole` ("co_since_2015") is `half` ("colombia", "since_2015") with its other half. */
function completes(half: string, whole: string): boolean {
  return half === 'colombia' ? whole.startsWith('co_') : whole === `co_${half}`;
}

/** What the person has told the civil registry flow. */
export interface CivilRegistryDetails {
  /** Where and when the child was born: the whole answer, or the half given first. */
  birthFirst?: Birth | BirthHalf;
  /** The other half, asked for when the first answer gave only one. */
  birthSecond?: BirthHalf;
  /** Born in Colombia: is a parent Venezuelan? Born abroad: is a parent Colombian? */
  parent?: YesNo;
  /** Does the child have a registro civil already? */
  registered?: YesNo;
}

/** Only whole, exact names count as a place of birth: "marzo" must not become a municipality by a typo. */
function exactPlaceIn(geo: GeoDirectory): ColombianPlaceTest {
  return (name) => {
    const found = geo.resolvePlace(name);
    return (found.kind === 'municipality' || found.kind === 'department') && found.exact;
  };
}

export class CivilRegistryDialog extends GuidedThemeDialog<CivilRegistryDetails> {
  private readonly isPlaceInColombia: ColombianPlaceTest;

  constructor(content: ContentCatalog, geo: GeoDirectory) {
    super(CIVIL_REGISTRY_DIALOG, content, 'civil_registry');
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
    // Half an answer read here ("nació en Cúcuta", no year) may be whole in the understanding ("mi bebé de 8
    // meses": born 2015 or later); a whole one read here wins.
    const half = !!opening && !(CIVIL_REGISTRY_CHOICES.birth as readonly string[]).includes(opening);
    if (opening && !half) return step.next({ id: opening });
    // Said before consenting, or read by the opening message's understanding (ids carried over).
    const known = await this.useKnown(step, 'civil_registry.birth', this.choices(step, 'birth'));
    if (known && (!opening || completes(opening, known))) return step.next({ id: known });
    if (opening) return step.next({ id: opening });
    // Half of it known ("mi bebé nació en Cúcuta", no year): only the other half is asked.
    const place = await this.useKnown(step, 'civil_registry.birthPlace');
    if (place === 'colombia') return step.next({ id: 'colombia' });
    const period = await this.useKnown(step, 'civil_registry.birthYear');
    if (period) return step.next({ id: period });
    return this.askBirthQuestion(step, 'birthQuestion', 'birth');
  }

  /** Half an answer: Colombia without a year asks the year; a year without a place asks the place. */
  private async askBirthRest(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const first = this.keep(step, 'birthFirst', FIRST_ANSWERS);
    if (first === 'colombia') return this.askBirthQuestion(step, 'birthYearQuestion', 'birthYear');
    if (first === 'since_2015' || first === 'before_2015') return this.askBirthQuestion(step, 'birthPlaceQuestion', 'birthPlace');
    return step.next();
  }

  /** Born in Colombia: is a parent Venezuelan? Born abroad: is a parent Colombian? */
  private async askParents(step: WaterfallStepContext): Promise<DialogTurnResult> {
    this.keep(step, 'birthSecond', SECOND_ANSWERS);
    return this.askYesNo(step, this.birth(step) === 'abroad' ? 'colombianParentQuestion' : 'parentsQuestion');
  }

  /** For a birth in Colombia: is the child registered already? */
  private async askRegistered(step: WaterfallStepContext): Promise<DialogTurnResult> {
    this.keep(step, 'parent', YES_NO);
    if (this.birth(step) === 'abroad') return step.next();
    return this.askYesNo(step, 'registeredQuestion');
  }

  /** Answer from the content file for the branch taken (at most three messages). */
  private async answer(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const registered = this.keep(step, 'registered', YES_NO) === 'yes';
    const birth = this.birth(step);
    const parent = this.details(step).parent === 'yes';
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

  /** Where and when the child was born, once both halves are known (undefined while one is missing). */
  private birth(step: WaterfallStepContext): Birth | undefined {
    const { birthFirst, birthSecond } = this.details(step);
    const birth = combineBirthAnswers(birthFirst, birthSecond);
    return CIVIL_REGISTRY_CHOICES.birth.find((whole) => whole === birth);
  }

  private askBirthQuestion(step: WaterfallStepContext, textKey: string, group: string): Promise<DialogTurnResult> {
    return step.prompt(
      BIRTH_PROMPT,
      choicePromptOptions({ text: this.ui(step, textKey), choices: this.choices(step, group), retryText: this.commonUi(step, 'choiceNotUnderstood') }),
    );
  }
}
