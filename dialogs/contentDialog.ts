/**
 * Base of the dialogs that speak from the content files: the person's language, the texts, facts
 * and choices of one content file, and a strict choice question with the common "not understood"
 * retry. The root menu (through InterruptibleDialog), the "more options" and "delete my data" flows
 * and the orientation themes (ThemeDialog) share these helpers instead of writing them again.
 */
import type { TurnContext } from 'botbuilder';
import { ComponentDialog, DialogTurnResult, WaterfallStepContext } from 'botbuilder-dialogs';
import type { Locale } from '../bot/content/locale';
import type { Choice } from '../bot/content/choice';
import type { ContentCatalog, ContentFileName } from '../bot/content/catalog';
import { getSession } from '../bot/turn/session';
import { CHOICE_PROMPT, type ChoiceAnswer, choiceAnswerIn, ChoiceIdPrompt, ChoicePromptOptions, choicePromptOptions } from './prompts/choicePrompt';

/** Where the helpers look for the person: a waterfall step or a dialog context of the turn. */
type InTurn = { context: TurnContext };

export abstract class ContentDialog extends ComponentDialog {
  constructor(id: string, protected readonly content: ContentCatalog, protected readonly file: ContentFileName) {
    super(id);
    // Added first, as each dialog did before: a container's version hashes its dialogs in order.
    this.addDialog(new ChoiceIdPrompt(CHOICE_PROMPT));
  }

  protected locale(at: InTurn): Locale {
    return getSession(at.context).locale;
  }

  protected ui(at: InTurn, key: string, vars?: Record<string, string | number>): string {
    return this.content.ui(this.locale(at), this.file, key, vars);
  }

  protected fact(at: InTurn, key: string, vars?: Record<string, string | number>): string {
    return this.content.fact(this.locale(at), this.file, key, vars);
  }

  protected choices(at: InTurn, group: string, file: ContentFileName = this.file): Choice[] {
    return this.content.choices(this.locale(at), file, group);
  }

  /** The choice the previous step's question returned (or a step handed on); undefined when none. */
  protected chosen(step: WaterfallStepContext): ChoiceAnswer | undefined {
    return choiceAnswerIn(step.result);
  }

  /** A question with fixed choices; an answer outside them gets the common "not understood" line and the question again. */
  protected ask(step: WaterfallStepContext, options: Omit<ChoicePromptOptions, 'retryText'>): Promise<DialogTurnResult> {
    return step.prompt(
      CHOICE_PROMPT,
      choicePromptOptions({ retryText: this.content.ui(this.locale(step), 'common', 'choiceNotUnderstood'), ...options }),
    );
  }
}
