/**
 * Theme "rights": basic rights and duties, conservatively — only what the sourced facts say
 * (emergency care, school, birth registration, free procedures, asylum, protection lines; keeping
 * documents current and registering children), then the PRO line for anything else.
 */
import { DialogTurnResult, WaterfallStepContext } from 'botbuilder-dialogs';
import type { ContentCatalog } from '../../bot/content/catalog';
import { GuidedThemeDialog } from './guidedThemeDialog';

export const RIGHTS_DIALOG = 'rights';
const FLOW = 'rightsFlow';

/** The choice ids of rights.json this dialog branches on (test/content/choiceIds.test.ts checks them). */
export const RIGHTS_CHOICES = { topics: ['rights', 'duties'] } as const;

/** What the person has told the rights flow. */
export interface RightsDetails {
  topic?: (typeof RIGHTS_CHOICES.topics)[number];
}

export class RightsDialog extends GuidedThemeDialog<RightsDetails> {
  constructor(content: ContentCatalog) {
    super(RIGHTS_DIALOG, content, 'rights');
    this.addFlow(FLOW, [this.askTopic.bind(this), this.answer.bind(this)]);
  }

  /** Rights or duties? */
  private async askTopic(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return this.askChoice(step, 'topicQuestion', 'topics');
  }

  /** Answer from the content file, then point to the PRO line for the rest. */
  private async answer(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const topic = this.keep(step, 'topic', RIGHTS_CHOICES.topics);
    if (topic === 'duties') await this.say(step, this.fact(step, 'duties'));
    else await this.say(step, this.fact(step, 'basicRights'), this.fact(step, 'procedureRights'));
    await this.say(step, this.withProLine(step, this.ui(step, 'confirmMore')));
    return step.next();
  }
}
