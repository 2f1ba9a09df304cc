/**
 * A tapped option: a WhatsApp button or list row the bot sent, whose id the channel hands on as
 * the message text (with `value.id` the same). Nothing in it was typed by the person, so it holds
 * no words of theirs to check for danger; the ids are the content's own (a test keeps every one
 * of them free of danger words).
 */
import type { Activity } from 'botbuilder';

export function isTappedOption(activity: Partial<Activity>): boolean {
  const value = activity.value as { id?: unknown } | undefined;
  return typeof activity.text === 'string' && typeof value?.id === 'string' && value.id === activity.text;
}
