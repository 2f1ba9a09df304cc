/**
 * Global commands (menú, atrás, ayuda, salir, idioma, borrar mis datos) handled once, for every
 * dialog below this one: the root dialog extends this class, and theme dialogs stay free of them.
 */
import { ComponentDialog, Dialog, DialogContext, DialogTurnResult, DialogTurnStatus } from 'botbuilder-dialogs';
import type { ContentCatalog } from '../bot/content/catalog';
import { detectGlobalCommand, GlobalCommand } from '../bot/commands/globalCommands';
import { getSession } from './session';
import { askAgain } from './stepNavigation';
import { textMessage } from './replies';

export abstract class InterruptibleDialog extends ComponentDialog {
  constructor(id: string, protected readonly content: ContentCatalog) {
    super(id);
  }

  /** Cancels whatever is open and shows the main menu. */
  protected abstract showMenu(innerDc: DialogContext): Promise<DialogTurnResult>;
  /** Asks "are you sure?" before erasing the person's data. */
  protected abstract confirmDataDeletion(innerDc: DialogContext): Promise<DialogTurnResult>;
  /**
   * A message that answers none of the offered choices but clearly asks about another topic
   * ("y para el colegio?") goes there instead of "I did not understand". Undefined: not handled.
   */
  protected abstract switchTopic(innerDc: DialogContext): Promise<DialogTurnResult | undefined>;

  protected override async onBeginDialog(innerDc: DialogContext, options?: object): Promise<DialogTurnResult> {
    const command = detectGlobalCommand(innerDc.context.activity.text);
    if (command && command.kind !== 'menu') return this.interrupt(innerDc, command);
    return super.onBeginDialog(innerDc, options);
  }

  protected override async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    const command = detectGlobalCommand(innerDc.context.activity.text);
    if (command) return this.interrupt(innerDc, command);
    return (await this.switchTopic(innerDc)) ?? super.onContinueDialog(innerDc);
  }

  private async interrupt(innerDc: DialogContext, command: GlobalCommand): Promise<DialogTurnResult> {
    const session = getSession(innerDc.context);
    const say = (key: string): Promise<unknown> =>
      innerDc.context.sendActivity(textMessage(this.content.ui(session.locale, 'common', key)));
    switch (command.kind) {
      case 'menu':
        return this.restart(innerDc);
      case 'help':
        await say('help');
        if (innerDc.activeDialog) {
          await innerDc.repromptDialog();
          return Dialog.EndOfTurn;
        }
        return this.restart(innerDc);
      case 'back':
        return (await askAgain(innerDc, -1)) ?? this.restart(innerDc);
      case 'language': {
        session.setLocale(command.to ?? (session.locale === 'es' ? 'en' : 'es'));
        await say('languageChanged');
        return (await askAgain(innerDc, 0)) ?? this.restart(innerDc);
      }
      case 'exit':
        await innerDc.cancelAllDialogs();
        await say('goodbye');
        await innerDc.context.sendActivity(textMessage(this.content.fact(session.locale, 'common', 'nationalLine')));
        return { status: DialogTurnStatus.cancelled };
      case 'delete_data':
        await innerDc.cancelAllDialogs();
        return this.confirmDataDeletion(innerDc);
    }
  }

  private async restart(innerDc: DialogContext): Promise<DialogTurnResult> {
    await innerDc.cancelAllDialogs();
    return this.showMenu(innerDc);
  }
}
