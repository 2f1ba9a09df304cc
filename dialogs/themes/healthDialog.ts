/**
 * Theme "health": an emergency now gets the right to urgent care first (everyone, whatever their
 * status). Otherwise the topic: pregnancy and birth, sexual health and HIV, and mental health are
 * answered whatever the person's status; joining an EPS depends on who they are and which document
 * they hold (PPT, PEP Tutor, cédula de extranjería, SC-2 or Visa V all count; none → urgent care,
 * what is guaranteed anyway, and how to claim the rest). Returnees join through census lists.
 */
import { DialogTurnResult, WaterfallStepContext } from 'botbuilder-dialogs';
import type { ContentCatalog } from '../../bot/content/catalog';
import type { PopulationGroup } from '../../bot/profile/userProfile';
import { GuidedThemeDialog, YES_NO, type YesNo } from './guidedThemeDialog';
import { topicHintIn } from './openingHint';

export const HEALTH_DIALOG = 'health';
const FLOW = 'healthFlow';

/** The choice ids of health.json this dialog branches on (test/content/choiceIds.test.ts checks them). */
export const HEALTH_CHOICES = {
  topics: ['join', 'pregnancy', 'sexual', 'mental'],
  permit: ['ppt', 'pep_tutor', 'foreign_id', 'sc2', 'visa_v', 'none'],
} as const;
type HealthTopic = (typeof HEALTH_CHOICES.topics)[number];
type HealthPermit = (typeof HEALTH_CHOICES.permit)[number];

/** What the person has told the health flow. */
export interface HealthDetails {
  /** The topic a typed opening question named, kept so "atrás" to the first question keeps it (null: it named none). */
  topicHint?: HealthTopic | null;
  /** An emergency now? */
  emergency?: YesNo;
  topic?: HealthTopic;
  /** The document or permit held (asked of Venezuelans and other foreigners joining an EPS). */
  permit?: HealthPermit;
  /** A job or income to pay for health (contributory) or not (subsidised)? */
  income?: YesNo;
}

/** Groups asked which document they hold (the others' documents are not the permits we hold facts on). */
const ASK_PERMIT: readonly (PopulationGroup | undefined)[] = ['venezuelan', 'other_nationality'];
/** Permits that come with a short note of their own after the affiliation answer. */
const PERMIT_NOTES: Readonly<Partial<Record<HealthPermit, string>>> = { pep_tutor: 'pepTutorNote', sc2: 'sc2Note' };

export class HealthDialog extends GuidedThemeDialog<HealthDetails> {
  protected override readonly savedLoose = ['topicHint'] as const;

  constructor(content: ContentCatalog) {
    super(HEALTH_DIALOG, content, 'health');
    this.addFlow(FLOW, [
      this.askEmergency.bind(this),
      this.askTopic.bind(this),
      this.askGroup.bind(this),
      this.askPermit.bind(this),
      this.askIncome.bind(this),
      this.answer.bind(this),
    ]);
  }

  /**
   * Is it an emergency now? (Asked first: nothing may delay urgent care.) The topic a typed opening
   * question names is kept as an id, for the next step.
   */
  private async askEmergency(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const hint = topicHintIn(step.context.activity.text, this.choices(step, 'topics'));
    this.details(step).topicHint ??= HEALTH_CHOICES.topics.find((topic) => topic === hint) ?? null;
    return this.askYesNo(step, 'emergencyQuestion');
  }

  /** Not an emergency: which health topic? (Skipped when the opening question named one.) */
  private async askTopic(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if (this.keep(step, 'emergency', YES_NO) === 'yes') return step.next();
    const hint = this.details(step).topicHint;
    if (hint) return step.next({ id: hint });
    return this.askChoice(step, 'topicQuestion', 'topics');
  }

  /** Joining an EPS: who the person is decides which facts apply. */
  private async askGroup(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if (this.keep(step, 'topic', HEALTH_CHOICES.topics) !== 'join') return step.next();
    return this.ensureGroup(step);
  }

  /** Venezuelans and other foreigners: which document or permit? */
  private async askPermit(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if (this.details(step).topic !== 'join' || !ASK_PERMIT.includes(this.group(step))) return step.next();
    return this.askChoice(step, 'permitQuestion', 'permit');
  }

  /** With a valid document: job or income (contributory) or not (subsidised)? */
  private async askIncome(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const permit = this.keep(step, 'permit', HEALTH_CHOICES.permit);
    if (!permit || permit === 'none') return step.next();
    return this.askYesNo(step, 'incomeQuestion');
  }

  /** Answer from the content file for the branch taken (at most three messages). */
  private async answer(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const income = this.keep(step, 'income', YES_NO);
    const { permit, emergency, topic } = this.details(step);
    if (emergency === 'yes') {
      await this.say(step, this.fact(step, 'urgentCare'), this.fact(step, 'urgentNow'));
      return step.next();
    }
    switch (topic) {
      case 'pregnancy':
        await this.say(step, this.fact(step, 'pregnancyCare'), this.withProLine(step, this.fact(step, 'pregnancyWhatToDo')));
        return step.next();
      case 'sexual':
        await this.say(step, this.fact(step, 'hivCare'), this.fact(step, 'ive'));
        return step.next();
      case 'mental':
        await this.say(step, this.withProLine(step, this.fact(step, 'mentalHealth')));
        return step.next();
    }
    const group = this.group(step);
    if (group === 'returnee') {
      await this.say(step, this.fact(step, 'returneeHealth'), this.withProLine(step, this.ui(step, 'returneeNext')));
    } else if (!ASK_PERMIT.includes(group)) {
      await this.say(step, this.fact(step, 'urgentCare'), this.withProLine(step, this.commonUi(step, 'noVerifiedInfo')));
    } else if (permit === 'none') {
      await this.say(step, this.fact(step, 'withoutPpt'), this.fact(step, 'tutelaHelp'), this.withProLine(step, this.ui(step, 'noPptNext')));
    } else {
      const note = permit ? PERMIT_NOTES[permit] : undefined;
      const affiliation = note ? `${this.fact(step, 'affiliation')}\n\n${this.fact(step, note)}` : this.fact(step, 'affiliation');
      if (income === 'yes') await this.say(step, affiliation, this.fact(step, 'contributory'));
      else await this.say(step, affiliation, this.fact(step, 'subsidised'), this.fact(step, 'sisben'));
    }
    return step.next();
  }
}
