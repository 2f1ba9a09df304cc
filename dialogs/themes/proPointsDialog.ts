/**
 * Theme "pro_points": what the PRO points are and how to reach the free national PRO line and the
 * PRO WhatsApp line. The model the other themes follow: ask, answer from content, offer the way on.
 */
import { DialogTurnResult, WaterfallStepContext } from 'botbuilder-dialogs';
import type { ContentCatalog } from '../../bot/content/catalog';
import { ProWaterfallDialog } from '../proWaterfallDialog';
import { ThemeDialog, ThemeResult } from '../themeDialog';

export const PRO_POINTS_DIALOG = 'pro_points';
const FLOW = 'proPointsFlow';

interface FlowOptions {
  again?: boolean;
}

export class ProPointsDialog extends ThemeDialog {
  constructor(content: ContentCatalog) {
    super(PRO_POINTS_DIALOG, content, 'pro_points');
    this.addDialog(new ProWaterfallDialog<FlowOptions>(FLOW, [this.askTopic.bind(this), this.answer.bind(this), this.loop.bind(this)]));
    this.initialDialogId = FLOW;
  }

  /** Ask what the person wants to know (shorter wording when coming round again). */
  private async askTopic(step: WaterfallStepContext<FlowOptions>): Promise<DialogTurnResult> {
    const again = step.options?.again === true;
    return this.ask(step, { text: this.ui(step, again ? 'nextPrompt' : 'question'), choices: this.choices(step, 'topics') });
  }

  /** Answer from the content file, or leave for the menu. */
  private async answer(step: WaterfallStepContext<FlowOptions>): Promise<DialogTurnResult> {
    const id = this.chosen(step)?.id;
    if (id === 'back_to_menu') return step.endDialog({ next: 'menu' } satisfies ThemeResult);
    if (id === 'what') await this.say(step, this.fact(step, 'what'), this.fact(step, 'remote'));
    else await this.say(step, this.content.fact(this.locale(step), 'common', 'nationalLine'));
    return step.next();
  }

  /** Offer the topics again, with "back to menu" among them. */
  private async loop(step: WaterfallStepContext<FlowOptions>): Promise<DialogTurnResult> {
    return step.replaceDialog(FLOW, { again: true });
  }
}
