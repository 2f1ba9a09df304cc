/**
 * Asks once who the person is (refugee or migrant from Venezuela, Colombian returnee, host community,
 * other nationality) and keeps it in their profile, because some facts only apply to some groups.
 * Themes begin it when `profile.group` is unset; ProBot saves the profile with the turn (consent was
 * given before any theme opens), and "borrar mis datos" erases it.
 */
import { ComponentDialog, DialogTurnResult, WaterfallStepContext } from 'botbuilder-dialogs';
import type { ContentCatalog } from '../bot/content/catalog';
import type { PopulationGroup } from '../bot/profile/userProfile';
import { CHOICE_PROMPT, choiceAnswerIn, ChoiceIdPrompt, choicePromptOptions } from './prompts/choicePrompt';
import { ProWaterfallDialog } from './proWaterfallDialog';
import { getSession } from '../bot/turn/session';

export const PROFILE_DIALOG = 'profile';
const FLOW = 'profileFlow';
const FILE = 'profile';
const GROUP_CHOICES = 'group';

/** The population groups, in the order they are offered. */
export const POPULATION_GROUPS: readonly PopulationGroup[] = ['venezuelan', 'returnee', 'host', 'other_nationality'];

function isPopulationGroup(id: string | undefined): id is PopulationGroup {
  return (POPULATION_GROUPS as readonly (string | undefined)[]).includes(id);
}

export class ProfileDialog extends ComponentDialog {
  constructor(private readonly content: ContentCatalog) {
    super(PROFILE_DIALOG);
    this.addDialog(new ChoiceIdPrompt(CHOICE_PROMPT));
    this.addDialog(new ProWaterfallDialog(FLOW, [this.askGroup.bind(this), this.saveGroup.bind(this)]));
    this.initialDialogId = FLOW;
  }

  /** Ask who the person is, saying why and that it can be erased. */
  private async askGroup(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const locale = getSession(step.context).locale;
    return step.prompt(
      CHOICE_PROMPT,
      choicePromptOptions({
        text: this.content.ui(locale, FILE, 'question'),
        choices: this.content.choices(locale, FILE, GROUP_CHOICES),
        retryText: this.content.ui(locale, 'common', 'choiceNotUnderstood'),
        listButton: this.content.ui(locale, 'common', 'menuButton'),
      }),
    );
  }

  /** Keep the answer in the profile (this dialog's details are the person's profile) and hand it back to the theme. */
  private async saveGroup(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const id = choiceAnswerIn(step.result)?.id;
    const session = getSession(step.context);
    if (!isPopulationGroup(id)) return step.replaceDialog(FLOW);
    session.profile.group = id;
    // Said on top of whatever the theme says next, so it costs no message of its own.
    session.preface(this.content.ui(session.locale, FILE, 'saved'));
    return step.endDialog(id);
  }
}
