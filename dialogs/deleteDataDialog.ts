/**
 * "Borrar mis datos" / "delete my data": asks first (it cannot be undone), then ProBot erases the
 * person's data once the turn is over. Begun by the global command, from "more options" or at the
 * end of a theme; MainDialog closes the conversation after an erasure, or shows the menu.
 */
import { DialogTurnResult, WaterfallStepContext } from 'botbuilder-dialogs';
import type { ContentCatalog } from '../bot/content/catalog';
import { textMessage } from '../bot/turn/replies';
import { getSession } from '../bot/turn/session';
import { ContentDialog } from './contentDialog';
import { ProWaterfallDialog } from './proWaterfallDialog';

/** Also the `next` a theme or "more options" names to come here (ThemeResult). */
export const DELETE_DATA_DIALOG = 'delete_data';
const FLOW = 'deleteDataFlow';

/** What the confirmation tells MainDialog. */
export interface DeleteDataResult {
  /** True: the data goes at the end of this turn and the conversation ends; false: back to the menu. */
  deleted: boolean;
}

export class DeleteDataDialog extends ContentDialog {
  constructor(content: ContentCatalog) {
    super(DELETE_DATA_DIALOG, content, 'common');
    this.addDialog(new ProWaterfallDialog(FLOW, [this.askDelete.bind(this), this.handleDelete.bind(this)]));
    this.initialDialogId = FLOW;
  }

  /** Confirm first: it cannot be undone. */
  private async askDelete(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return this.ask(step, { text: this.ui(step, 'deleteConfirm'), choices: this.choices(step, 'deleteConfirm') });
  }

  /** Erase on "yes" (ProBot does it after the turn) and say where help still is; otherwise say nothing was erased. */
  private async handleDelete(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const id = this.chosen(step)?.id;
    if (id !== 'delete_yes') {
      await step.context.sendActivity(textMessage(this.ui(step, 'notDeleted')));
      return step.endDialog({ deleted: false } satisfies DeleteDataResult);
    }
    getSession(step.context).requestDataDeletion();
    await step.context.sendActivity(textMessage(this.ui(step, 'deleted')));
    await step.context.sendActivity(textMessage(this.fact(step, 'nationalLine')));
    return step.endDialog({ deleted: true } satisfies DeleteDataResult);
  }
}
