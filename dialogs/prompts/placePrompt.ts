/**
 * Asks where the person is. Accepts a shared location pin (WhatsApp sends it in
 * `activity.value.location`), one of the offered choices (e.g. "use the place from last time"),
 * or a typed place name, which the dialog resolves against DIVIPOLA.
 */
import { Activity, TurnContext } from 'botbuilder';
import { PromptOptions, PromptRecognizerResult } from 'botbuilder-dialogs';
import type { Choice } from '../../bot/content/choice';
import { isLatitude, isLongitude } from '../../bot/geo/coordinates';
import { matchChoice } from '../../bot/nlu/choiceMatcher';
import { choiceMessage, textMessage } from '../../bot/turn/replies';
import { prefaced } from '../../bot/turn/session';
import { SingleRecognitionPrompt } from './singleRecognitionPrompt';

export type PlaceAnswer =
  | { kind: 'location'; latitude: number; longitude: number }
  | { kind: 'choice'; id: string }
  /** `text` is there in the turn it was typed; state keeps no typed text (see ProWaterfallDialog). */
  | { kind: 'text'; text?: string };

/** The place prompt's answer handed to the next step, checked (`step.result` is untyped; after "atrás" it is saved state). */
export function placeAnswerIn(result: unknown): PlaceAnswer | undefined {
  if (typeof result !== 'object' || result === null || !('kind' in result)) return undefined;
  if (result.kind === 'location' && 'latitude' in result && 'longitude' in result) {
    const { latitude, longitude } = result;
    return typeof latitude === 'number' && typeof longitude === 'number' ? { kind: 'location', latitude, longitude } : undefined;
  }
  if (result.kind === 'choice' && 'id' in result && typeof result.id === 'string') return { kind: 'choice', id: result.id };
  if (result.kind !== 'text') return undefined;
  const text = 'text' in result && typeof result.text === 'string' ? result.text : undefined;
  return { kind: 'text', text };
}

export interface PlacePromptOptions {
  text: string;
  choices?: Choice[];
  retryText?: string;
}

export const PLACE_PROMPT = 'placePrompt';

export function placePromptOptions(options: PlacePromptOptions): PromptOptions {
  return { validations: options };
}

/** Reads a location from an activity's value, defensively (numbers may arrive as strings). */
export function locationOf(activity: Partial<Activity>): { latitude: number; longitude: number } | undefined {
  const location = (activity.value as { location?: { latitude?: unknown; longitude?: unknown } } | undefined)?.location;
  if (!location) return undefined;
  const latitude = Number(location.latitude);
  const longitude = Number(location.longitude);
  if (!isLatitude(latitude) || !isLongitude(longitude)) return undefined;
  return { latitude, longitude };
}

export class PlacePrompt extends SingleRecognitionPrompt<PlaceAnswer> {
  constructor(dialogId: string = PLACE_PROMPT) {
    super(dialogId);
  }

  protected async onPrompt(context: TurnContext, _state: object, options: PromptOptions, isRetry: boolean): Promise<void> {
    const o = options.validations as PlacePromptOptions;
    const text = isRetry && o.retryText ? `${o.retryText}\n\n${o.text}` : o.text;
    const said = prefaced(context, text);
    await context.sendActivity((o.choices?.length ? choiceMessage(said, o.choices) : textMessage(said)) as Activity);
  }

  protected async onRecognize(context: TurnContext, _state: object, options: PromptOptions): Promise<PromptRecognizerResult<PlaceAnswer>> {
    const o = options.validations as PlacePromptOptions;
    const location = locationOf(context.activity);
    if (location) return { succeeded: true, value: { kind: 'location', ...location } };
    const text = (context.activity.text ?? '').trim();
    if (!text) return { succeeded: false };
    const id = o.choices?.length ? matchChoice(text, o.choices) : undefined;
    if (id) return { succeeded: true, value: { kind: 'choice', id } };
    return { succeeded: true, value: { kind: 'text', text } };
  }
}
