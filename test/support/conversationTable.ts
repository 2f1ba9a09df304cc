/**
 * Table-driven conversation checks (BotBuilder-Samples style): each row is what the person says and
 * what the bot's replies to it must contain, lack, and offer as the last choices.
 */
import { allText, lastChoices, type Reply } from './conversation';

export interface TurnExpectation {
  contains?: string[];
  lacks?: string[];
  choices?: readonly string[];
}

/** Asserts one turn's replies; `label` names the step in a failure. */
export function checkTurn(replies: Reply[], expected: TurnExpectation, label: string): void {
  const text = allText(replies);
  expect({ label, replies: replies.length > 0 }).toEqual({ label, replies: true });
  for (const fragment of expected.contains ?? []) expect({ label, text }).toEqual({ label, text: expect.stringContaining(fragment) });
  for (const fragment of expected.lacks ?? []) expect({ label, text }).toEqual({ label, text: expect.not.stringContaining(fragment) });
  if (expected.choices) expect({ label, choices: lastChoices(replies) }).toEqual({ label, choices: [...expected.choices] });
}
