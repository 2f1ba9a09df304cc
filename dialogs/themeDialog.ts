/**
 * Base for the orientation themes: one ComponentDialog per theme, whose id is the menu choice id.
 * Each theme gets the content helpers and its choice prompt from ContentDialog, `say` for its
 * answers, and its details: a typed object `D` of what the person has told the theme's flow (like
 * BotBuilder-Samples' BookingDetails), kept in the flow's step.values under one key.
 */
import type { WaterfallStepContext } from 'botbuilder-dialogs';
import type { ContentCatalog, ContentFileName } from '../bot/content/catalog';
import { textMessage } from '../bot/turn/replies';
import { getSession } from '../bot/turn/session';
import { ContentDialog } from './contentDialog';

/** The reading budget's longest message (issue 8): a preface joins a message only within it. */
const MAX_MESSAGE_CHARS = 600;
/** Where a flow's details are kept: the name the answers had before they were typed, so saved dialogs read on. */
const DETAILS = '_answers';

/** What a theme tells MainDialog when it ends: where the person wants to go next. */
export interface ThemeResult {
  next?: 'menu' | 'services' | 'delete_data';
  /** The person was passed to an advisor (the hand-off question is open): nothing follows. */
  handedOff?: boolean;
}

export abstract class ThemeDialog<D extends object = Record<string, never>> extends ContentDialog {
  /**
   * Details the release before kept loose in step.values: a dialog it saved has them moved in on
   * first read. Saved dialogs live six hours at most (ProBot's RESUME_AFTER_MS), so a release later
   * these lists can be emptied (test/conversation/savedDetails.test.ts shows when).
   */
  protected readonly savedLoose: readonly (keyof D & string)[] = [];

  constructor(id: string, content: ContentCatalog, file: ContentFileName) {
    super(id, content, file);
  }

  /** What the person has told this flow so far (its details object: change it in place). */
  protected details(step: WaterfallStepContext): D {
    // step.values is saved state: its one untyped read is here, so the theme's steps stay typed.
    const values = step.values as Record<string, unknown>;
    const details = (values[DETAILS] ??= {}) as Record<string, unknown>;
    for (const key of this.savedLoose) {
      if (!(key in values)) continue;
      details[key] ??= values[key];
      delete values[key];
    }
    return details as D;
  }

  /**
   * Sends each text as its own short message (easier to read on a phone than one long block); a
   * prefaced line goes on top of the first one when both fit in one message.
   */
  protected async say(step: WaterfallStepContext, ...texts: string[]): Promise<void> {
    const preface = getSession(step.context).takePreface().join('\n');
    const [first, ...rest] = texts;
    if (preface && first !== undefined && preface.length + first.length + 2 <= MAX_MESSAGE_CHARS) rest.unshift(`${preface}\n\n${first}`);
    else {
      if (preface) await step.context.sendActivity(textMessage(preface));
      if (first !== undefined) rest.unshift(first);
    }
    for (const text of rest) await step.context.sendActivity(textMessage(text));
  }
}
