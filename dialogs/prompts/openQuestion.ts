/**
 * The question a person is being asked right now (the innermost open prompt), seen from outside
 * the prompt: whether a message answers it, and how many times in a row the person was not
 * understood there. Small talk and the repair offer (InterruptibleDialog) need both.
 */
import type { TurnContext } from 'botbuilder';
import type { DialogContext, DialogInstance } from 'botbuilder-dialogs';
import { matchChoice } from '../../bot/nlu/choiceMatcher';
import { innermost } from '../stepNavigation';
import { ChoiceIdPrompt, ChoicePromptOptions } from './choicePrompt';
import { locationOf, PlacePrompt, PlacePromptOptions } from './placePrompt';

interface PromptInstanceState {
  options?: { validations?: ChoicePromptOptions | PlacePromptOptions };
  state?: { misses?: number };
}

export interface OpenQuestion {
  /** `choice`: fixed choices only; `menu`: choices or any question; `place`: a place name, a pin or a choice. */
  readonly kind: 'choice' | 'menu' | 'place';
  /** A fixed-choice question: an answer outside its choices is a misunderstanding. */
  readonly strict: boolean;
  /** Whether the message picks one of the offered choices (or shares a location). */
  answeredBy(context: TurnContext): boolean;
  /** Misunderstandings in a row at this question (a re-shown menu carries its count on). */
  readonly misses: number;
  setMisses(count: number): void;
}

/** The open question at the deepest level of `dc`, or undefined when no prompt is waiting. */
export function openQuestion(dc: DialogContext): OpenQuestion | undefined {
  const deepest = innermost(dc);
  const instance = deepest.activeDialog as DialogInstance<PromptInstanceState> | undefined;
  if (!instance) return undefined;
  const prompt = deepest.findDialog(instance.id);
  if (!(prompt instanceof ChoiceIdPrompt) && !(prompt instanceof PlacePrompt)) return undefined;
  const asked = instance.state.options?.validations;
  const choices = asked?.choices ?? [];
  const inner = (instance.state.state ??= {});
  const kind = prompt instanceof PlacePrompt ? 'place' : (asked as ChoicePromptOptions | undefined)?.acceptText ? 'menu' : 'choice';
  return {
    kind,
    strict: kind === 'choice',
    answeredBy(context) {
      if (prompt instanceof PlacePrompt && locationOf(context.activity)) return true;
      const text = context.activity.text?.trim();
      return !!text && choices.length > 0 && matchChoice(text, choices) !== undefined;
    },
    get misses() {
      return inner.misses ?? (asked as ChoicePromptOptions | undefined)?.misses ?? 0;
    },
    setMisses(count) {
      inner.misses = count;
    },
  };
}
