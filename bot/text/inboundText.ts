/**
 * What a person's message may weigh before the bot looks at it: WhatsApp's own maximum for a text
 * (4,096 characters, /work/shared/research/whatsapp-cloud-api.md), on every channel. Nobody writes
 * more by hand, and matching a megabyte against the vocabulary would stall every other person's turn.
 */
export const MAX_INBOUND_TEXT = 4096;

/** The text cut to MAX_INBOUND_TEXT UTF-16 units, never splitting an emoji's surrogate pair. */
export function cutInboundText(text: string): string {
  if (text.length <= MAX_INBOUND_TEXT) return text;
  const cut = text.slice(0, MAX_INBOUND_TEXT);
  const last = cut.charCodeAt(cut.length - 1);
  return last >= 0xd800 && last <= 0xdbff ? cut.slice(0, -1) : cut;
}
