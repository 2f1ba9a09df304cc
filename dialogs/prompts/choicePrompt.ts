/**
 * Asks a question with choices and returns the chosen id. A person may tap a button, pick a list
 * row (its id arrives as text), type the number, or type words; typos are forgiven.
 * With `acceptText`, an answer that matches no choice is returned as free text for routing
 * instead of being asked again.
 */
import { Activity, TurnContext } from 'botbuilder';
import { PromptOptions, PromptRecognizerResult, PromptValidator } from 'botbuilder-dialogs';
import type { Choice } from '../../bot/content/choice';
import { matchChoice } from '../../bot/nlu/choiceMatcher';
import { choiceMessage, ChoiceMessageOptions } from '../../bot/turn/replies';
import { prefaced } from '../../bot/turn/session';
import { SingleRecognitionPrompt } from './singleRecognitionPrompt';

export interface ChoiceAnswer {
  /** The chosen id, when the answer matched a choice. */
  id?: string;
  /** What the person sent, for routing in this turn only: never logged, and not kept in state. */
  text?: string;
}

/** An optional string field: absent, undefined, or a string. */
function optionalString(value: unknown): boolean {
  return value === undefined || typeof value === 'string';
}

/**
 * The answer a choice question handed to the next step, checked: `step.result` is untyped in
 * botbuilder, and after "atrás" it comes back from saved state. Undefined when the step asked nothing.
 */
export function choiceAnswerIn(result: unknown): ChoiceAnswer | undefined {
  if (typeof result !== 'object' || result === null) return undefined;
  const fits = (!('id' in result) || optionalString(result.id)) && (!('text' in result) || optionalString(result.text));
  return fits ? result : undefined;
}

export interface ChoicePromptOptions extends ChoiceMessageOptions {
  text: string;
  choices: Choice[];
  /** Sent before the choices again when the answer matched nothing. */
  retryText?: string;
  acceptText?: boolean;
  /** Misunderstandings in a row before this question was shown (the menu shown again after one). */
  misses?: number;
}

export const CHOICE_PROMPT = 'choicePrompt';

/** Builds PromptOptions for `step.prompt(CHOICE_PROMPT, …)`. */
export function choicePromptOptions(options: ChoicePromptOptions): PromptOptions {
  return { validations: options };
}

export class ChoiceIdPrompt extends SingleRecognitionPrompt<ChoiceAnswer> {
  constructor(dialogId: string = CHOICE_PROMPT, validator?: PromptValidator<ChoiceAnswer>) {
    super(dialogId, validator);
  }

  protected async onPrompt(context: TurnContext, _state: object, options: PromptOptions, isRetry: boolean): Promise<void> {
    const o = options.validations as ChoicePromptOptions;
    const text = isRetry && o.retryText ? `${o.retryText}\n\n${o.text}` : o.text;
    await context.sendActivity(choiceMessage(prefaced(context, text), o.choices, o) as Activity);
  }

  protected async onRecognize(context: TurnContext, _state: object, options: PromptOptions): Promise<PromptRecognizerResult<ChoiceAnswer>> {
    const o = options.validations as ChoicePromptOptions;
    const activity = context.activity;
    const text = (activity.text ?? '').trim();
    const id = text ? matchChoice(text, o.choices) : undefined;
    if (id) return { succeeded: true, value: { id, text } };
    if (o.acceptText && text) return { succeeded: true, value: { text } };
    return { succeeded: false };
  }
}
