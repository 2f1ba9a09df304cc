/**
 * What a person's message may weigh before the bot looks at it: WhatsApp's own maximum for a text
 * (4,096 characters, /work/shared/research/whatsapp-cloud-api.md), on every channel. Nobody writes
 * more by hand, and matching a megabyte against the vocabulary would stall every other person's turn.
 */
import { sliceSafe } from './shorten';

export const MAX_INBOUND_TEXT = 4096;

/** The text cut to MAX_INBOUND_TEXT UTF-16 units, never splitting an emoji's surrogate pair. */
export function cutInboundText(text: string): string {
  return text.length <= MAX_INBOUND_TEXT ? text : sliceSafe(text, MAX_INBOUND_TEXT);
}
