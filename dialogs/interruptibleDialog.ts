/**
 * Global commands (menú, atrás, ayuda, salir, idioma, borrar mis datos), small talk and repair
 * handled once, for every dialog below this one: the root dialog extends this class, and theme
 * dialogs stay free of them.
 */
import type { TurnContext } from 'botbuilder';
import { Dialog, DialogContext, DialogEvent, DialogEvents, DialogTurnResult, DialogTurnStatus } from 'botbuilder-dialogs';
import { findStaleDialog } from './staleDialogs';
import { ContentDialog } from './contentDialog';
import type { ContentCatalog } from '../bot/content/catalog';
import { detectGlobalCommand, GlobalCommand } from '../bot/commands/globalCommands';
import { detectSmallTalk, signalsMisunderstanding, type SmallTalk } from '../bot/commands/smallTalk';
import { OpenQuestion, openQuestion } from './prompts/openQuestion';
import { getSession } from '../bot/turn/session';
import { askAgain } from './stepNavigation';
import { textMessage } from '../bot/turn/replies';
import { withHandoffOffer } from '../bot/turn/handoffTurn';

const CLOSING_COMMANDS = new Set<GlobalCommand['kind']>(['menu', 'exit', 'delete_data']);

/** After this many misunderstandings in a row at one question, offer the menu and the PRO line instead of asking again. */
export const MISSES_BEFORE_REPAIR = 2;

/** The short human answer to each kind of small talk (common.json), before the question is asked again. */
const SMALL_TALK_REPLY: Record<SmallTalk, string> = {
  greeting: 'welcomeBack',
  thanks: 'smallTalkThanks',
  ack: 'smallTalkAck',
  unsure: 'smallTalkUnsure',
  confused: 'smallTalkConfused',
};

/** Longest "no sé …" still read as unsure where questions are welcome (longer: "no sé si tengo PPT" is a question). */
const UNSURE_WORDS_AT_MENU = 4;

/**
 * Small talk as the open question sees it. At the menu "no sé si tengo PPT" is a question to
 * route, and at the place question "no sé" is left to the services dialog (it gives the national lines).
 */
function smallTalkAt(question: OpenQuestion, text: string): SmallTalk | undefined {
  const talk = detectSmallTalk(text);
  if (talk !== 'unsure') return talk;
  if (question.kind === 'place') return undefined;
  if (question.kind === 'menu' && text.trim().split(/\s+/).length > UNSURE_WORDS_AT_MENU) return undefined;
  return talk;
}

export abstract class InterruptibleDialog extends ContentDialog {
  constructor(id: string, content: ContentCatalog) {
    super(id, content, 'common');
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
  /**
   * The saved step belongs to a flow that changed since (a deploy): start `dialogId` (a theme)
   * again, or the menu when undefined. The person has been told why.
   */
  protected abstract restartChangedFlow(innerDc: DialogContext, dialogId: string | undefined): Promise<DialogTurnResult>;

  /**
   * botbuilder reports any change among this dialog's children (a theme added, a flow changed) as
   * `versionChanged`. Handled: onContinueDialog checks each saved flow itself (staleDialogs.ts), so
   * a new theme does not interrupt people whose own flow is unchanged.
   */
  protected override async onPreBubbleEvent(dc: DialogContext, e: DialogEvent): Promise<boolean> {
    if (e.name === DialogEvents.versionChanged && e.value === this.id) return true;
    return super.onPreBubbleEvent(dc, e);
  }

  protected override async onBeginDialog(innerDc: DialogContext, options?: object): Promise<DialogTurnResult> {
    const command = detectGlobalCommand(innerDc.context.activity.text);
    if (command && command.kind !== 'menu') return this.interrupt(innerDc, command);
    return super.onBeginDialog(innerDc, options);
  }

  protected override async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    const command = detectGlobalCommand(innerDc.context.activity.text);
    // Commands that close whatever is open need no fresh start first.
    if (command && CLOSING_COMMANDS.has(command.kind)) return this.interrupt(innerDc, command);
    const changed = await this.restartIfChanged(innerDc);
    if (changed) return changed;
    if (command) return this.interrupt(innerDc, command);
    const question = openQuestion(innerDc);
    const unanswered = !!question && !!innerDc.context.activity.text?.trim() && !question.answeredBy(innerDc.context);
    if (question && unanswered) {
      const talk = smallTalkAt(question, innerDc.context.activity.text ?? '');
      if (talk) return this.answerSmallTalk(innerDc, question, talk);
    }
    const switched = await this.switchTopic(innerDc);
    if (switched) return switched;
    // A fixed-choice question the answer does not fit: the prompt asks again, but not forever.
    if (question?.strict && unanswered) {
      if (question.misses + 1 >= MISSES_BEFORE_REPAIR) return this.offerRepair(innerDc);
      question.setMisses(question.misses + 1);
    }
    return super.onContinueDialog(innerDc);
  }

  /** A flow changed since this person's step was saved: start it again rather than continue at a stale step. */
  private async restartIfChanged(innerDc: DialogContext): Promise<DialogTurnResult | undefined> {
    const stale = findStaleDialog(innerDc);
    if (!stale) return undefined;
    const locale = getSession(innerDc.context).locale;
    await innerDc.context.sendActivity(textMessage(this.content.ui(locale, 'common', 'flowUpdated')));
    await innerDc.cancelAllDialogs();
    return this.restartChangedFlow(innerDc, stale.themeId);
  }

  /** "hola", "gracias", "ok", "no sé", "no entiendo": a short answer, then the same question again. */
  private async answerSmallTalk(innerDc: DialogContext, question: OpenQuestion, talk: SmallTalk): Promise<DialogTurnResult> {
    const misses = signalsMisunderstanding(talk) ? question.misses + 1 : question.misses;
    if (misses >= MISSES_BEFORE_REPAIR) return this.offerRepair(innerDc);
    question.setMisses(misses);
    const locale = getSession(innerDc.context).locale;
    await innerDc.context.sendActivity(textMessage(this.content.ui(locale, 'common', SMALL_TALK_REPLY[talk])));
    await innerDc.repromptDialog();
    return Dialog.EndOfTurn;
  }

  /**
   * Two misunderstandings in a row: asking the same question a third time would not help. Offer
   * the free PRO line, where a person answers, and the menu.
   */
  private async offerRepair(innerDc: DialogContext): Promise<DialogTurnResult> {
    await this.sendRepairOffer(innerDc.context);
    return this.restart(innerDc);
  }

  /** The repair offer's words: sorry, the free PRO line (a person answers there), and the menu follows. */
  protected async sendRepairOffer(context: TurnContext): Promise<void> {
    const locale = getSession(context).locale;
    await context.sendActivity(textMessage(withHandoffOffer(context, `${this.content.ui(locale, 'common', 'repairOffer')}\n${this.content.fact(locale, 'common', 'nationalLine')}`)));
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
        session.switchLanguage(command.to);
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
