/**
 * A prompt that recognises the person's answer once a turn, when it continues. botbuilder's Prompt
 * also recognises it as the message arrives ("activityReceived", sent down to the innermost dialog
 * first) only to decide whether the dialogs above it hear of the message; none of ours listens for
 * that event (InterruptibleDialog hears every message in onContinueDialog), so here the event
 * simply stops at the prompt, unrecognised.
 */
import { DialogContext, DialogEvent, DialogEvents, Prompt } from 'botbuilder-dialogs';

export abstract class SingleRecognitionPrompt<T> extends Prompt<T> {
  protected override async onPreBubbleEvent(dc: DialogContext, event: DialogEvent): Promise<boolean> {
    if (event.name === DialogEvents.activityReceived) return true;
    return super.onPreBubbleEvent(dc, event);
  }
}
