/**
 * "More options", the menu's last row: change the language, help, or delete my data. Begun from the
 * menu; tells MainDialog where to go next (the menu, or the delete-my-data confirmation).
 */
import { DialogTurnResult, WaterfallStepContext } from 'botbuilder-dialogs';
import type { ContentCatalog } from '../bot/content/catalog';
import { textMessage } from '../bot/turn/replies';
import { getSession } from '../bot/turn/session';
import { askForPerson, TALK_TO_PERSON } from '../bot/turn/handoffTurn';
import { ContentDialog } from './contentDialog';
import { ProWaterfallDialog } from './proWaterfallDialog';
import type { ThemeResult } from './themeDialog';

/** The menu row's id (DESIGN.md), also this dialog's id. */
export const MORE_DIALOG = 'more';
const FLOW = 'moreFlow';

export class MoreDialog extends ContentDialog {
  constructor(content: ContentCatalog) {
    super(MORE_DIALOG, content, 'common');
    this.addDialog(new ProWaterfallDialog(FLOW, [this.askMore.bind(this), this.handleMore.bind(this)]));
    this.initialDialogId = FLOW;
  }

  /** "More options": language, help, delete my data. */
  private async askMore(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return this.ask(step, { text: this.ui(step, 'nextStepsPrompt'), choices: this.choices(step, 'more') });
  }

  /**
   * Tapped or typed by name, "language" and "help" are global commands (InterruptibleDialog) and
   * never reach here; picked by their row number ("1", "2") they do.
   */
  private async handleMore(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const id = this.chosen(step)?.id;
    // Tapped, the row is heard by ProBot's hand-off step; picked by its number it arrives here.
    if (id === TALK_TO_PERSON && (await askForPerson(step.context))) return step.endDialog({ handedOff: true } satisfies ThemeResult);
    const session = getSession(step.context);
    if (id === 'language') {
      session.switchLanguage();
      await step.context.sendActivity(textMessage(this.ui(step, 'languageChanged')));
    } else if (id === 'help') {
      await step.context.sendActivity(textMessage(this.ui(step, 'help')));
    }
    return step.endDialog({ next: id === 'delete_data' ? 'delete_data' : 'menu' } satisfies ThemeResult);
  }
}
