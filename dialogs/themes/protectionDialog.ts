/**
 * Theme "protection": trafficking versus smuggling, warning signs of trafficking, travelling on
 * (the closed "Movilidad Segura" offered by scammers, the Darién), the route for gender-based
 * violence (places to get help before the ways to report), and the free lines. Asks whether the
 * person at risk is under 18, because then the ICBF line comes in. A typed opening question that
 * names a topic ("me ofrecen la movilidad segura…") goes straight to it.
 */
import { DialogTurnResult, WaterfallStepContext } from 'botbuilder-dialogs';
import type { ContentCatalog } from '../../bot/content/catalog';
import { GuidedThemeDialog, YES_NO, type YesNo } from './guidedThemeDialog';
import { topicHintIn } from './openingHint';
import { handoffOffer } from '../../bot/turn/handoffTurn';
import { getSession } from '../../bot/turn/session';

export const PROTECTION_DIALOG = 'protection';
const FLOW = 'protectionFlow';

/** The choice ids of protection.json this dialog branches on (test/content/choiceIds.test.ts checks them). */
export const PROTECTION_CHOICES = { topics: ['difference', 'signs', 'transit', 'gbv', 'lines'] } as const;
type ProtectionTopic = (typeof PROTECTION_CHOICES.topics)[number];

/** What the person has told the protection flow. */
export interface ProtectionDetails {
  topic?: ProtectionTopic;
  /** For warning signs and violence: is the person at risk under 18? */
  minor?: YesNo;
}

/** Topics whose answer differs when the person at risk is a child. */
const ASK_IF_MINOR: readonly (ProtectionTopic | undefined)[] = ['signs', 'gbv'];

export class ProtectionDialog extends GuidedThemeDialog<ProtectionDetails> {
  constructor(content: ContentCatalog) {
    super(PROTECTION_DIALOG, content, 'protection');
    this.addFlow(FLOW, [this.askTopic.bind(this), this.askMinor.bind(this), this.answer.bind(this)]);
  }

  /** Which protection topic? (Read from the opening question when it names one.) */
  private async askTopic(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const hint = topicHintIn(step.context.activity.text, this.choices(step, 'topics'));
    if (hint) return step.next({ id: hint });
    return this.askChoice(step, 'topicQuestion', 'topics');
  }

  /** For warning signs and violence: is the person at risk under 18? */
  private async askMinor(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if (!ASK_IF_MINOR.includes(this.keep(step, 'topic', PROTECTION_CHOICES.topics))) return step.next();
    return this.askYesNo(step, 'minorQuestion');
  }

  /** Answer from the content file for the branch taken. */
  private async answer(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const minor = this.keep(step, 'minor', YES_NO) === 'yes';
    switch (this.details(step).topic) {
      case 'difference':
        await this.say(step, this.fact(step, 'trafficking'), this.fact(step, 'smuggling'), this.fact(step, 'traffickingHelp'));
        break;
      case 'signs':
        await this.say(step, this.fact(step, 'warningSigns'));
        if (minor) await this.say(step, this.fact(step, 'childHelp'));
        await this.say(step, this.fact(step, 'traffickingHelp'));
        break;
      case 'transit':
        await this.say(step, this.fact(step, 'movilidadSegura'), this.fact(step, 'transitRisks'), this.fact(step, 'traffickingHelp'));
        break;
      case 'gbv':
        // Places that help without a report come first: many migrant women fear reporting (audit W5d).
        await this.say(step, this.fact(step, 'violenceRoute'), this.fact(step, minor ? 'childViolence' : 'womenLine'), this.fact(step, 'violenceReport'));
        break;
      default:
        await this.say(step, this.fact(step, 'allLines'));
    }
    // A case like these may need a person: the offer goes on top of the next question.
    const offer = handoffOffer(step.context);
    if (offer) getSession(step.context).preface(offer);
    return step.next();
  }
}
