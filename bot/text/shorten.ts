/**
 * Shortening text to a length limit (WhatsApp's button, row and body limits, the inbound text cap)
 * without cutting an emoji in half or, for labels, a word.
 */

const ELLIPSIS = '…';

/** Cuts at `max` UTF-16 units without splitting a surrogate pair (an emoji). */
export function sliceSafe(text: string, max: number): string {
  let cut = text.slice(0, max);
  const last = cut.charCodeAt(cut.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1);
  return cut;
}

/**
 * Shortens a one-line label to at most `max` characters: whole words only, then "…".
 * A single word longer than `max` is the one case cut inside (nothing else would fit).
 *
 * @example shortenText('Salud, educación, trabajo y vivienda', 20) === 'Salud, educación…'
 */
export function shortenText(text: string, max: number): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return clean;
  if (max <= ELLIPSIS.length) return sliceSafe(clean, max);
  const room = max - ELLIPSIS.length;
  // A space at index `room` means the first `room` characters end on a whole word.
  const space = clean.lastIndexOf(' ', room);
  let head = space > 0 ? clean.slice(0, space) : sliceSafe(clean, room);
  head = head.replace(/[\s,;:.\-–—(/]+$/u, '');
  if (!head) head = sliceSafe(clean, room);
  return head + ELLIPSIS;
}
