/**
 * Builds outgoing activities. Choices become suggested actions (Emulator buttons); the WhatsApp
 * adapter turns the same actions into reply buttons (≤ 3) or a list (4-10), using `value` as the
 * WhatsApp id and `channelData.description` as the list row description.
 */
import { ActionTypes, Activity, ActivityTypes, CardAction } from 'botbuilder';
import type { Choice } from '../content/choice';

export interface ChoiceMessageOptions {
  /** WhatsApp list button label (≤ 20 characters). */
  listButton?: string;
  /** Prefix titles with their number so people can answer "3". */
  numbered?: boolean;
}

export function numberedTitle(choice: Choice, index: number): string {
  return `${index + 1}. ${choice.title}`;
}

export function choiceActions(choices: Choice[], numbered = false): CardAction[] {
  return choices.map((choice, index) => ({
    type: ActionTypes.ImBack,
    title: numbered ? numberedTitle(choice, index) : choice.title,
    value: choice.id,
    channelData: choice.description ? { description: choice.description } : undefined,
  }));
}

export function choiceMessage(text: string, choices: Choice[], options: ChoiceMessageOptions = {}): Partial<Activity> {
  return {
    type: ActivityTypes.Message,
    text,
    textFormat: 'markdown',
    suggestedActions: { actions: choiceActions(choices, options.numbered), to: [] },
    channelData: options.listButton ? { listButton: options.listButton } : undefined,
  };
}

export function textMessage(text: string): Partial<Activity> {
  return { type: ActivityTypes.Message, text, textFormat: 'markdown' };
}

/**
 * A text that stays its own message: a channel that joins a turn's consecutive texts into one
 * (WhatsApp, joinTexts.ts) leaves it apart. Each advisor reply is one, as the advisor wrote it.
 */
export function ownTextMessage(text: string): Partial<Activity> {
  return { ...textMessage(text), channelData: { ownMessage: true } };
}
