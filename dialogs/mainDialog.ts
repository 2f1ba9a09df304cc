/**
 * The root dialog: the main menu (ten rows, DESIGN.md ids) and free-text routing to a theme. The
 * themes, "more options" (moreDialog.ts) and the delete-my-data confirmation (deleteDataDialog.ts)
 * are its children, opened from the menu. Global commands come from InterruptibleDialog, so they
 * work at any step of any dialog below.
 */
import { StatePropertyAccessor, TurnContext } from 'botbuilder';
import { ComponentDialog, DialogContext, DialogSet, DialogStateManagerConfiguration, DialogTurnResult, DialogTurnStatus, WaterfallStepContext } from 'botbuilder-dialogs';
import type { Choice } from '../bot/content/choice';
import type { ContentCatalog } from '../bot/content/catalog';
import { isGreeting } from '../bot/commands/smallTalk';
import { InterruptibleDialog, MISSES_BEFORE_REPAIR } from './interruptibleDialog';
import { matchChoice } from '../bot/nlu/choiceMatcher';
import { settleTheme, type UnderstoodIds, understoodIds } from '../bot/nlu/understanding';
import { THEME_IDS, type ThemeId } from '../bot/nlu/themes';
import type { RoutingDecision } from '../bot/nlu/themeRouter';
import type { TopicRouter } from '../bot/nlu/topicRouter';
import { CHOICE_PROMPT, ChoiceAnswer, ChoiceIdPrompt, ChoicePromptOptions, choicePromptOptions } from './prompts/choicePrompt';
import { DELETE_DATA_DIALOG, DeleteDataDialog, type DeleteDataResult } from './deleteDataDialog';
import { MORE_DIALOG, MoreDialog } from './moreDialog';
import { ProWaterfallDialog } from './proWaterfallDialog';
import { textMessage } from '../bot/turn/replies';
import { getSession } from '../bot/turn/session';
import { innermost } from './stepNavigation';
import { understoodLine } from './themes/knownAnswers';
import type { ThemeResult } from './themeDialog';

export const MAIN_DIALOG = 'main';
const MENU_FLOW = 'menuFlow';
/** The turn-state key under which botbuilder-dialogs looks for its memory scopes before building them. */
const DIALOG_MEMORY_KEY = 'DialogStateManagerConfiguration';
/**
 * botbuilder-dialogs builds its memory scopes (turn, dialog, user…) anew on each turn's first
 * dialog context, about 1 % of a turn's CPU; they keep no state of their own, so the first turn's
 * set serves every turn. Were the key renamed upstream, each turn would simply build its own again.
 */
let dialogMemory: DialogStateManagerConfiguration | undefined;

/** What the menu flow keeps between the question "which of these?" and the pick. */
interface MenuValues {
  candidates?: ThemeId[];
  /** What the typed question said (ids only), for the theme picked. */
  carried?: UnderstoodIds;
  /** The person was told in one line what `carried` says. */
  described?: boolean;
}

/** The ten main menu ids, in menu order (DESIGN.md contract): the nine themes, then "more". */
export const MENU_IDS = [...THEME_IDS, 'more'] as const;

interface MenuOptions {
  /** Skip the menu and open this choice (e.g. "services near me" offered at the end of a theme). */
  startWith?: string;
  /** The person comes back after a long pause: route what they just wrote instead of showing the menu first. */
  returning?: boolean;
  /** Messages in a row the menu did not understand (after two: the PRO line is offered). */
  misses?: number;
  /** The likely themes of a question asked before consent: offered instead of the whole menu. */
  candidates?: ThemeId[];
}

export class MainDialog extends InterruptibleDialog {
  constructor(content: ContentCatalog, private readonly router: TopicRouter, themes: ComponentDialog[]) {
    super(MAIN_DIALOG, content);
    this.addDialog(
      new ProWaterfallDialog<MenuOptions>(MENU_FLOW, [
        this.askTopic.bind(this),
        this.routeTopic.bind(this),
        this.openTopic.bind(this),
        this.afterTopic.bind(this),
      ]),
    );
    this.addDialog(new MoreDialog(content));
    this.addDialog(new DeleteDataDialog(content));
    for (const theme of themes) this.addDialog(theme);
    this.initialDialogId = MENU_FLOW;
  }

  /** Continues the open dialog, or starts at the menu. */
  async run(context: TurnContext, accessor: StatePropertyAccessor): Promise<void> {
    const dc = await this.rootContext(context, accessor);
    const result = await dc.continueDialog();
    if (result.status === DialogTurnStatus.empty) await dc.beginDialog(this.id);
  }

  /**
   * For a person coming back after a long pause: whatever was open is closed (its question is
   * long forgotten) and their new message is routed like a question typed at the menu.
   */
  async resume(context: TurnContext, accessor: StatePropertyAccessor): Promise<void> {
    const dc = await this.rootContext(context, accessor);
    await dc.cancelAllDialogs();
    await dc.beginDialog(this.id, { returning: true } satisfies MenuOptions);
  }

  /**
   * Starts at the menu, whatever was open (after consent, for instance), straight at `theme` (the
   * question a person asked before consenting), or at the question "which of these?" among its
   * likely themes.
   */
  async start(context: TurnContext, accessor: StatePropertyAccessor, where: { theme?: string; candidates?: ThemeId[] } = {}): Promise<void> {
    const dc = await this.rootContext(context, accessor);
    await dc.cancelAllDialogs();
    const options: MenuOptions | undefined = where.theme ? { startWith: where.theme } : where.candidates?.length ? { candidates: where.candidates } : undefined;
    await dc.beginDialog(this.id, options);
  }

  /** The turn's root dialog context, with this dialog as the only root. */
  private async rootContext(context: TurnContext, accessor: StatePropertyAccessor): Promise<DialogContext> {
    const dialogSet = new DialogSet(accessor);
    dialogSet.add(this);
    if (dialogMemory) context.turnState.set(DIALOG_MEMORY_KEY, dialogMemory);
    const dc = await dialogSet.createContext(context);
    dialogMemory ??= dc.state.configuration;
    return dc;
  }

  protected showMenu(innerDc: DialogContext): Promise<DialogTurnResult> {
    return innerDc.beginDialog(MENU_FLOW);
  }

  /** Through the menu flow, which shows the menu again when the person keeps their data. */
  protected confirmDataDeletion(innerDc: DialogContext): Promise<DialogTurnResult> {
    return innerDc.beginDialog(MENU_FLOW, { startWith: DELETE_DATA_DIALOG } satisfies MenuOptions);
  }

  protected async switchTopic(innerDc: DialogContext): Promise<DialogTurnResult | undefined> {
    const text = innerDc.context.activity.text?.trim();
    if (!text) return undefined;
    const deepest = innermost(innerDc);
    const active = deepest.activeDialog;
    // Only a question with fixed choices: free-text questions (place names, the menu) take any text.
    if (!active || !(deepest.findDialog(active.id) instanceof ChoiceIdPrompt)) return undefined;
    const asked = (active.state as { options?: { validations?: ChoicePromptOptions } }).options?.validations;
    if (!asked || asked.acceptText || matchChoice(text, asked.choices)) return undefined;
    const decision = this.router.route(text);
    if (decision.kind !== 'confident') return undefined;
    await innerDc.cancelAllDialogs();
    return innerDc.beginDialog(MENU_FLOW, { startWith: decision.theme } satisfies MenuOptions);
  }

  protected restartChangedFlow(innerDc: DialogContext, dialogId: string | undefined): Promise<DialogTurnResult> {
    return innerDc.beginDialog(MENU_FLOW, dialogId ? ({ startWith: dialogId } satisfies MenuOptions) : undefined);
  }

  private menuChoices(step: WaterfallStepContext, ids?: readonly string[]): Choice[] {
    const all = this.choices(step, 'menu');
    return ids ? all.filter((c) => ids.includes(c.id)) : all;
  }

  /** Show the menu (numbered rows, so a person can answer "3"), or go straight to a chosen topic. */
  private async askTopic(step: WaterfallStepContext<MenuOptions>): Promise<DialogTurnResult> {
    if (step.options?.startWith) return step.next({ id: step.options.startWith } satisfies ChoiceAnswer);
    if (step.options?.candidates) return step.next({} satisfies ChoiceAnswer);
    // Read from the activity, not kept in the options (state keeps no typed text).
    if (step.options?.returning) return step.next({ text: step.context.activity.text ?? '' } satisfies ChoiceAnswer);
    return step.prompt(
      CHOICE_PROMPT,
      choicePromptOptions({
        text: this.ui(step, 'menuPrompt'),
        choices: this.menuChoices(step),
        numbered: true,
        acceptText: true,
        listButton: this.ui(step, 'menuButton'),
        misses: step.options?.misses,
      }),
    );
  }

  /** A menu choice goes on; typed words are routed to a theme, or to two or three likely ones. */
  private async routeTopic(step: WaterfallStepContext<MenuOptions>): Promise<DialogTurnResult> {
    const answer: ChoiceAnswer = this.chosen(step) ?? {};
    if (answer.id) return step.next(answer);
    const values = step.values as MenuValues;
    // A question asked before consent whose theme was unclear: its likely themes, with what it said.
    if (step.options?.candidates && !values.candidates) {
      values.candidates = step.options.candidates;
      values.carried = getSession(step.context).carried;
    }
    // Asked again ("atrás", a language switch): the typed text is not kept, the candidates are.
    const decision: RoutingDecision =
      answer.text !== undefined ? this.router.route(answer.text) : values.candidates ? { kind: 'unsure', candidates: values.candidates } : { kind: 'none' };
    if (decision.kind === 'confident') return step.next({ id: decision.theme } satisfies ChoiceAnswer);
    const settled = decision.kind === 'unsure' && answer.text !== undefined ? settleTheme(getSession(step.context).understanding, decision.candidates) : undefined;
    if (settled) return step.next({ id: settled } satisfies ChoiceAnswer);
    if (decision.kind === 'unsure') {
      values.candidates = decision.candidates;
      // What the question already said (ids only) goes on to the theme the person picks.
      if (answer.text !== undefined) values.carried = understoodIds(getSession(step.context).understanding);
      // Said once, with the question: the theme picked next does not say it again.
      const line = values.carried && !values.described ? understoodLine(values.carried, getSession(step.context).locale, this.content) : undefined;
      if (line) {
        getSession(step.context).preface(line);
        values.described = true;
      }
      const candidates = this.menuChoices(step, decision.candidates);
      const back = this.choices(step, 'afterAnswer').filter((c) => c.id === 'back_to_menu');
      return this.ask(step, { text: this.ui(step, 'routeUnsure'), choices: [...candidates, ...back] });
    }
    // A greeting, or anything unclear from someone coming back, gets a hello and the menu.
    if (step.options?.returning || isGreeting(answer.text)) {
      await step.context.sendActivity(textMessage(this.ui(step, 'welcomeBack')));
      return step.replaceDialog(MENU_FLOW);
    }
    const misses = (step.options?.misses ?? 0) + 1;
    if (misses >= MISSES_BEFORE_REPAIR) {
      await this.sendRepairOffer(step.context);
      return step.replaceDialog(MENU_FLOW);
    }
    await step.context.sendActivity(textMessage(this.ui(step, 'menuNotUnderstood')));
    return step.replaceDialog(MENU_FLOW, { misses } satisfies MenuOptions);
  }

  /** Open the chosen theme (or "more options", or the delete-my-data confirmation). */
  private async openTopic(step: WaterfallStepContext<MenuOptions>): Promise<DialogTurnResult> {
    const id = this.chosen(step)?.id;
    if (!id || id === 'back_to_menu') return step.replaceDialog(MENU_FLOW);
    if (id === MORE_DIALOG || id === DELETE_DATA_DIALOG) return step.beginDialog(id);
    const { carried, described } = step.values as MenuValues;
    if (carried) getSession(step.context).carryOver({ ...getSession(step.context).carried, ...carried }, described);
    if (this.findDialog(id)) return step.beginDialog(id);
    // A menu row whose theme is not built yet: say so honestly and give the line that can help.
    const topic = this.menuChoices(step, [id])[0]?.title ?? id;
    await step.context.sendActivity(textMessage(this.ui(step, 'comingSoon', { topic })));
    await step.context.sendActivity(textMessage(this.fact(step, 'nationalLine')));
    return step.replaceDialog(MENU_FLOW);
  }

  /** After a theme or "more options": where the person asked to go, else the menu again; after an erasure or the hand-off question, nothing. */
  private async afterTopic(step: WaterfallStepContext<MenuOptions>): Promise<DialogTurnResult> {
    const result = step.result as (ThemeResult & Partial<DeleteDataResult>) | undefined;
    if (result?.deleted || result?.handedOff) return step.cancelAllDialogs();
    const next = result?.next;
    // 'delete_data' is DELETE_DATA_DIALOG: the confirmation opens like a theme.
    return step.replaceDialog(MENU_FLOW, next && next !== 'menu' ? ({ startWith: next } satisfies MenuOptions) : undefined);
  }
}
