/**
 * The reading budget of one answer turn (issue 8): a person on a cheap phone, under stress, reads
 * at most 3 messages and 1,200 characters a turn, none longer than 600. The question that closes
 * the turn (the main menu, "¿Te sirvió?", a theme's next question) is not counted: it is short and
 * it is what the person answers.
 */
import type { Reply } from './conversation';

export const MAX_MESSAGE_CHARS = 600;
export const MAX_TURN_MESSAGES = 3;
export const MAX_TURN_CHARS = 1200;

export interface BudgetReport {
  messages: number;
  chars: number;
  longest: number;
}

/** The replies that count against the budget: all but a closing message that offers choices. */
export function countedReplies(replies: Reply[]): Reply[] {
  const last = replies[replies.length - 1];
  return last && last.choices.length > 0 ? replies.slice(0, -1) : replies;
}

export function measureTurn(replies: Reply[]): BudgetReport {
  const counted = countedReplies(replies);
  return {
    messages: counted.length,
    chars: counted.reduce((sum, r) => sum + r.text.length, 0),
    longest: counted.reduce((max, r) => Math.max(max, r.text.length), 0),
  };
}

/** Why a turn breaks the budget, or undefined when it keeps to it. */
export function budgetViolation(replies: Reply[]): string | undefined {
  const { messages, chars, longest } = measureTurn(replies);
  if (longest > MAX_MESSAGE_CHARS) return `a message of ${longest} characters (max ${MAX_MESSAGE_CHARS})`;
  if (messages > MAX_TURN_MESSAGES) return `${messages} messages in one turn (max ${MAX_TURN_MESSAGES})`;
  if (chars > MAX_TURN_CHARS) return `${chars} characters in one turn (max ${MAX_TURN_CHARS})`;
  return undefined;
}
