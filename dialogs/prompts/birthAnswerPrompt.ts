/**
 * The birth questions of the civil registry theme ("where and when was the child born?"). Like the
 * choice prompt it takes a tapped id, a number or words, but a typed answer is read for a place and
 * a year first (bot/nlu/birthAnswer.ts), because a year decides the branch: "nacio en colombia en
 * 2014" must land in "before 2015" whatever words it shares with the buttons. An answer that gives
 * only half ("nacio en cucuta", "en 2016") returns that half (`colombia`, `since_2015`, …) so the
 * dialog asks for the other.
 *
 * Not a ChoiceIdPrompt on purpose: MainDialog re-routes an unmatched choice answer that looks like
 * another question, and a birth answer ("nacio en colombia") always looks like a registry question.
 */
import { Activity, TurnContext } from 'botbuilder';
import { PromptOptions, PromptRecognizerResult } from 'botbuilder-dialogs';
import { BirthAnswer, ColombianPlaceTest, readBirthAnswer } from '../../bot/nlu/birthAnswer';
import { matchChoice } from '../../bot/nlu/choiceMatcher';
import { choiceMessage } from '../../bot/turn/replies';
import type { ChoiceAnswer, ChoicePromptOptions } from './choicePrompt';
import { prefaced } from '../../bot/turn/session';
import { SingleRecognitionPrompt } from './singleRecognitionPrompt';

export const BIRTH_PROMPT = 'birthAnswerPrompt';

/** Choice ids the birth questions use, and what each says about the birth. */
const MEANING: Readonly<Record<string, BirthAnswer>> = {
  co_since_2015: { place: 'colombia', period: 'since_2015' },
  co_before_2015: { place: 'colombia', period: 'before_2015' },
  abroad: { place: 'abroad' },
  colombia: { place: 'colombia' },
  since_2015: { period: 'since_2015' },
  before_2015: { period: 'before_2015' },
};

/** The most specific id that says what `reading` says: the whole answer, else the half it gives. */
export function birthAnswerId(reading: BirthAnswer): string | undefined {
  if (reading.place === 'abroad') return 'abroad';
  if (reading.place === 'colombia') return reading.period ? `co_${reading.period}` : 'colombia';
  return reading.period;
}

/** What two answers say together (the first question's half plus the follow-up's), as an id. */
export function combineBirthAnswers(...ids: (string | undefined)[]): string | undefined {
  const merged: BirthAnswer = {};
  for (const id of ids) Object.assign(merged, id ? MEANING[id] : {});
  return birthAnswerId(merged);
}

/** A button's words count when nothing was read, or when what was read says at least what the button says. */
function supportedBy(id: string, reading: BirthAnswer): boolean {
  if (!reading.place && !reading.period) return true;
  const meaning = MEANING[id] ?? {};
  return (!meaning.place || meaning.place === reading.place) && (!meaning.period || meaning.period === reading.period);
}

export class BirthAnswerPrompt extends SingleRecognitionPrompt<ChoiceAnswer> {
  constructor(private readonly isColombianPlace: ColombianPlaceTest, dialogId: string = BIRTH_PROMPT) {
    super(dialogId);
  }

  protected async onPrompt(context: TurnContext, _state: object, options: PromptOptions, isRetry: boolean): Promise<void> {
    const o = options.validations as ChoicePromptOptions;
    const text = isRetry && o.retryText ? `${o.retryText}\n\n${o.text}` : o.text;
    await context.sendActivity(choiceMessage(prefaced(context, text), o.choices, o) as Activity);
  }

  protected async onRecognize(context: TurnContext, _state: object, options: PromptOptions): Promise<PromptRecognizerResult<ChoiceAnswer>> {
    const { choices } = options.validations as ChoicePromptOptions;
    const offered = new Set(choices.map((c) => c.id));
    const text = (context.activity.text ?? '').trim();
    if (!text) return { succeeded: false };
    if (offered.has(text)) return { succeeded: true, value: { id: text } };
    const reading = readBirthAnswer(text, this.isColombianPlace);
    // "born in colombia" shares words with "Colombia, 2015 on" but gives no year: the reading decides.
    const matched = matchChoice(text, choices);
    if (matched && supportedBy(matched, reading)) return { succeeded: true, value: { id: matched, text } };
    const id = this.idFor(reading, offered);
    return id ? { succeeded: true, value: { id, text } } : { succeeded: false };
  }

  /** The offered id for what was read; at the first question a half answer is returned as it is. */
  private idFor(reading: BirthAnswer, offered: Set<string>): string | undefined {
    const whole = birthAnswerId(reading);
    if (whole && offered.has(whole)) return whole;
    if (reading.period && offered.has(reading.period)) return reading.period;
    if (reading.place && offered.has(reading.place)) return reading.place;
    // The where-and-when question takes a half answer; the dialog then asks for the other half.
    return offered.has('co_since_2015') && whole && MEANING[whole] ? whole : undefined;
  }
}
